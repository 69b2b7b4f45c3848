package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Signatures cross both ways between tuf4j (Bouncy Castle inside) and the JDK's own providers
 * (SunEC, SunRsaSign): the JDK verifies ours, and we verify the JDK's.
 */
class JdkInteropTest {
  private static final byte[] MESSAGE =
      "{\"signed\":{\"_type\":\"root\"}}".getBytes(StandardCharsets.UTF_8);

  /** X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), before the 32 key bytes. */
  private static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";

  private static byte[] jdkSign(String algorithm, AlgorithmParameterSpec params, PrivateKey key)
      throws Exception {
    Signature s = Signature.getInstance(algorithm);
    if (params != null) {
      s.setParameter(params);
    }
    s.initSign(key, TestRandom.seeded(11));
    s.update(MESSAGE);
    return s.sign();
  }

  private static boolean jdkVerify(
      String algorithm, AlgorithmParameterSpec params, java.security.PublicKey key, byte[] sig)
      throws Exception {
    Signature s = Signature.getInstance(algorithm);
    if (params != null) {
      s.setParameter(params);
    }
    s.initVerify(key);
    s.update(MESSAGE);
    return s.verify(sig);
  }

  private static PSSParameterSpec pss(int saltLength) {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1);
  }

  private static java.security.PublicKey jdkPublic(String algorithm, PublicKey ours)
      throws Exception {
    byte[] spki =
        ours instanceof Ed25519PublicKey
            ? Hex.decode(ED25519_SPKI_PREFIX + ours.publicValue()).orElseThrow()
            : JdkPem.der(ours.publicValue());
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
  }

  private static PrivateKey jdkPrivate(String algorithm, SigningKey ours) throws Exception {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(ours.toPkcs8()));
  }

  // --- Ed25519 ---

  @Test
  void jdkVerifiesOurEd25519Signature() throws Exception {
    SigningKey key = TestKeys.ED25519;
    assertTrue(jdkVerify("Ed25519", null, jdkPublic("Ed25519", key.publicKey()), key.sign(MESSAGE)));
  }

  @Test
  void weVerifyTheJdksEd25519Signature() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    gen.initialize(NamedParameterSpec.ED25519, TestRandom.seeded(12));
    KeyPair pair = gen.generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    String raw = Hex.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    PublicKey ours = TestKeys.decode("ed25519", "ed25519", raw);
    assertTrue(ours.verify(MESSAGE, jdkSign("Ed25519", null, pair.getPrivate())));
  }

  @Test
  void jdkReadsOurEd25519PrivateKeyAndSignsIdentically() throws Exception {
    SigningKey key = TestKeys.ED25519;
    assertArrayEquals(key.sign(MESSAGE), jdkSign("Ed25519", null, jdkPrivate("Ed25519", key)));
  }

  // --- ECDSA ---

  private static void ecdsaBothWays(SigningKey ours, String curve, String algorithm)
      throws Exception {
    assertTrue(
        jdkVerify(algorithm, null, jdkPublic("EC", ours.publicKey()), ours.sign(MESSAGE)),
        "JDK verifies ours");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec(curve), TestRandom.seeded(13));
    KeyPair pair = gen.generateKeyPair();
    PublicKey theirs =
        TestKeys.decode("ecdsa", ours.scheme().tufName(), JdkPem.publicKey(pair.getPublic()));
    assertTrue(theirs.verify(MESSAGE, jdkSign(algorithm, null, pair.getPrivate())), "ours verifies JDK's");
    assertTrue(
        ours.publicKey().verify(MESSAGE, jdkSign(algorithm, null, jdkPrivate("EC", ours))),
        "JDK signs with our private key file form");
  }

  @Test
  void ecdsaP256SignaturesCrossBothWays() throws Exception {
    ecdsaBothWays(TestKeys.P256, "secp256r1", "SHA256withECDSA");
  }

  @Test
  void ecdsaP384SignaturesCrossBothWays() throws Exception {
    ecdsaBothWays(TestKeys.P384, "secp384r1", "SHA384withECDSA");
  }

  // --- RSASSA-PSS ---

  @Test
  void jdkVerifiesOurRsaPssSignatureWithSalt32() throws Exception {
    SigningKey key = TestKeys.RSA;
    assertTrue(
        jdkVerify("RSASSA-PSS", pss(32), jdkPublic("RSA", key.publicKey()), key.sign(MESSAGE)));
  }

  @Test
  void weVerifyTheJdksRsaPssSignaturesWithSalt32AndMax() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048, TestRandom.seeded(14));
    KeyPair pair = gen.generateKeyPair();
    PublicKey ours = TestKeys.decode("rsa", "rsassa-pss-sha256", JdkPem.publicKey(pair.getPublic()));
    assertTrue(ours.verify(MESSAGE, jdkSign("RSASSA-PSS", pss(32), pair.getPrivate())), "salt 32");
    assertTrue(
        ours.verify(MESSAGE, jdkSign("RSASSA-PSS", pss(256 - 32 - 2), pair.getPrivate())),
        "max salt");
  }

  @Test
  void jdkReadsOurRsaPrivateKey() throws Exception {
    SigningKey key = TestKeys.RSA;
    byte[] sig = jdkSign("RSASSA-PSS", pss(32), jdkPrivate("RSA", key));
    assertTrue(key.publicKey().verify(MESSAGE, sig));
  }

  @Test
  void noBouncyCastleProviderIsEverRegistered() throws Exception {
    for (SigningKey key : TestKeys.all()) {
      key.publicKey().verify(MESSAGE, key.sign(MESSAGE));
    }
    assertNull(Security.getProvider("BC"));
    assertEquals(
        0,
        Arrays.stream(Security.getProviders())
            .filter(p -> p.getClass().getName().startsWith("org.bouncycastle"))
            .count());
  }
}
