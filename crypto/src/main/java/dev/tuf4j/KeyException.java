package dev.tuf4j;

/** Key material or a key file that cannot be used. Never contains secret material. */
public abstract sealed class KeyException extends TufException
    permits KeyFormatException, KeyFileException {

  protected KeyException(String message) {
    super(message);
  }

  protected KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
