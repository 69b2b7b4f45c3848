package dev.tuf4j.vectors;

import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** The byte-level vectors: canonical JSON, signatures per scheme, hash-bin and path mapping. */
final class ByteVectors {
  private ByteVectors() {}

  /** {@code {"cases": [{"name", "input", "canonical_hex"}]}}: input is any JSON value. */
  static JsonObject canonicalJson() {
    List<JsonValue> cases = new ArrayList<>();
    canonical(cases, "empty object", JsonObject.EMPTY);
    canonical(cases, "empty array", JsonArray.EMPTY);
    canonical(cases, "literals", JsonArray.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
    canonical(cases, "integers", JsonArray.of(new JsonNumber(0), new JsonNumber(-1), new JsonNumber(1234567890123L),
        new JsonNumber(9007199254740991L)));
    canonical(cases, "keys sorted, nested, no whitespace", JsonObject.builder().put("b", 1).put("a",
        JsonObject.builder().put("z", true).put("y", JsonArray.of(new JsonString("x"), JsonObject.EMPTY)).build()).build());
    canonical(cases, "only quote and backslash escaped", new JsonString("quote \" backslash \\ slash / tab \t newline \n"));
    canonical(cases, "control characters raw", new JsonString("\u0000\u0001\u001f\u007f"));
    canonical(cases, "non-ASCII raw UTF-8", new JsonString("café 日本 😀"));
    canonical(cases, "keys by code point: upper case first", JsonObject.builder().put("a", 1).put("B", 2).put("_", 3)
        .put("A", 4).build());
    canonical(cases, "keys by code point: non-ASCII after ASCII", JsonObject.builder().put("é", 1).put("z", 2)
        .put("e", 3).build());
    canonical(cases, "keys by code point: U+E000 before U+1F600 (UTF-16 order differs)",
        JsonObject.builder().put("\uE000", 1).put("😀", 2).build());
    canonical(cases, "a TUF signed object", JsonObject.builder().put("_type", "timestamp")
        .put("spec_version", "1.0.31").put("version", 7).put("expires", "2030-01-01T00:00:00Z")
        .put("meta", JsonObject.builder().put("snapshot.json", JsonObject.builder().put("version", 7).build()).build())
        .build());
    return JsonObject.builder().put("cases", new JsonArray(cases)).build();
  }

  private static void canonical(List<JsonValue> cases, String name, JsonValue input) {
    cases.add(JsonObject.builder().put("name", name).put("input", input)
        .put("canonical_hex", Hex.encode(CanonicalJson.encode(input))).build());
  }

  /**
   * {@code {"cases": [{"name", "key", "keyid", "message_hex", "signature_hex", "valid"}]}}: {@code
   * key} is the TUF key object.
   */
  static JsonObject signatures() {
    KeyRing ring = new KeyRing();
    List<JsonValue> cases = new ArrayList<>();
    byte[] message = CanonicalJson.encode(JsonObject.builder().put("_type", "timestamp").put("version", 1).build());
    byte[] other = CanonicalJson.encode(JsonObject.builder().put("_type", "timestamp").put("version", 2).build());
    for (KeyType t : KeyType.values()) {
      SigningKey k = ring.key("signature-vectors", t);
      SigningKey stranger = ring.key("signature-vectors-other", t);
      String n = t.scheme().tufName();
      byte[] sig = k.sign(message);
      signature(cases, n + ": valid", k, message, sig, true);
      byte[] flipped = sig.clone();
      flipped[flipped.length / 2] ^= 1;
      signature(cases, n + ": one bit flipped in the signature", k, message, flipped, false);
      signature(cases, n + ": signature of another message", k, message, k.sign(other), false);
      signature(cases, n + ": signature by another key", k, message, stranger.sign(message), false);
      signature(cases, n + ": empty signature", k, message, new byte[0], false);
    }
    rsaMaximumSalt(cases, message);
    return JsonObject.builder().put("cases", new JsonArray(cases)).build();
  }

  /**
   * An RSA-PSS signature with the largest salt the key allows (what {@code cryptography}'s
   * {@code PSS.MAX_LENGTH} makes, so older securesystemslib signatures have it): verifiers must
   * accept it (CLIENT-WORKFLOW V4). tuf4j's signer always uses a 32-byte salt, so this one is
   * made with Bouncy Castle directly.
   */
  private static void rsaMaximumSalt(List<JsonValue> cases, byte[] message) {
    DeterministicRandom random = new DeterministicRandom("tuf4j-vectors/rsa-maximum-salt");
    org.bouncycastle.crypto.generators.RSAKeyPairGenerator g = new org.bouncycastle.crypto.generators.RSAKeyPairGenerator();
    g.init(new org.bouncycastle.crypto.params.RSAKeyGenerationParameters(java.math.BigInteger.valueOf(65537), random, 2048, 128));
    org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters priv =
        (org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters) g.generateKeyPair().getPrivate();
    int maxSalt = 256 - 32 - 2;
    org.bouncycastle.crypto.signers.PSSSigner signer = new org.bouncycastle.crypto.signers.PSSSigner(
        new org.bouncycastle.crypto.engines.RSABlindedEngine(), new org.bouncycastle.crypto.digests.SHA256Digest(), maxSalt);
    signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(priv, random));
    signer.update(message, 0, message.length);
    try {
      byte[] sig = signer.generateSignature();
      SigningKey k = SigningKey.fromPkcs8(
          org.bouncycastle.crypto.util.PrivateKeyInfoFactory.createPrivateKeyInfo(priv).getEncoded(), random);
      signature(cases, "rsassa-pss-sha256: valid, maximum salt length (222 bytes)", k, message, sig, true);
    } catch (org.bouncycastle.crypto.CryptoException | java.io.IOException | dev.tuf4j.KeyFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void signature(List<JsonValue> cases, String name, SigningKey k, byte[] message, byte[] sig,
      boolean valid) {
    cases.add(JsonObject.builder().put("name", name).put("key", k.publicKey().toJson())
        .put("keyid", k.publicKey().keyId()).put("message_hex", Hex.encode(message))
        .put("signature_hex", Hex.encode(sig)).put("valid", valid).build());
  }

  static final List<String> BIN_PATHS = List.of("", "a", "hello.txt", "pkg/alpha-1.0.tar.gz",
      "packages/3.10/e/example/example-1.0-py3-none-any.whl", "café/ünïcode.txt", "dir/with space.txt");

  /**
   * {@code {"succinct": [{"path", "sha256", "bit_length", "name_prefix", "role"}], "prefixes":
   * [{"path", "prefix", "matches"}]}}.
   */
  static JsonObject binMapping() {
    List<JsonValue> succinct = new ArrayList<>();
    List<JsonValue> prefixes = new ArrayList<>();
    for (String path : BIN_PATHS) {
      String sha = DelegationScenarios.sha256Hex(path);
      for (int bits : new int[] {1, 3, 4, 8, 11, 16, 32}) {
        Repo.Succinct s = new Repo.Succinct(bits, "bins", List.of());
        succinct.add(JsonObject.builder().put("path", path).put("sha256", sha).put("bit_length", bits)
            .put("name_prefix", "bins").put("role", s.binOf(path)).build());
      }
      for (String prefix : List.of(sha.substring(0, 1), sha.substring(0, 3), flipLast(sha.substring(0, 2)), "")) {
        prefixes.add(JsonObject.builder().put("path", path).put("prefix", prefix)
            .put("matches", sha.startsWith(prefix)).build());
      }
    }
    return JsonObject.builder().put("succinct", new JsonArray(succinct)).put("prefixes", new JsonArray(prefixes)).build();
  }

  private static String flipLast(String hex) {
    char c = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (c == '0' ? '1' : '0');
  }

  /** {@code {"cases": [{"pattern", "path", "matches"}]}}: delegation {@code paths} matching (5.6.7). */
  static JsonObject pathPatterns() {
    List<JsonValue> cases = new ArrayList<>();
    pattern(cases, "*", "file.txt", true);
    pattern(cases, "*", "dir/file.txt", false);
    pattern(cases, "dir/*", "dir/file.txt", true);
    pattern(cases, "dir/*", "dir/sub/file.txt", false);
    pattern(cases, "dir/*/*", "dir/sub/file.txt", true);
    pattern(cases, "*/file.txt", "dir/file.txt", true);
    pattern(cases, "file-?.txt", "file-1.txt", true);
    pattern(cases, "file-?.txt", "file-10.txt", false);
    pattern(cases, "file-?.txt", "file-/.txt", false);
    pattern(cases, "File.txt", "file.txt", false);
    pattern(cases, "dir/", "dir/", true);
    pattern(cases, "dir/", "dir/file.txt", false);
    pattern(cases, "*.tar.gz", "pkg-1.0.tar.gz", true);
    pattern(cases, "*.tar.gz", "pkg-1.0.zip", false);
    pattern(cases, "pkg/[ab]*", "pkg/alpha", true);
    pattern(cases, "pkg/[!ab]*", "pkg/alpha", false);
    pattern(cases, "pkg/[!ab]*", "pkg/gamma", true);
    pattern(cases, "exact.txt", "exact.txt", true);
    return JsonObject.builder().put("cases", new JsonArray(cases)).build();
  }

  private static void pattern(List<JsonValue> cases, String pattern, String path, boolean matches) {
    cases.add(JsonObject.builder().put("pattern", pattern).put("path", path).put("matches", matches).build());
  }
}
