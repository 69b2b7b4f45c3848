package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import java.util.Optional;

/**
 * Which key types and schemes a verifier accepts. Immutable; built by {@link #builder()}; {@link
 * #defaults()} accepts every {@link Scheme}. No global state: callers pass a registry in.
 *
 * <p>SKELETON: the crypto work implements the bodies and may add builder methods.
 */
public final class SchemeRegistry {
  private SchemeRegistry() {}

  /** Every scheme tuf4j implements. */
  public static SchemeRegistry defaults() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Decodes a TUF key. Empty when the keytype/scheme pair is unknown or not enabled (such a key
   * never verifies anything, but is not an error for the metadata that carries it).
   *
   * @throws KeyFormatException when the pair is known but {@code publicValue} is malformed (bad
   *     hex, wrong length, bad PEM, wrong curve, RSA size out of 2048..4096)
   */
  public Optional<PublicKey> decode(String keytype, String scheme, String publicValue)
      throws KeyFormatException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
