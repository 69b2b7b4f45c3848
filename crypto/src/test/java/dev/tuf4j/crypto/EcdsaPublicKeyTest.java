package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.internal.EcdsaDer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EcdsaPublicKeyTest {
  private static final byte[] MESSAGE = "signed bytes".getBytes(StandardCharsets.UTF_8);

  /** One ECDSA scheme with its test key and the JDK's name for its curve. */
  record Curve(Scheme scheme, SigningKey signer, String jdkCurve, BigInteger order) {
    @Override
    public String toString() {
      return scheme.tufName();
    }

    PublicKey key() {
      return signer.publicKey();
    }
  }

  static List<Curve> curves() {
    return List.of(
        new Curve(
            Scheme.ECDSA_SHA2_NISTP256,
            TestKeys.P256,
            "secp256r1",
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)),
        new Curve(
            Scheme.ECDSA_SHA2_NISTP384,
            TestKeys.P384,
            "secp384r1",
            new BigInteger(
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
                16)));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void verifiesItsOwnSignature(Curve c) {
    assertTrue(c.key().verify(MESSAGE, c.signer().sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsAFlippedBitInTheMessageOrSignature(Curve c) {
    byte[] sig = c.signer().sign(MESSAGE);
    assertFalse(c.key().verify(TestKeys.flipBit(MESSAGE, 0, 0), sig));
    assertFalse(c.key().verify(MESSAGE, TestKeys.flipBit(sig, 10, 0)), "in r");
    assertFalse(c.key().verify(MESSAGE, TestKeys.flipBit(sig, sig.length - 3, 0)), "in s");
    assertFalse(c.key().verify(MESSAGE, TestKeys.flipBit(sig, 1, 0)), "in the DER length");
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsASignatureUnderAnotherKey(Curve c) {
    KeyType type = c.scheme() == Scheme.ECDSA_SHA2_NISTP256 ? KeyType.ECDSA_P256 : KeyType.ECDSA_P384;
    PublicKey other = SigningKey.generate(type, TestRandom.seeded(77)).publicKey();
    assertFalse(other.verify(MESSAGE, c.signer().sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsTruncatedExtendedAndEmptySignatures(Curve c) {
    byte[] sig = c.signer().sign(MESSAGE);
    assertFalse(c.key().verify(MESSAGE, Arrays.copyOf(sig, sig.length - 1)));
    assertFalse(c.key().verify(MESSAGE, Arrays.copyOf(sig, sig.length + 1)), "trailing byte");
    assertFalse(c.key().verify(MESSAGE, new byte[0]));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void acceptsHighS(Curve c) {
    BigInteger[] rs = EcdsaDer.parse(c.signer().sign(MESSAGE), 48);
    byte[] highS = EcdsaDer.encode(rs[0], c.order().subtract(rs[1]));
    assertTrue(c.key().verify(MESSAGE, highS), "n - s verifies like s (documented choice)");
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsOutOfRangeIntegers(Curve c) {
    BigInteger[] rs = EcdsaDer.parse(c.signer().sign(MESSAGE), 48);
    assertFalse(c.key().verify(MESSAGE, EcdsaDer.encode(BigInteger.ZERO, rs[1])), "r = 0");
    assertFalse(c.key().verify(MESSAGE, EcdsaDer.encode(rs[0], BigInteger.ZERO)), "s = 0");
    assertFalse(c.key().verify(MESSAGE, EcdsaDer.encode(rs[0], rs[1].add(c.order()))), "s + n");
    assertFalse(c.key().verify(MESSAGE, EcdsaDer.encode(rs[0], c.order())), "s = n");
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsNonDerEncodings(Curve c) {
    byte[] sig = c.signer().sign(MESSAGE);
    BigInteger[] rs = EcdsaDer.parse(sig, 48);
    // r with an unneeded leading zero byte.
    byte[] r = rs[0].toByteArray();
    byte[] s = rs[1].toByteArray();
    byte[] paddedR = new byte[r.length + 1];
    System.arraycopy(r, 0, paddedR, 1, r.length);
    assertFalse(c.key().verify(MESSAGE, sequence(integer(paddedR), integer(s))), "non-minimal");
    // Long-form length where the short form fits.
    byte[] body = Arrays.copyOfRange(sig, 2, sig.length);
    byte[] longForm = new byte[body.length + 3];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    longForm[2] = (byte) body.length;
    System.arraycopy(body, 0, longForm, 3, body.length);
    assertFalse(c.key().verify(MESSAGE, longForm), "BER long-form length");
    // r negative: drop the sign-protecting zero when the top bit is set, else set the top bit.
    assertFalse(
        c.key().verify(MESSAGE, sequence(integer(new byte[] {(byte) 0x80, 1}), integer(s))),
        "negative r");
    // Raw r||s (IEEE P1363) instead of DER.
    int n = (c.order().bitLength() + 7) / 8;
    byte[] raw = new byte[2 * n];
    byte[] rFixed = fixed(rs[0], n);
    byte[] sFixed = fixed(rs[1], n);
    System.arraycopy(rFixed, 0, raw, 0, n);
    System.arraycopy(sFixed, 0, raw, n, n);
    assertFalse(c.key().verify(MESSAGE, raw), "P1363 form");
  }

  @ParameterizedTest
  @MethodSource("curves")
  void writesOpenSslStylePem(Curve c) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec(c.jdkCurve()), TestRandom.seeded(5));
    java.security.PublicKey jdk = gen.generateKeyPair().getPublic();
    String pem = JdkPem.publicKey(jdk);
    PublicKey key = TestKeys.decode("ecdsa", c.scheme().tufName(), pem);
    assertEquals(pem, key.publicValue(), "64-character lines, trailing newline");
    assertTrue(key.publicValue().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertTrue(key.publicValue().endsWith("\n-----END PUBLIC KEY-----\n"));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsAKeyOnTheOtherCurve(Curve c) {
    Curve other = curves().get(c.scheme() == Scheme.ECDSA_SHA2_NISTP256 ? 1 : 0);
    KeyFormatException e =
        assertThrows(
            KeyFormatException.class,
            () -> TestKeys.decode("ecdsa", c.scheme().tufName(), other.key().publicValue()));
    assertTrue(e.getMessage().contains("curve"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsAnRsaKey(Curve c) {
    assertThrows(
        KeyFormatException.class,
        () -> TestKeys.decode("ecdsa", c.scheme().tufName(), TestKeys.RSA.publicKey().publicValue()));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsAPointOffTheCurve(Curve c) {
    byte[] der = JdkPem.der(c.key().publicValue());
    der[der.length - 1] ^= 1; // last byte of y: (x, y') is not on the curve
    KeyFormatException e =
        assertThrows(
            KeyFormatException.class,
            () -> TestKeys.decode("ecdsa", c.scheme().tufName(), JdkPem.pem("PUBLIC KEY", der)));
    assertTrue(e.getMessage().contains("not on curve"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("curves")
  void rejectsMalformedPem(Curve c) {
    String pem = c.key().publicValue();
    String scheme = c.scheme().tufName();
    List<String> broken =
        List.of(
            "",
            "not pem",
            pem.replace("-----END PUBLIC KEY-----\n", ""),
            pem.replace("PUBLIC KEY", "RSA PUBLIC KEY"),
            pem.replace("\n-----END", "!\n-----END"),
            pem.substring(0, 40) + "*" + pem.substring(41),
            pem + pem,
            "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n" + pem.substring(27),
            JdkPem.pem("PUBLIC KEY", Arrays.copyOf(JdkPem.der(pem), JdkPem.der(pem).length + 1)),
            JdkPem.pem(
                "PUBLIC KEY",
                Arrays.copyOf(JdkPem.der(pem), JdkPem.der(pem).length - 1)));
    for (String text : broken) {
      assertThrows(
          KeyFormatException.class, () -> TestKeys.decode("ecdsa", scheme, text), text);
    }
  }

  @ParameterizedTest
  @MethodSource("curves")
  void acceptsCrlfAndAMissingFinalNewline(Curve c) throws Exception {
    String pem = c.key().publicValue();
    assertEquals(c.key(), TestKeys.decode("ecdsa", c.scheme().tufName(), pem.replace("\n", "\r\n")));
    assertEquals(c.key(), TestKeys.decode("ecdsa", c.scheme().tufName(), pem.strip()));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void keepsTheLegacyKeytypeButEqualsTheCurrentForm(Curve c) throws Exception {
    String scheme = c.scheme().tufName();
    PublicKey legacy = TestKeys.decode(scheme, scheme, c.key().publicValue());
    assertEquals(scheme, legacy.keytype());
    assertEquals(scheme, ((dev.tuf4j.json.JsonString) legacy.toJson().get("keytype")).value());
    assertEquals(c.key(), legacy, "same key material counts once");
    assertNotEquals(c.key().keyId(), legacy.keyId(), "the keyid hashes the keytype as written");
    assertTrue(legacy.verify(MESSAGE, c.signer().sign(MESSAGE)));
  }

  @ParameterizedTest
  @MethodSource("curves")
  void decodesACompressedPointToTheSameKey(Curve c) throws Exception {
    byte[] der = JdkPem.der(c.key().publicValue());
    int n = (c.order().bitLength() + 7) / 8;
    byte[] point = Arrays.copyOfRange(der, der.length - (2 * n + 1), der.length);
    byte[] compressed = new byte[n + 1];
    compressed[0] = (byte) (0x02 | (point[2 * n] & 1));
    System.arraycopy(point, 1, compressed, 1, n);
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(der);
    byte[] compressedDer =
        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(info.getAlgorithm(), compressed)
            .getEncoded();
    PublicKey key =
        TestKeys.decode("ecdsa", c.scheme().tufName(), JdkPem.pem("PUBLIC KEY", compressedDer));
    assertEquals(c.key(), key);
    assertEquals(c.key().publicValue(), key.publicValue(), "written back uncompressed");
  }

  @Test
  void signsTheRfc6979P256Sha256SampleVector() throws Exception {
    // RFC 6979 A.2.5: P-256, SHA-256, message "sample".
    SigningKey key =
        jdkEcKey(
            "secp256r1", "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
    byte[] expected =
        EcdsaDer.encode(
            new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16),
            new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16));
    assertArrayEquals(expected, key.sign("sample".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void signsTheRfc6979P384Sha384SampleVector() throws Exception {
    // RFC 6979 A.2.6: P-384, SHA-384, message "sample".
    SigningKey key =
        jdkEcKey(
            "secp384r1",
            "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5");
    byte[] expected =
        EcdsaDer.encode(
            new BigInteger(
                "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
                16),
            new BigInteger(
                "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8",
                16));
    assertArrayEquals(expected, key.sign("sample".getBytes(StandardCharsets.US_ASCII)));
  }

  /** A signing key from the JDK's PKCS#8 encoding of scalar {@code dHex} (no public key in it). */
  private static SigningKey jdkEcKey(String curve, String dHex) throws Exception {
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(curve));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    byte[] pkcs8 =
        KeyFactory.getInstance("EC")
            .generatePrivate(new ECPrivateKeySpec(new BigInteger(dHex, 16), spec))
            .getEncoded();
    return SigningKey.fromPkcs8(pkcs8, TestRandom.seeded(0));
  }

  private static byte[] integer(byte[] content) {
    byte[] out = new byte[content.length + 2];
    out[0] = 0x02;
    out[1] = (byte) content.length;
    System.arraycopy(content, 0, out, 2, content.length);
    return out;
  }

  private static byte[] sequence(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length + 2];
    out[0] = 0x30;
    out[1] = (byte) (a.length + b.length);
    System.arraycopy(a, 0, out, 2, a.length);
    System.arraycopy(b, 0, out, 2 + a.length, b.length);
    return out;
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(be.length, length);
    System.arraycopy(be, be.length - copy, out, length - copy, copy);
    return out;
  }
}
