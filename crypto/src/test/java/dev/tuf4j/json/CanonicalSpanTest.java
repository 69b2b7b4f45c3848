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
 * The shortcut that takes a parsed member's canonical bytes from the input instead of re-encoding
 * ({@link CanonicalSpan}, {@link StrictJsonParser#parseWithMember}): it must never give other bytes
 * than {@link CanonicalJson#encode} of what was parsed, and it must fire on the common case.
 */
class CanonicalSpanTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  private static boolean scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return CanonicalSpan.isCanonical(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "0",
        "-1",
        "9223372036854775807",
        "true",
        "false",
        "null",
        "\"\"",
        "\"a/b c~\u007F\"",
        "{\"a\":1,\"ab\":[true,null,{}],\"b\":\"x\"}",
        "[[],[[0]],{\"\":-12}]"
      })
  void acceptsTheCanonicalFormOfPlainAsciiValues(String text) throws MetadataFormatException {
    assertTrue(scan(text));
    assertArrayEquals(
        text.getBytes(StandardCharsets.UTF_8), CanonicalJson.encode(PARSER.parse(bytes(text))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{ }",
        "{\"a\": 1}",
        "[1, 2]",
        " 1",
        "1 ",
        "-0",
        "01",
        "1.0",
        "1e5",
        "1E5",
        "+1",
        "-",
        "\"a\\\"b\"",
        "\"a\\\\b\"",
        "\"\\u0041\"",
        "\"\\/\"",
        "\"caf\u00e9\"",
        "\"tab\there\"",
        "{\"b\":1,\"a\":2}",
        "{\"ab\":1,\"a\":2}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,}",
        "[1,]",
        "[1",
        "{\"a\"",
        "{\"a\":}",
        "tru",
        "nulls",
        "\"open",
        ""
      })
  void refusesEverythingOutsideTheNarrowForm(String text) {
    assertFalse(scan(text));
  }

  @Test
  void refusesASpanThatHoldsMoreThanOneValue() {
    assertFalse(scan("1,2"));
    assertFalse(scan("{}{}"));
  }

  @Test
  void copiesTheSignedBytesOfACompactSortedAsciiDocument() throws MetadataFormatException {
    String signed = "{\"_type\":\"targets\",\"targets\":{\"a\":{\"length\":1}},\"version\":2}";
    byte[] doc = bytes("{\"signatures\":[],\"signed\":" + signed + "}");
    StrictJsonParser.Parsed parsed = PARSER.parseWithMember(doc, "signed");
    assertArrayEquals(bytes(signed), parsed.memberCanonicalBytes());
    assertTrue(CanonicalSpan.isCanonical(bytes(signed), 0, signed.length()));
  }

  @Test
  void reEncodesWhenTheSignedMemberIsIndented() throws MetadataFormatException {
    byte[] doc = bytes("{\"signed\": {\"b\": [1, 2], \"a\": \"x\\u0041\"}}");
    assertArrayEquals(
        bytes("{\"a\":\"xA\",\"b\":[1,2]}"),
        PARSER.parseWithMember(doc, "signed").memberCanonicalBytes());
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

  /** The common case fires: the canonical form of a plain ASCII tree without escapes passes. */
  @Property(tries = 300, seed = "3")
  void recognisesTheCanonicalFormOfEveryPlainAsciiTree(@ForAll("asciiTrees") JsonValue tree) {
    byte[] canonical = CanonicalJson.encode(tree);
    // A quote or backslash in a string is written escaped; such trees are left to the encoder.
    boolean escapes = new String(canonical, StandardCharsets.UTF_8).indexOf('\\') >= 0;
    assertEquals(!escapes, CanonicalSpan.isCanonical(canonical, 0, canonical.length));
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
    JsonValue signed = random.nextBoolean() ? ascii : any;
    if (!(signed instanceof JsonObject)) {
      signed = JsonObject.builder().put("x", signed).build();
    }
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

  /** Soundness of the scan alone on corrupted canonical text: it never accepts a wrong form. */
  @Property(tries = 1000, seed = "7")
  void anAcceptedSpanIsTheEncodingOfItsParse(
      @ForAll("asciiTrees") JsonValue tree, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    byte[] text = CanonicalJson.encode(tree);
    corrupt(text, random);
    if (!CanonicalSpan.isCanonical(text, 0, text.length)) {
      return;
    }
    JsonValue parsed;
    try {
      parsed = PARSER.parse(text);
    } catch (MetadataFormatException e) {
      // The scan accepts only what the parser has accepted before it is asked; a corruption that
      // passes the scan but not the parser can only be an integer outside long.
      assertTrue(e.getMessage().contains("-2^63 to 2^63-1"), e.getMessage());
      return;
    }
    assertArrayEquals(CanonicalJson.encode(parsed), text);
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
    renderTo(value, random, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void renderTo(JsonValue value, Random random, StringBuilder sb) {
    space(random, sb);
    if (value instanceof JsonObject o) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < o.size(); i++) {
        order.add(i);
      }
      if (random.nextInt(4) == 0) {
        Collections.shuffle(order, random);
      }
      sb.append('{');
      for (int k = 0; k < order.size(); k++) {
        if (k > 0) {
          sb.append(',');
        }
        space(random, sb);
        renderString(o.keyAt(order.get(k)), random, sb);
        space(random, sb);
        sb.append(':');
        renderTo(o.valueAt(order.get(k)), random, sb);
      }
      space(random, sb);
      sb.append('}');
    } else if (value instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        renderTo(a.get(i), random, sb);
      }
      space(random, sb);
      sb.append(']');
    } else if (value instanceof JsonString s) {
      renderString(s.value(), random, sb);
    } else if (value instanceof JsonNumber n) {
      sb.append(n.value() == 0 && random.nextInt(3) == 0 ? "-0" : Long.toString(n.value()));
    } else {
      sb.append(CanonicalJson.encodeToString(value));
    }
    space(random, sb);
  }

  private static void renderString(String s, Random random, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || random.nextInt(20) == 0) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (c == '/' && random.nextBoolean()) {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static void space(Random random, StringBuilder sb) {
    if (random.nextInt(8) == 0) {
      sb.append(" \n\t\r".charAt(random.nextInt(4)));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
