package dev.tuf4j.crypto;

/** Kinds of key tuf4j can generate. Ed25519 is the default everywhere. */
public enum KeyType {
  ED25519(Scheme.ED25519),
  ECDSA_P256(Scheme.ECDSA_SHA2_NISTP256),
  ECDSA_P384(Scheme.ECDSA_SHA2_NISTP384),
  RSA(Scheme.RSASSA_PSS_SHA256);

  private final Scheme scheme;

  KeyType(Scheme scheme) {
    this.scheme = scheme;
  }

  public Scheme scheme() {
    return scheme;
  }
}
