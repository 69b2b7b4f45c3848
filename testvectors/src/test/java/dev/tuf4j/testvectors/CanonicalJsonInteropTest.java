package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * tuf4j's {@link CanonicalJson} and tuf-js's {@code @tufjs/canonical-json} must write the same
 * bytes for the same document, since every signature covers them. Documents go to node as JSON
 * text; node parses them with {@code JSON.parse}, tuf4j with its strict parser, and both encode.
 */
class CanonicalJsonInteropTest {
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Characters that bite, one string each (a surrogate pair is one emoji). */
  static final List<String> BITING = List.of(
      "a", "A", "Z", "z", "0", "9", "_", "-", ".", "/", " ", "\"", "\\", "'", "`", "%", "+", "~",
      "\u0000", "\u0001", "\b", "\t", "\n", "\f", "\r", "\u001b", "\u001f", "\u007f",
      "\u0080", "\u00a0", "\u00e9", "e\u0301", "\u00df", "\u0130", "\u2028", "\u2029",
      "\u4e2d", "\ud7ff", "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff");

  /**
   * Characters only values get: U+E000..U+FFFF in a key sorts differently in tuf-js when another
   * key has a character above U+FFFF at the same position ({@link
   * KnownDifference#CANONICAL_KEY_ORDER_BY_UTF16_UNITS}).
   */
  static final List<String> VALUE_ONLY = List.of("\ue000", "\uf8ff", "\ufeff", "\ufffd", "\uffff");

  @Test
  void trickyDocumentsCanonicalizeToTheSameBytes() {
    List<String> docs = new ArrayList<>();
    // As written by hand: escapes of every kind, whitespace, an escaped slash and surrogate pair.
    docs.add("{ \"b\" : [1, -1, 0, -0, 9007199254740991, -9007199254740991],\t\"a\":{}\r\n}");
    docs.add("\"\\u00e9\\/\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001F\\ud83d\\ude00\\u2028\"");
    docs.add("[true,false,null,[],{},[[]],{\"\":{\"\":\"\"}}]");
    // Built in code: unusual keys, which JavaScript objects treat specially.
    JsonObject.Builder keys = JsonObject.builder();
    int i = 0;
    for (String k : List.of("", " ", "\u0000", "a\u0000b", "__proto__", "constructor", "toString",
        "hasOwnProperty", "1", "01", "10", "2", "-1", "1.5", "4294967295", "4294967294", "\u00e9",
        "e\u0301", "Z", "a", "\ud83d\ude00", "\u4e2d", "\"", "\\", "\n", "length", "prototype")) {
      keys.put(k, i++);
    }
    docs.add(JsonText.write(keys.build()));
    // Every biting character as a value, and the value-only ones.
    JsonObject.Builder values = JsonObject.builder();
    for (String c : BITING) {
      values.put("k" + (i++), c);
    }
    for (String c : VALUE_ONLY) {
      values.put("k" + (i++), c + "\ud83d\ude00" + c);
    }
    docs.add(JsonText.write(values.build()));
    assertSameCanonicalBytes(docs);
  }

  @Property(tries = 4, seed = "20261126")
  void generatedDocumentsCanonicalizeToTheSameBytes(@ForAll("documents") List<JsonValue> documents) {
    assertSameCanonicalBytes(documents.stream().map(JsonText::write).toList());
  }

  @Provide
  Arbitrary<List<JsonValue>> documents() {
    return values(3).list().ofSize(60);
  }

  @Test
  void keysAreSortedByUtf16UnitsInTufJsAndByCodePointInTuf4j() throws Exception {
    String doc = JsonText.write(JsonObject.builder().put("\ue000", 1).put("\ud83d\ude00", 2).build());
    assertEquals("{\"\ue000\":1,\"\ud83d\ude00\":2}", tuf4j(doc));
    assertEquals("{\"\ud83d\ude00\":2,\"\ue000\":1}", tufJs(List.of(doc)).get(0),
        KnownDifference.CANONICAL_KEY_ORDER_BY_UTF16_UNITS.name());
  }

  @Test
  void integersBeyondTwoToThe53LosePrecisionInTufJs() throws Exception {
    String doc = "[9007199254740993,-9007199254740993,9223372036854775807]";
    assertEquals(doc, tuf4j(doc));
    assertEquals("[9007199254740992,-9007199254740992,9223372036854776000]", tufJs(List.of(doc)).get(0),
        KnownDifference.INTEGERS_ABOVE_2_POW_53_LOSE_PRECISION.name());
  }

  @Test
  void documentsTuf4jRefusesAreCanonicalizedByTufJs() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"a\":1,\"a\":2}", "{\"a\":2}");
    cases.put("\"\\ud800\"", "\"\ufffd\"");
    cases.put("1.0", "1");
    cases.put("1e2", "100");
    List<String> docs = List.copyOf(cases.keySet());
    List<String> js = tufJs(docs);
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i);
      assertThrows(MetadataFormatException.class, () -> tuf4j(doc), doc);
      assertEquals(cases.get(doc), js.get(i), KnownDifference.LENIENT_JSON_PARSING + ": " + doc);
    }
  }

  // ---- helpers ----

  static void assertSameCanonicalBytes(List<String> docs) {
    List<String> js = tufJs(docs);
    for (int i = 0; i < docs.size(); i++) {
      byte[] expected;
      try {
        expected = CanonicalJson.encode(StrictJsonParser.withDefaults().parse(docs.get(i).getBytes(StandardCharsets.UTF_8)));
      } catch (MetadataFormatException e) {
        throw new AssertionError("tuf4j refuses " + docs.get(i), e);
      }
      assertArrayEquals(expected, js.get(i).getBytes(StandardCharsets.UTF_8), "document " + i + ": " + docs.get(i)
          + "\n tuf4j:  " + new String(expected, StandardCharsets.UTF_8) + "\n tuf-js: " + js.get(i));
    }
  }

  static String tuf4j(String doc) throws MetadataFormatException {
    return CanonicalJson.encodeToString(StrictJsonParser.withDefaults().parse(doc.getBytes(StandardCharsets.UTF_8)));
  }

  /** tuf-js's canonical form of each document, in one node process. */
  static List<String> tufJs(List<String> docs) {
    TufJs.Run run = TufJs.get().models(JsonObject.builder()
        .put("op", "canonicalize").put("documents", JsonText.strings(docs)).build());
    assertEquals(0, run.exitCode(), run.toString());
    List<String> out = new ArrayList<>();
    for (JsonValue v : ((JsonArray) run.json().get("results")).elements()) {
      JsonObject r = (JsonObject) v;
      if (r.get("ok") != JsonBoolean.TRUE) {
        throw new AssertionError("tuf-js failed on a document: " + r);
      }
      byte[] bytes = Base64.getDecoder().decode(((JsonString) r.get("base64")).value());
      out.add(new String(bytes, StandardCharsets.UTF_8));
    }
    assertEquals(docs.size(), out.size());
    return out;
  }

  static Arbitrary<String> strings(List<String> alphabet) {
    return Arbitraries.of(alphabet).list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  static Arbitrary<JsonValue> values(int depth) {
    List<String> valueAlphabet = new ArrayList<>(BITING);
    valueAlphabet.addAll(VALUE_ONLY);
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
        strings(valueAlphabet).map(JsonString::new),
        Arbitraries.longs().between(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER).map(JsonNumber::new),
        Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonValue> array = values(depth - 1).list().ofMaxSize(4).map(JsonArray::new);
    Arbitrary<JsonValue> object = Arbitraries.maps(strings(BITING), values(depth - 1)).ofMaxSize(5)
        .map(JsonObject::of);
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(2, object));
  }
}
