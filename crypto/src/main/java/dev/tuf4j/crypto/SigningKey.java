package dev.tuf4j.crypto;

import java.security.SecureRandom;

/**
 * An in-memory private key. Never shows secret material ({@link #toString()} names only the
 * scheme and keyid) and has identity equality only.
 *
 * <p>SKELETON: the crypto work implements it.
 */
public final class SigningKey implements Signer {
  private SigningKey() {}

  /** A new key of {@code type} from {@code random}. */
  public static SigningKey generate(KeyType type, SecureRandom random) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public PublicKey publicKey() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public byte[] sign(byte[] message) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
