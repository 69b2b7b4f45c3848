package dev.tuf4j.crypto;

import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;

/** The TUF key object and keyid shared by the three public key classes. */
final class KeyObjects {
  private KeyObjects() {}

  /** {@code {"keytype": ..., "keyval": {"public": ...}, "scheme": ...}} (TUF spec 4.2, KEY). */
  static JsonObject toJson(String keytype, Scheme scheme, String publicValue) {
    return JsonObject.builder()
        .put("keytype", keytype)
        .put("keyval", JsonObject.builder().put("public", publicValue).build())
        .put("scheme", scheme.tufName())
        .build();
  }

  /**
   * The default keyid: hex SHA-256 of the key object's canonical JSON, as securesystemslib
   * computes it for new keys. (TUF spec 4.2: KEYID is "the hexdigest of the SHA-256 hash of the
   * canonical form of the key"; metadata may use any keyid, and verifiers take it as given.)
   */
  static String keyId(JsonObject keyObject) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, CanonicalJson.encode(keyObject)));
  }
}
