package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StrictJsonParser#parseWithMember}: the member's canonical bytes, copied from the input
 * when it holds them already. They must never differ from {@link CanonicalJson#encode} of what was
 * parsed, and the copy must happen in the common case (compact, sorted, plain ASCII).
 */
class MemberBytesTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  /** Parses {"signatures":[],"signed":MEMBER}; checks the bytes; tells whether they were copied. */
  private static boolean copied(String member) throws MetadataFormatException {
    byte[] doc = bytes("{\"signatures\":[],\"signed\":" + member + "}");
    boolean[] copied = new boolean[1];
    byte[] got = PARSER.parseWithMember(doc, "signed", copied).memberCanonicalBytes();
    JsonObject parsed = (JsonObject) PARSER.parse(doc);
    assertArrayEquals(CanonicalJson.encode(parsed.get("signed")), got);
    return copied[0];
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\":0}",
        "{\"a\":-1,\"b\":9223372036854775807,\"c\":-9223372036854775808}",
        "{\"a\":true,\"b\":false,\"c\":null}",
        "{\"\":\"\",\"a\":\"a/b c~\u007F\"}",
        "{\"a\":1,\"ab\":[true,null,{}],\"b\":\"x\"}",
        "{\"x\":[[],[[0]],{\"\":-12}]}"
      })
  void copiesACanonicalMember(String member) throws MetadataFormatException {
    assertTrue(copied(member));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{ }",
        "{\"a\": 1}",
        "{\"a\":[1, 2]}",
        "{\"a\":1 }",
        "{\"a\":-0}",
        "{\"a\":[-0]}",
        "{\"a\":\"q\\\"q\"}",
        "{\"a\":\"b\\\\s\"}",
        "{\"a\\\"\":1}",
        "{\"a\":\"\\u0041\"}",
        "{\"a\":\"\\/\"}",
        "{\"a\":\"\\u00e9\"}",
        "{\"a\":\"\\ud83d\\ude00\"}",
        "{\"a\":\"\\t\"}",
        "{\"b\":1,\"a\":2}",
        "{\"ab\":1,\"a\":2}",
        "{\"a\":{\"d\":1,\"c\":2}}",
        "{\"a\":[{\"d\":1,\"c\":2}]}"
      })
  void reEncodesAMemberThatIsNotCanonical(String member) throws MetadataFormatException {
    assertFalse(copied(member));
  }

  @Test
  void reEncodesWhenTheDocumentHasNonAsciiBytes() throws MetadataFormatException {
    // The member itself is canonical, but offsets are no longer byte offsets.
    byte[] doc = bytes("{\"signatures\":[\"\u00e9\"],\"signed\":{\"a\":1}}");
    boolean[] copied = new boolean[1];
    assertArrayEquals(
        bytes("{\"a\":1}"), PARSER.parseWithMember(doc, "signed", copied).memberCanonicalBytes());
    assertFalse(copied[0]);
  }

  @Test
  void copiesWhateverTheRestOfTheDocumentLooksLike() throws MetadataFormatException {
    byte[] doc = bytes("{ \"signed\" :{\"a\":1} ,\n \"z\": [ 1 ], \"b\":-0}");
    boolean[] copied = new boolean[1];
    assertArrayEquals(
        bytes("{\"a\":1}"), PARSER.parseWithMember(doc, "signed", copied).memberCanonicalBytes());
    assertTrue(copied[0]);
  }

  @Test
  void givesNoMemberBytesWhenTheMemberIsAbsentOrTheDocumentIsNoObject()
      throws MetadataFormatException {
    assertNull(PARSER.parseWithMember(bytes("{\"x\":{}}"), "signed").memberCanonicalBytes());
    assertNull(PARSER.parseWithMember(bytes("[{\"signed\":{}}]"), "signed").memberCanonicalBytes());
  }

  @Test
  void encodesAMemberThatIsNoObject() throws MetadataFormatException {
    assertArrayEquals(
        bytes("[1,\"a\"]"),
        PARSER.parseWithMember(bytes("{\"signed\":[1,\"a\"]}"), "signed").memberCanonicalBytes());
  }

  @Test
  void decimalLengthIsTheLengthOfLongToString() {
    long[] samples = {0, 9, 10, -1, -10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    for (long v : samples) {
      assertEquals(Long.toString(v).length(), TreeReader.decimalLength(v), Long.toString(v));
    }
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertEquals(Long.toString(v).length(), TreeReader.decimalLength(v), Long.toString(v));
    }
  }

  /** Plain ASCII trees (sometimes with quote, backslash or DEL in strings), the common case. */
  @Provide
  Arbitrary<JsonValue> asciiTrees() {
    return asciiValues(4);
  }

  private static Arbitrary<JsonValue> asciiValues(int depth) {
    Arbitrary<String> strings =
        Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.chars().range(' ', '~')),
                Tuple.of(1, Arbitraries.of('"', '\\', '\u007F')))
            .list()
            .ofMaxSize(10)
            .map(
                cs -> {
                  StringBuilder sb = new StringBuilder();
                  cs.forEach(sb::append);
                  return sb.toString();
                });
    Arbitrary<JsonValue> scalars =
        Arbitraries.frequencyOf(
            Tuple.of(3, strings.map(JsonString::new)),
            Tuple.of(
                2,
                Arbitraries.oneOf(
                        Arbitraries.longs(),
                        Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE))
                    .map(JsonNumber::new)),
            Tuple.of(1, Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE)));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonValue> child = Arbitraries.lazy(() -> asciiValues(depth - 1));
    Arbitrary<JsonValue> arrays = child.list().ofMaxSize(4).map(JsonArray::new);
    Arbitrary<String> keys =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.strings().withChars("ab/.").ofMaxLength(3)),
            Tuple.of(1, strings));
    Arbitrary<JsonValue> objects =
        Arbitraries.entries(keys, child)
            .list()
            .ofMaxSize(5)
            .map(
                es -> {
                  JsonObject.Builder b = JsonObject.builder();
                  es.forEach(e -> b.put(e.getKey(), e.getValue()));
                  return b.build();
                });
    return Arbitraries.frequencyOf(Tuple.of(2, scalars), Tuple.of(1, arrays), Tuple.of(2, objects));
  }

  @Provide
  Arbitrary<JsonValue> anyTrees() {
    return JsonArbitraries.values(4, false);
  }

  /** The common case fires: a compact sorted plain ASCII member without escapes is copied. */
  @Property(tries = 300, seed = "3")
  void copiesTheCanonicalFormOfEveryPlainAsciiMember(@ForAll("asciiTrees") JsonValue tree)
      throws MetadataFormatException {
    JsonObject signed = tree instanceof JsonObject o ? o : JsonObject.builder().put("x", tree).build();
    String canonical = CanonicalJson.encodeToString(signed);
    // A quote or backslash in a string is written escaped; such members are re-encoded.
    assertEquals(canonical.indexOf('\\') < 0, copied(canonical));
  }

  /**
   * Soundness: whatever rendering or corruption of a document, when it parses, the member bytes
   * equal the re-encoding of the parsed member, taken from the input or not.
   */
  @Property(tries = 600, seed = "5")
  void memberBytesAlwaysEqualTheEncodingOfTheParsedMember(
      @ForAll("asciiTrees") JsonValue ascii,
      @ForAll("anyTrees") JsonValue any,
      @ForAll("seeds") long seed)
      throws MetadataFormatException {
    Random random = new Random(seed);
    // Two members at least, so that a shuffle can put them out of order.
    JsonObject signed =
        JsonObject.builder().put("m", ascii).put("n", random.nextBoolean() ? ascii : any).build();
    JsonObject doc =
        JsonObject.builder()
            .put("signatures", JsonArray.of(new JsonString("sig")))
            .put("signed", signed)
            .put("zz", new JsonNumber(1))
            .build();
    byte[] text = render(doc, random);
    if (random.nextInt(3) == 0) {
      corrupt(text, random);
    }
    JsonValue parsed;
    try {
      parsed = PARSER.parse(text);
    } catch (MetadataFormatException e) {
      return; // Corrupted beyond JSON: nothing to compare.
    }
    byte[] member = PARSER.parseWithMember(text, "signed").memberCanonicalBytes();
    JsonValue expected = parsed instanceof JsonObject o ? o.get("signed") : null;
    if (expected == null) {
      assertNull(member);
    } else {
      assertArrayEquals(CanonicalJson.encode(expected), member);
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** Overwrites a few bytes with characters that matter to JSON's and the scan's grammar. */
  private static void corrupt(byte[] text, Random random) {
    if (text.length == 0) {
      return;
    }
    byte[] alphabet = bytes("{}[]\",:0-19a \\e.\u007F");
    for (int n = 1 + random.nextInt(2); n > 0; n--) {
      text[random.nextInt(text.length)] = alphabet[random.nextInt(alphabet.length)];
    }
  }

  /**
   * Writes {@code value} as valid JSON in a random one of many forms: canonical, or with
   * whitespace, keys out of order, escapes where none are needed, {@code -0}, non-ASCII raw or
   * escaped.
   */
  static byte[] render(JsonValue value, Random random) {
    int style = random.nextInt(4);
    if (style == 0) {
      return CanonicalJson.encode(value);
    }
    if (style == 1) {
      return JsonWriter.compact(value);
    }
    StringBuilder sb = new StringBuilder();
    // Each difference from the canonical form half the time, so that each also shows alone.
    Style st = new Style(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
    renderTo(value, random, sb, st);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Style(boolean spaces, boolean escapes, boolean shuffle, boolean negativeZero) {}

  private static void renderTo(JsonValue value, Random random, StringBuilder sb, Style spaces) {
    space(random, sb, spaces);
    if (value instanceof JsonObject o) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < o.size(); i++) {
        order.add(i);
      }
      if (spaces.shuffle() && random.nextInt(2) == 0) {
        Collections.shuffle(order, random);
      }
      sb.append('{');
      for (int k = 0; k < order.size(); k++) {
        if (k > 0) {
          sb.append(',');
        }
        space(random, sb, spaces);
        renderString(o.keyAt(order.get(k)), random, sb, spaces);
        space(random, sb, spaces);
        sb.append(':');
        renderTo(o.valueAt(order.get(k)), random, sb, spaces);
      }
      space(random, sb, spaces);
      sb.append('}');
    } else if (value instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        renderTo(a.get(i), random, sb, spaces);
      }
      space(random, sb, spaces);
      sb.append(']');
    } else if (value instanceof JsonString s) {
      renderString(s.value(), random, sb, spaces);
    } else if (value instanceof JsonNumber n) {
      sb.append(n.value() == 0 && spaces.negativeZero() && random.nextBoolean() ? "-0" : Long.toString(n.value()));
    } else {
      sb.append(CanonicalJson.encodeToString(value));
    }
    space(random, sb, spaces);
  }

  private static void renderString(String s, Random random, StringBuilder sb, Style style) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || (style.escapes() && random.nextInt(10) == 0)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (c == '/' && style.escapes() && random.nextBoolean()) {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static void space(Random random, StringBuilder sb, Style style) {
    if (style.spaces() && random.nextInt(8) == 0) {
      sb.append(" \n\t\r".charAt(random.nextInt(4)));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
