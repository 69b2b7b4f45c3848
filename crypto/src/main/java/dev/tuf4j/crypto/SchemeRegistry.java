package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which key types and schemes a verifier accepts. Immutable; built by {@link #builder()}; {@link
 * #defaults()} accepts every {@link Scheme}. No global state: callers pass a registry in.
 *
 * <p>The keytype/scheme pairs tuf4j knows (TUF spec 4.2 and securesystemslib):
 *
 * <ul>
 *   <li>{@code ed25519} / {@code ed25519}
 *   <li>{@code ecdsa} / {@code ecdsa-sha2-nistp256}, and the older keytype {@code
 *       ecdsa-sha2-nistp256} / {@code ecdsa-sha2-nistp256}
 *   <li>{@code ecdsa} / {@code ecdsa-sha2-nistp384}, and {@code ecdsa-sha2-nistp384} / {@code
 *       ecdsa-sha2-nistp384}
 *   <li>{@code rsa} / {@code rsassa-pss-sha256}
 * </ul>
 *
 * Any other pair, or a pair whose scheme is not enabled, decodes to empty: such a key is
 * listed in metadata without being an error, but never verifies a signature.
 */
public final class SchemeRegistry {
  private static final SchemeRegistry DEFAULTS = new SchemeRegistry(EnumSet.allOf(Scheme.class));

  private final Set<Scheme> enabled;

  private SchemeRegistry(EnumSet<Scheme> enabled) {
    this.enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled));
  }

  /** Every scheme tuf4j implements. */
  public static SchemeRegistry defaults() {
    return DEFAULTS;
  }

  /** A builder that starts with no scheme enabled. */
  public static Builder builder() {
    return new Builder();
  }

  /** The enabled schemes. */
  public Set<Scheme> schemes() {
    return enabled;
  }

  public boolean isEnabled(Scheme scheme) {
    return enabled.contains(scheme);
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
    Objects.requireNonNull(keytype, "keytype");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(publicValue, "publicValue");
    Optional<Scheme> known = Scheme.byTufName(scheme);
    if (known.isEmpty() || !enabled.contains(known.get()) || !pairs(keytype, known.get())) {
      return Optional.empty();
    }
    Scheme s = known.get();
    if (s == Scheme.ED25519) {
      return Optional.of(Ed25519PublicKey.decode(publicValue));
    } else if (s == Scheme.RSASSA_PSS_SHA256) {
      return Optional.of(RsaPssPublicKey.decode(publicValue));
    } else {
      return Optional.of(EcdsaPublicKey.decode(keytype, s, publicValue));
    }
  }

  /** Whether {@code keytype} goes with {@code scheme}: its own keytype or the legacy spelling. */
  private static boolean pairs(String keytype, Scheme scheme) {
    if (keytype.equals(scheme.keytype())) {
      return true;
    }
    // The spec deprecated keytype "ecdsa-sha2-nistp256" for "ecdsa"; securesystemslib still
    // accepts keys written the old way, and so do we (P-384 likewise, for symmetry).
    return (scheme == Scheme.ECDSA_SHA2_NISTP256 || scheme == Scheme.ECDSA_SHA2_NISTP384)
        && keytype.equals(scheme.tufName());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SchemeRegistry other && enabled.equals(other.enabled);
  }

  @Override
  public int hashCode() {
    return enabled.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SchemeRegistry[");
    String sep = "";
    for (Scheme s : enabled) {
      sb.append(sep).append(s.tufName());
      sep = ", ";
    }
    return sb.append(']').toString();
  }

  /** Collects the schemes to enable. Not thread-safe. */
  public static final class Builder {
    private final EnumSet<Scheme> enabled = EnumSet.noneOf(Scheme.class);

    private Builder() {}

    /** Enables these schemes. */
    public Builder enable(Scheme first, Scheme... more) {
      enabled.add(Objects.requireNonNull(first, "scheme"));
      for (Scheme s : more) {
        enabled.add(Objects.requireNonNull(s, "scheme"));
      }
      return this;
    }

    /** Enables every scheme tuf4j implements. */
    public Builder enableAll() {
      enabled.addAll(EnumSet.allOf(Scheme.class));
      return this;
    }

    /** The registry; an empty one is allowed (it verifies nothing). */
    public SchemeRegistry build() {
      return new SchemeRegistry(enabled);
    }
  }
}
