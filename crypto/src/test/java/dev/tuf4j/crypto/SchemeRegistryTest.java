package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SchemeRegistryTest {
  private final String ed25519 = TestKeys.ED25519.publicKey().publicValue();
  private final String p256 = TestKeys.P256.publicKey().publicValue();
  private final String p384 = TestKeys.P384.publicKey().publicValue();
  private final String rsa = TestKeys.RSA.publicKey().publicValue();

  @Test
  void defaultsEnableEveryScheme() {
    assertEquals(EnumSet.allOf(Scheme.class), SchemeRegistry.defaults().schemes());
  }

  @Test
  void decodesEveryKnownKeytypeSchemePair() throws Exception {
    SchemeRegistry r = SchemeRegistry.defaults();
    assertTrue(r.decode("ed25519", "ed25519", ed25519).orElseThrow() instanceof Ed25519PublicKey);
    assertTrue(r.decode("ecdsa", "ecdsa-sha2-nistp256", p256).isPresent());
    assertTrue(r.decode("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", p256).isPresent());
    assertTrue(r.decode("ecdsa", "ecdsa-sha2-nistp384", p384).isPresent());
    assertTrue(r.decode("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384", p384).isPresent());
    assertTrue(r.decode("rsa", "rsassa-pss-sha256", rsa).orElseThrow() instanceof RsaPssPublicKey);
  }

  @Test
  void unknownSchemesAndKeytypesDecodeToEmpty() throws Exception {
    SchemeRegistry r = SchemeRegistry.defaults();
    assertTrue(r.decode("ed25519", "ed448", ed25519).isEmpty());
    assertTrue(r.decode("rsa", "rsa-pkcs1v15-sha256", rsa).isEmpty());
    assertTrue(r.decode("ecdsa", "ecdsa-sha2-nistp521", p256).isEmpty());
    assertTrue(r.decode("sphincs", "sphincs-shake-128s", "00").isEmpty());
    assertTrue(r.decode("ED25519", "ed25519", ed25519).isEmpty(), "names are case-sensitive");
  }

  @Test
  void mismatchedPairsDecodeToEmpty() throws Exception {
    SchemeRegistry r = SchemeRegistry.defaults();
    assertTrue(r.decode("rsa", "ed25519", ed25519).isEmpty());
    assertTrue(r.decode("ed25519", "ecdsa-sha2-nistp256", p256).isEmpty());
    assertTrue(r.decode("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", p384).isEmpty());
    assertTrue(r.decode("ecdsa", "rsassa-pss-sha256", rsa).isEmpty());
  }

  @Test
  void unknownPairsAreNotParsedAtAll() throws Exception {
    // Garbage under an unknown scheme is not an error: the key is just unusable.
    assertTrue(SchemeRegistry.defaults().decode("rsa", "rsa-pkcs1v15-sha256", "garbage").isEmpty());
  }

  @Test
  void aRegistryDecodesOnlyItsEnabledSchemes() throws Exception {
    SchemeRegistry onlyEd25519 = SchemeRegistry.builder().enable(Scheme.ED25519).build();
    assertEquals(EnumSet.of(Scheme.ED25519), onlyEd25519.schemes());
    assertTrue(onlyEd25519.decode("ed25519", "ed25519", ed25519).isPresent());
    assertTrue(onlyEd25519.decode("rsa", "rsassa-pss-sha256", rsa).isEmpty());
    assertTrue(onlyEd25519.decode("ecdsa", "ecdsa-sha2-nistp256", p256).isEmpty());
  }

  @Test
  void anEmptyRegistryDecodesNothing() throws Exception {
    SchemeRegistry none = SchemeRegistry.builder().build();
    assertTrue(none.decode("ed25519", "ed25519", ed25519).isEmpty());
  }

  @Test
  void builderEnableAllEqualsDefaults() {
    assertEquals(SchemeRegistry.defaults(), SchemeRegistry.builder().enableAll().build());
    assertEquals(
        "SchemeRegistry[ed25519, rsassa-pss-sha256]",
        SchemeRegistry.builder().enable(Scheme.RSASSA_PSS_SHA256, Scheme.ED25519).build().toString());
  }

  @Test
  void malformedMaterialForAKnownPairIsAnError() {
    SchemeRegistry r = SchemeRegistry.defaults();
    assertThrows(KeyFormatException.class, () -> r.decode("ed25519", "ed25519", p256));
    assertThrows(KeyFormatException.class, () -> r.decode("ecdsa", "ecdsa-sha2-nistp256", ed25519));
    assertThrows(KeyFormatException.class, () -> r.decode("rsa", "rsassa-pss-sha256", p384));
  }

  @Test
  void schemesViewIsUnmodifiable() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> SchemeRegistry.defaults().schemes().remove(Scheme.ED25519));
  }
}
