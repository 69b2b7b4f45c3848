package dev.tuf4j.crypto;

/**
 * Something that signs with one private key: an in-memory {@link SigningKey}, or later a
 * hardware token. The metadata layer signs canonical bytes through this interface only.
 */
public interface Signer {
  /** The public half, whose {@link PublicKey#keyId()} names the signature. */
  PublicKey publicKey();

  /** A signature over {@code message} in the encoding TUF uses for this scheme (raw bytes). */
  byte[] sign(byte[] message);
}
