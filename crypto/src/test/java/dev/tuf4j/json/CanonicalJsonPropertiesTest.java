package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The rules of canonical JSON, checked against small reference implementations of each rule. */
class CanonicalJsonPropertiesTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  /** Reference order: compare the code point sequences, shorter first on a common prefix. */
  private static final Comparator<String> BY_CODE_POINTS =
      (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

  /** Reference string rule (securesystemslib): backslash before " and \, the rest raw UTF-8. */
  private static String referenceString(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Provide
  Arbitrary<List<Map.Entry<String, JsonValue>>> members() {
    return Arbitraries.entries(JsonArbitraries.keys(), JsonArbitraries.values(1, true))
        .list()
        .ofMaxSize(12)
        .uniqueElements(Map.Entry::getKey);
  }

  @Provide
  Arbitrary<List<String>> distinctKeys() {
    return JsonArbitraries.keys().list().ofMaxSize(20).uniqueElements();
  }

  @Provide
  Arbitrary<String> anyString() {
    return JsonArbitraries.strings(true);
  }

  @Provide
  Arbitrary<JsonValue> trees() {
    return JsonArbitraries.values(4, true);
  }

  @Provide
  Arbitrary<JsonValue> treesWithoutControls() {
    return JsonArbitraries.values(4, false);
  }

  @Property
  void encodingDoesNotDependOnTheOrderMembersWereAdded(
      @ForAll("members") List<Map.Entry<String, JsonValue>> members, @ForAll Random random) {
    List<Map.Entry<String, JsonValue>> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, random);

    assertArrayEquals(
        CanonicalJson.encode(objectOf(members)), CanonicalJson.encode(objectOf(shuffled)));
  }

  @Property
  void encodingDoesNotDependOnTheMemberOrderOfParsedText(
      @ForAll("members") List<Map.Entry<String, JsonValue>> members, @ForAll Random random)
      throws MetadataFormatException {
    List<Map.Entry<String, JsonValue>> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, random);

    // The parser's own sort (not the builder's) puts the members in order.
    byte[] fromShuffledText = CanonicalJson.encode(PARSER.parse(textInOrder(shuffled)));

    assertArrayEquals(CanonicalJson.encode(objectOf(members)), fromShuffledText);
  }

  @Property
  void objectKeysAreWrittenInCodePointOrder(@ForAll("distinctKeys") List<String> keys) {
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < keys.size(); i++) {
      b.put(keys.get(i), i);
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(BY_CODE_POINTS);
    StringBuilder expected = new StringBuilder("{");
    for (String key : sorted) {
      if (expected.length() > 1) {
        expected.append(',');
      }
      expected.append(referenceString(key)).append(':').append(keys.indexOf(key));
    }
    expected.append('}');

    assertArrayEquals(
        expected.toString().getBytes(StandardCharsets.UTF_8), CanonicalJson.encode(b.build()));
  }

  @Provide
  Arbitrary<List<String>> manyKeys() {
    return JsonArbitraries.keys().list().ofMinSize(17).ofMaxSize(120);
  }

  @Property(tries = 300)
  void largeObjectsSortLikeTheReferenceAndFindDuplicates(@ForAll("manyKeys") List<String> keys) {
    String[] k = keys.toArray(new String[0]);
    JsonValue[] v = new JsonValue[k.length];
    for (int i = 0; i < k.length; i++) {
      v[i] = new JsonString(k[i]);
    }
    String[] duplicate = new String[1];
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(BY_CODE_POINTS);
    String expectedDuplicate = null;
    for (int i = 1; i < sorted.size() && expectedDuplicate == null; i++) {
      if (sorted.get(i - 1).equals(sorted.get(i))) {
        expectedDuplicate = sorted.get(i);
      }
    }

    JsonObject o = JsonObject.ofUnsorted(k, v, 0, k.length, duplicate);

    if (expectedDuplicate != null) {
      assertEquals(null, o);
      assertEquals(expectedDuplicate, duplicate[0]);
    } else {
      assertEquals(sorted, o.keys());
      for (String key : keys) {
        assertEquals(new JsonString(key), o.get(key)); // each value stayed with its key
      }
    }
  }

  @Property
  void codePointOrderAgreesWithComparingCodePointSequences(
      @ForAll("anyString") String a, @ForAll("anyString") String b) {
    assertEquals(
        Integer.signum(BY_CODE_POINTS.compare(a, b)),
        Integer.signum(CodePointOrder.INSTANCE.compare(a, b)));
  }

  @Property
  void stringsEscapeOnlyQuoteAndBackslashAndWriteEverythingElseAsRawUtf8(
      @ForAll("anyString") String s) {
    assertArrayEquals(
        referenceString(s).getBytes(StandardCharsets.UTF_8),
        CanonicalJson.encode(new JsonString(s)));
  }

  @Property(tries = 500)
  void canonicalBytesParseBackToAnEqualValueAndReencodeIdentically(
      @ForAll("treesWithoutControls") JsonValue value) throws MetadataFormatException {
    byte[] canonical = CanonicalJson.encode(value);

    JsonValue parsed = PARSER.parse(canonical);

    assertEquals(value, parsed);
    assertArrayEquals(canonical, CanonicalJson.encode(parsed));
  }

  @Property(tries = 500)
  void indentedFormParsesBackToAnEqualValue(@ForAll("trees") JsonValue value)
      throws MetadataFormatException {
    assertEquals(value, PARSER.parse(JsonWriter.indented(value)));
  }

  @Property(tries = 500)
  void indentedFormIsAscii(@ForAll("trees") JsonValue value) {
    for (byte b : JsonWriter.indented(value)) {
      if (b < 0x20 && b != '\n' || b >= 0x7F || b < 0) {
        throw new AssertionError("non-ASCII or control byte " + (b & 0xFF));
      }
    }
  }

  @Property(tries = 500)
  void canonicalFormOfAParsedIndentedDocumentEqualsTheValuesCanonicalForm(
      @ForAll("trees") JsonValue value) throws MetadataFormatException {
    assertArrayEquals(
        CanonicalJson.encode(value),
        CanonicalJson.encode(PARSER.parse(JsonWriter.indented(value))));
  }

  private static JsonObject objectOf(List<Map.Entry<String, JsonValue>> members) {
    JsonObject.Builder b = JsonObject.builder();
    members.forEach(e -> b.put(e.getKey(), e.getValue()));
    return b.build();
  }

  /** An object's JSON text with the members in exactly the given order. */
  private static byte[] textInOrder(List<Map.Entry<String, JsonValue>> members) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, JsonValue> e : members) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(ascii(JsonWriter.indented(new JsonString(e.getKey()))))
          .append(':')
          .append(ascii(JsonWriter.indented(e.getValue())));
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }
}
