package dev.tuf4j.crypto;

import java.util.Optional;

/** The signature schemes tuf4j implements, with their TUF names. */
public enum Scheme {
  ED25519("ed25519", "ed25519"),
  ECDSA_SHA2_NISTP256("ecdsa-sha2-nistp256", "ecdsa"),
  ECDSA_SHA2_NISTP384("ecdsa-sha2-nistp384", "ecdsa"),
  RSASSA_PSS_SHA256("rsassa-pss-sha256", "rsa");

  private final String tufName;
  private final String keytype;

  Scheme(String tufName, String keytype) {
    this.tufName = tufName;
    this.keytype = keytype;
  }

  /** The scheme's name in TUF metadata. */
  public String tufName() {
    return tufName;
  }

  /** The keytype new keys of this scheme are written with. */
  public String keytype() {
    return keytype;
  }

  /** The scheme with this TUF name, if tuf4j implements it. */
  public static Optional<Scheme> byTufName(String name) {
    for (Scheme s : values()) {
      if (s.tufName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
