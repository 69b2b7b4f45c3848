package dev.tuf4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Key decoding and signature verification on fuzzed input. Decoding a key either gives a key, an
 * empty result (a keytype/scheme pair tuf4j does not use) or {@link KeyFormatException}; verifying
 * never throws and never accepts a message the key did not sign.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyFuzzTest {
  static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();
  static final byte[] MESSAGE =
      "tuf4j fuzzing: the one message signed".getBytes(StandardCharsets.UTF_8);

  /** The keytype/scheme pairs {@link SchemeRegistry} decodes, as its documentation lists them. */
  static final List<List<String>> KNOWN_PAIRS =
      List.of(
          List.of("ed25519", "ed25519"),
          List.of("ecdsa", "ecdsa-sha2-nistp256"),
          List.of("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"),
          List.of("ecdsa", "ecdsa-sha2-nistp384"),
          List.of("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"),
          List.of("rsa", "rsassa-pss-sha256"));

  /** Names for the pairs that are mostly wrong: known names in the wrong pairs, near misses. */
  static final String[] ODD_KEYTYPES = {
    "ed25519",
    "ecdsa",
    "rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp521",
    "ED25519",
    "",
    "rsassa-pss-sha256"
  };

  static final String[] ODD_SCHEMES = {
    "ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "rsassa-pss-sha256",
    "rsa-pkcs1v15-sha256", "ecdsa-sha2-nistp521", "", "Ed25519"
  };

  /** How {@link #decode} makes the public value. */
  enum ValueShape {
    /** The payload as UTF-8 text. */
    TEXT,
    /** The payload as the body of a PEM {@code PUBLIC KEY} block. */
    PEM,
    /** The payload in hex. */
    HEX,
    /** A real key's public value of the chosen scheme, with up to four edits. */
    MUTATED
  }

  /** How {@link #verify} makes the message and signature. */
  enum SignatureShape {
    /** The signed message with the payload as the signature. */
    RAW_SIGNATURE,
    /** The signed message with its real signature, edited up to four times. */
    MUTATED_SIGNATURE,
    /** The payload as the message with the real signature. */
    OTHER_MESSAGE
  }

  /** A real key, decoded the way metadata gives it, and its signature over {@link #MESSAGE}. */
  record KeyCase(PublicKey key, byte[] signature) {}

  /**
   * One key per scheme, ed25519, P-256, P-384 and RSA (2048 bits: generating it is the slow part).
   */
  static final List<KeyCase> KEYS =
      List.of(
          keyCase(SigningKey.generate(KeyType.ED25519, seeded(1))),
          keyCase(SigningKey.generate(KeyType.ECDSA_P256, seeded(2))),
          keyCase(SigningKey.generate(KeyType.ECDSA_P384, seeded(3))),
          keyCase(SigningKey.generateRsa(2048, seeded(4))));

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] input) throws KeyFormatException {
    FuzzInput in = new FuzzInput(input);
    int pair = in.pick(KNOWN_PAIRS.size() + 2);
    String keytype;
    String scheme;
    if (pair < KNOWN_PAIRS.size()) {
      keytype = KNOWN_PAIRS.get(pair).get(0);
      scheme = KNOWN_PAIRS.get(pair).get(1);
    } else {
      keytype = in.oneOf(ODD_KEYTYPES);
      scheme = in.oneOf(ODD_SCHEMES);
    }
    KeyCase base = keyFor(scheme).orElseGet(() -> in.oneOf(KEYS.toArray(new KeyCase[0])));
    String value = publicValue(in.oneOf(ValueShape.values()), base, in);
    boolean known = KNOWN_PAIRS.contains(List.of(keytype, scheme));
    boolean genuine = known && value.equals(base.key().publicValue());

    Optional<PublicKey> decoded;
    try {
      decoded = REGISTRY.decode(keytype, scheme, value);
    } catch (KeyFormatException e) {
      assertNotNull(e.getMessage());
      assertFalse(genuine, "a real key's public value was refused: " + e);
      assertTrue(known, "an unknown pair was parsed: " + keytype + "/" + scheme);
      return;
    }
    assertEquals(known, decoded.isPresent(), keytype + "/" + scheme);
    if (decoded.isEmpty()) {
      return;
    }
    PublicKey key = decoded.get();
    assertEquals(scheme, key.scheme().tufName());
    assertEquals(keytype, key.keytype());
    if (genuine) {
      assertEquals(base.key(), key, "a real key's public value decoded to another key");
    }
    // The form tuf4j writes decodes to the same key, and the key verifies what its owner signed.
    assertEquals(key, REGISTRY.decode(keytype, scheme, key.publicValue()).orElseThrow());
    assertEquals(64, key.keyId().length());
    for (KeyCase c : KEYS) {
      if (c.key().equals(key)) {
        assertTrue(key.verify(MESSAGE, c.signature()), "an equal key does not verify");
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void verify(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    KeyCase c = in.oneOf(KEYS.toArray(new KeyCase[0]));
    byte[] message = MESSAGE;
    byte[] signature = c.signature();
    switch (in.oneOf(SignatureShape.values())) {
      case RAW_SIGNATURE:
        signature = in.rest();
        break;
      case MUTATED_SIGNATURE:
        signature = Mutations.mutate(c.signature(), in);
        break;
      default:
        message = in.rest();
        break;
    }
    boolean verified = c.key().verify(message, signature);
    if (verified) {
      assertArrayEquals(MESSAGE, message, "a signature verified a message the key never signed");
    }
    if (Arrays.equals(message, MESSAGE) && Arrays.equals(signature, c.signature())) {
      assertTrue(verified, "the real signature does not verify");
    }
  }

  /** The public value {@link #decode} tries, built from the input. */
  static String publicValue(ValueShape shape, KeyCase base, FuzzInput in) {
    switch (shape) {
      case TEXT:
        return new String(in.rest(), StandardCharsets.UTF_8);
      case PEM:
        return "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(in.rest())
            + "\n-----END PUBLIC KEY-----\n";
      case HEX:
        return Hex.encode(in.rest());
      default:
        byte[] genuine = base.key().publicValue().getBytes(StandardCharsets.UTF_8);
        return new String(Mutations.mutate(genuine, in), StandardCharsets.UTF_8);
    }
  }

  /** The real key of {@code scheme}, if tuf4j implements it. */
  static Optional<KeyCase> keyFor(String scheme) {
    return KEYS.stream().filter(c -> c.key().scheme().tufName().equals(scheme)).findFirst();
  }

  private static KeyCase keyCase(SigningKey signer) {
    PublicKey pub = signer.publicKey();
    try {
      PublicKey decoded =
          REGISTRY.decode(pub.keytype(), pub.scheme().tufName(), pub.publicValue()).orElseThrow();
      return new KeyCase(decoded, signer.sign(MESSAGE));
    } catch (KeyFormatException e) {
      throw new AssertionError("a generated key does not decode", e);
    }
  }

  /** A SHA1PRNG seeded before first use: the same keys (and signatures) on every run. */
  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(("tuf4j-fuzz-key-" + seed).getBytes(StandardCharsets.UTF_8));
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
