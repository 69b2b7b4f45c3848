package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class KeyIdTest {
  /** RFC 8032 TEST 1's public key. */
  private static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  private static String sha256Hex(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (byte b : d) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }

  @Test
  void ed25519KeyIdIsSha256OfTheCanonicalKeyObject() throws Exception {
    String canonical =
        "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + PUBLIC + "\"},\"scheme\":\"ed25519\"}";
    PublicKey key = TestKeys.decode("ed25519", "ed25519", PUBLIC);
    assertEquals(canonical, CanonicalJson.encodeToString(key.toJson()));
    assertEquals(sha256Hex(canonical), key.keyId());
  }

  @Test
  void upperCaseHexGetsTheKeyIdOfTheLowerCaseForm() throws Exception {
    PublicKey key = TestKeys.decode("ed25519", "ed25519", PUBLIC.toUpperCase(java.util.Locale.ROOT));
    String canonical =
        "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + PUBLIC + "\"},\"scheme\":\"ed25519\"}";
    assertEquals(sha256Hex(canonical), key.keyId());
  }

  @Test
  void ecdsaKeyIdHashesThePemWithRawNewlines() throws Exception {
    PublicKey key = TestKeys.P256.publicKey();
    // Canonical JSON escapes only '"' and '\\': the PEM's newlines go in as raw bytes.
    String canonical =
        "{\"keytype\":\"ecdsa\",\"keyval\":{\"public\":\""
            + key.publicValue()
            + "\"},\"scheme\":\"ecdsa-sha2-nistp256\"}";
    assertEquals(sha256Hex(canonical), key.keyId());
  }

  @Test
  void aSigningKeysPublicHalfHasTheSameKeyIdAsItsDecodedForm() throws Exception {
    for (SigningKey k : TestKeys.all()) {
      PublicKey p = k.publicKey();
      PublicKey decoded = TestKeys.decode(p.keytype(), p.scheme().tufName(), p.publicValue());
      assertEquals(p.keyId(), decoded.keyId(), p.scheme().tufName());
      assertEquals(p, decoded);
    }
  }
}
