package dev.tuf4j;

/** Public or private key material that is malformed for its declared type and scheme. */
public final class KeyFormatException extends KeyException {
  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
