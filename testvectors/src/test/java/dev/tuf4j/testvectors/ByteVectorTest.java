package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.DelegationMatching;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** tuf4j (and, for canonical JSON, tuf-js) against the byte vectors in {@code vectors/}. */
class ByteVectorTest {
  static List<JsonObject> cases(String file, String key) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : ((JsonArray) VectorSuite.read(VectorSuite.root().resolve("vectors").resolve(file)).get(key))
        .elements()) {
      out.add((JsonObject) v);
    }
    assertTrue(out.size() > 5, file + " has too few cases");
    return out;
  }

  static byte[] hex(JsonObject c, String key) {
    return Hex.decode(VectorSuite.string(c, key)).orElseThrow();
  }

  static boolean bool(JsonObject c, String key) {
    return c.get(key) == JsonBoolean.TRUE;
  }

  @Test
  void tuf4jWritesTheCanonicalBytesOfEveryCase() {
    for (JsonObject c : cases("canonical-json.json", "cases")) {
      assertEquals(VectorSuite.string(c, "canonical_hex"), Hex.encode(CanonicalJson.encode(c.get("input"))),
          VectorSuite.string(c, "name"));
    }
  }

  @Test
  void tufJsWritesTheCanonicalBytesOfEveryCaseButTheUtf16KeyOrderOne() {
    List<JsonObject> cases = cases("canonical-json.json", "cases");
    List<String> docs = new ArrayList<>();
    for (JsonObject c : cases) {
      docs.add(JsonText.write(c.get("input")));
    }
    List<String> js = CanonicalJsonInteropTest.tufJs(docs);
    int differences = 0;
    for (int i = 0; i < cases.size(); i++) {
      String expected = new String(hex(cases.get(i), "canonical_hex"), StandardCharsets.UTF_8);
      String name = VectorSuite.string(cases.get(i), "name");
      if (name.contains("UTF-16 order differs")) {
        // KnownDifference.CANONICAL_KEY_ORDER_BY_UTF16_UNITS: tuf-js puts the emoji first.
        assertEquals("{\"😀\":2,\"\uE000\":1}", js.get(i), name);
        differences++;
      } else {
        assertEquals(expected, js.get(i), name);
      }
    }
    assertEquals(1, differences);
  }

  @Test
  void tuf4jVerifiesExactlyTheValidSignatures() throws KeyFormatException {
    SchemeRegistry registry = SchemeRegistry.defaults();
    for (JsonObject c : cases("signatures.json", "cases")) {
      JsonObject key = (JsonObject) c.get("key");
      Optional<PublicKey> k = registry.decode(VectorSuite.string(key, "keytype"), VectorSuite.string(key, "scheme"),
          VectorSuite.string((JsonObject) key.get("keyval"), "public"));
      String name = VectorSuite.string(c, "name");
      assertTrue(k.isPresent(), name);
      assertEquals(VectorSuite.string(c, "keyid"), k.get().keyId(), name);
      assertEquals(bool(c, "valid"), k.get().verify(hex(c, "message_hex"), hex(c, "signature_hex")), name);
    }
  }

  @Test
  void tuf4jMapsEveryPathToItsSuccinctBin() {
    for (JsonObject c : cases("bin-mapping.json", "succinct")) {
      String path = VectorSuite.string(c, "path");
      int bits = (int) ((JsonNumber) c.get("bit_length")).value();
      assertEquals(VectorSuite.string(c, "sha256"), DelegationMatching.pathHash(path), path);
      assertEquals(VectorSuite.string(c, "role"), DelegationMatching.succinctBinName(
          VectorSuite.string(c, "name_prefix"), DelegationMatching.succinctBinIndex(path, bits), bits), path + " " + bits);
    }
  }

  @Test
  void tuf4jMatchesHashPrefixesAsListed() {
    for (JsonObject c : cases("bin-mapping.json", "prefixes")) {
      String path = VectorSuite.string(c, "path");
      assertEquals(bool(c, "matches"),
          DelegationMatching.matchesHashPrefix(List.of(VectorSuite.string(c, "prefix")), path), path);
    }
  }

  @Test
  void tuf4jMatchesDelegationPathPatternsAsListed() {
    for (JsonObject c : cases("path-patterns.json", "cases")) {
      assertEquals(bool(c, "matches"), DelegationMatching.matchesPathPattern(VectorSuite.string(c, "pattern"),
          VectorSuite.string(c, "path")), JsonText.write(c));
    }
  }
}
