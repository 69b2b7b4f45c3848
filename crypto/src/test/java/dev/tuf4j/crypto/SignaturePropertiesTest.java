package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Negative cases for every scheme, generated: no Wycheproof set is published as a Maven artifact,
 * so random mutations of valid signatures and random bytes stand in for it.
 */
class SignaturePropertiesTest {
  @Provide
  Arbitrary<SigningKey> keys() {
    return Arbitraries.of(TestKeys.all());
  }

  @Provide
  Arbitrary<String> schemes() {
    return Arbitraries.of(Scheme.values()).map(Scheme::tufName);
  }

  @Property(tries = 300)
  void signaturesOfRandomMessagesVerify(
      @ForAll("keys") SigningKey key, @ForAll @Size(max = 2000) byte[] message) {
    assertTrue(key.publicKey().verify(message, key.sign(message)));
  }

  @Property(tries = 500)
  void aSignatureWithAnyOneBitFlippedNeverVerifies(
      @ForAll("keys") SigningKey key,
      @ForAll @Size(max = 64) byte[] message,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] sig = key.sign(message);
    byte[] mutated = TestKeys.flipBit(sig, position % sig.length, bit);
    assertFalse(key.publicKey().verify(message, mutated));
  }

  @Property(tries = 500)
  void aSignatureWithAnyByteReplacedNeverVerifies(
      @ForAll("keys") SigningKey key,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] message = {1, 2, 3};
    byte[] sig = key.sign(message);
    sig[position % sig.length] ^= (byte) xor;
    assertFalse(key.publicKey().verify(message, sig));
  }

  @Property(tries = 300)
  void aTruncatedOrExtendedSignatureNeverVerifies(
      @ForAll("keys") SigningKey key,
      @ForAll @IntRange(min = 0, max = 1000) int cut,
      @ForAll @Size(min = 1, max = 8) byte[] tail) {
    byte[] message = {4, 5, 6};
    byte[] sig = key.sign(message);
    assertFalse(key.publicKey().verify(message, Arrays.copyOf(sig, cut % sig.length)));
    byte[] extended = Arrays.copyOf(sig, sig.length + tail.length);
    System.arraycopy(tail, 0, extended, sig.length, tail.length);
    assertFalse(key.publicKey().verify(message, extended));
  }

  @Property(tries = 1000)
  void randomBytesNeverVerifyAndNeverThrow(
      @ForAll("keys") SigningKey key,
      @ForAll @Size(max = 600) byte[] message,
      @ForAll @Size(max = 600) byte[] signature) {
    assertFalse(key.publicKey().verify(message, signature));
  }

  @Property(tries = 300)
  void randomDerShapedBytesNeverVerify(
      @ForAll("keys") SigningKey key, @ForAll @Size(min = 4, max = 110) byte[] body) {
    // SEQUENCE { INTEGER, ... } prefixes get past the first checks of the ECDSA parser.
    byte[] sig = Arrays.copyOf(new byte[] {0x30, (byte) (body.length), 0x02}, body.length + 2);
    System.arraycopy(body, 0, sig, 3, body.length - 1);
    assertFalse(key.publicKey().verify(new byte[] {7}, sig));
  }

  @Property(tries = 500)
  void randomPublicValuesDecodeOrFailWithKeyFormatException(
      @ForAll("schemes") String scheme, @ForAll @Size(max = 300) String publicValue) {
    String keytype = Scheme.byTufName(scheme).orElseThrow().keytype();
    try {
      SchemeRegistry.defaults().decode(keytype, scheme, publicValue);
    } catch (KeyFormatException expected) {
      // the only allowed failure
    }
  }

  @Property(tries = 300)
  void randomDerInsidePemDecodesOrFailsWithKeyFormatException(
      @ForAll("schemes") String scheme, @ForAll @Size(max = 600) byte[] der) {
    String keytype = Scheme.byTufName(scheme).orElseThrow().keytype();
    try {
      SchemeRegistry.defaults().decode(keytype, scheme, JdkPem.pem("PUBLIC KEY", der));
    } catch (KeyFormatException expected) {
      // the only allowed failure
    }
  }

  @Property(tries = 300)
  void mutatedPublicKeyDerNeverVerifiesTheOriginalSignature(
      @ForAll("keys") SigningKey key,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    PublicKey pub = key.publicKey();
    byte[] message = {8};
    byte[] sig = key.sign(message);
    String mutated;
    if (pub instanceof Ed25519PublicKey) {
      byte[] raw = Hex.decode(pub.publicValue()).orElseThrow();
      raw[position % raw.length] ^= (byte) xor;
      mutated = Hex.encode(raw);
    } else {
      byte[] der = JdkPem.der(pub.publicValue());
      der[position % der.length] ^= (byte) xor;
      mutated = JdkPem.pem("PUBLIC KEY", der);
    }
    PublicKey other;
    try {
      other = TestKeys.decode(pub.keytype(), pub.scheme().tufName(), mutated);
    } catch (KeyFormatException rejected) {
      return;
    }
    assertFalse(other.verify(message, sig));
  }
}
