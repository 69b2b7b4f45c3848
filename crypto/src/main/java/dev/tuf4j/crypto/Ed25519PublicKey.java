package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.json.JsonObject;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), TUF keytype and scheme {@code ed25519}, written as 64 hex
 * characters. Equal to another when the 32 key bytes are equal.
 *
 * <p>Decoding accepts upper- and lower-case hex, as securesystemslib ({@code bytes.fromhex}),
 * go-tuf and tuf-js do; {@link #publicValue()} is always lower case. The 32 bytes must encode a
 * point of the curve (a key that is not one could never verify anything). Verification is
 * Bouncy Castle's RFC 8032 verify, which rejects non-canonical signatures with S &gt;= L and
 * non-canonical R. Messages of {@link #JDK_HASH_MIN_LENGTH} bytes or more are verified by {@link
 * Ed25519JdkHashVerifier} first, which hashes with the JDK's faster SHA-512 and accepts only
 * what Bouncy Castle's verify accepts; what it rejects goes to Bouncy Castle's verify, so the
 * verdict is Bouncy Castle's for every length.
 */
public final class Ed25519PublicKey implements PublicKey {
  static final String KEYTYPE = "ed25519";
  private static final int KEY_LENGTH = 32;
  private static final int SIGNATURE_LENGTH = 64;

  /**
   * From this message length on, hashing dominates a check and the JDK-hash verifier wins: its
   * curve arithmetic costs about 0.1 ms more than Bouncy Castle's, its SHA-512 saves about 2 ns
   * per byte (bench/RESULTS.md, "Verification speed-ups").
   */
  static final int JDK_HASH_MIN_LENGTH = 64 * 1024;

  // Made on the first long message: a key of prime order gets a verifier, any other key keeps
  // Bouncy Castle's verify (NO_FAST_PATH).
  private volatile Object fastPath;
  private static final Object NO_FAST_PATH = new Object();

  private final byte[] raw;
  private final Ed25519PublicKeyParameters params; // holds the decoded point: verify never re-parses
  private final String keyId;

  private Ed25519PublicKey(byte[] raw, Ed25519PublicKeyParameters params) {
    this.raw = raw;
    this.params = params;
    this.keyId = KeyObjects.keyId(toJson());
  }

  /** Decodes {@code keyval.public}. */
  static Ed25519PublicKey decode(String publicValue) throws KeyFormatException {
    if (publicValue.length() != 2 * KEY_LENGTH) {
      throw new KeyFormatException(
          "ed25519 public key must be "
              + 2 * KEY_LENGTH
              + " hex characters (32 bytes), got "
              + publicValue.length()
              + " characters");
    }
    Optional<byte[]> bytes = Hex.decode(publicValue);
    if (bytes.isEmpty()) {
      throw new KeyFormatException("ed25519 public key is not hex");
    }
    return fromBytes(bytes.get());
  }

  /** The key with these 32 bytes. */
  static Ed25519PublicKey fromBytes(byte[] raw) throws KeyFormatException {
    if (raw.length != KEY_LENGTH) {
      throw new KeyFormatException("ed25519 public key must be 32 bytes, got " + raw.length);
    }
    byte[] copy = raw.clone();
    try {
      return new Ed25519PublicKey(copy, new Ed25519PublicKeyParameters(copy));
    } catch (RuntimeException e) {
      throw new KeyFormatException("ed25519 public key is not a point on the curve");
    }
  }

  @Override
  public String keytype() {
    return KEYTYPE;
  }

  @Override
  public Scheme scheme() {
    return Scheme.ED25519;
  }

  @Override
  public String publicValue() {
    return Hex.encode(raw);
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (message == null || signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      // The fast path accepts a subset of what Bouncy Castle accepts; on a rejection Bouncy
      // Castle decides, so the verdict never depends on the message length (only the rare
      // rejection pays for both checks).
      if (message.length >= JDK_HASH_MIN_LENGTH
          && fastPath() instanceof Ed25519JdkHashVerifier verifier
          && verifier.verify(message, signature)) {
        return true;
      }
      return params.verify(
          Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    } catch (RuntimeException e) {
      return false; // attacker-controlled input never escapes as an exception
    }
  }

  private Object fastPath() {
    Object f = fastPath;
    if (f == null) {
      Ed25519JdkHashVerifier verifier = Ed25519JdkHashVerifier.forKey(raw);
      f = verifier == null ? NO_FAST_PATH : verifier;
      fastPath = f; // racing threads compute equal values
    }
    return f;
  }

  @Override
  public JsonObject toJson() {
    return KeyObjects.toJson(KEYTYPE, Scheme.ED25519, publicValue());
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[keyid=" + keyId + "]";
  }
}
