package dev.tuf4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.JsonWriter;
import dev.tuf4j.json.ParseLimits;
import dev.tuf4j.json.StrictJsonParser;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The strict JSON parser and canonical JSON on arbitrary bytes. Without {@code JAZZER_FUZZ} these
 * run over the committed corpus in {@code JsonFuzzTestInputs/}; see {@code .ci/fuzz} for fuzzing.
 * The timeout is per input (libFuzzer's {@code -timeout} when fuzzing): a hang is a failure.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonFuzzTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  /** Small limits, so that short inputs reach every limit check. */
  private static final StrictJsonParser TIGHT = new StrictJsonParser(new ParseLimits(512, 4, 16));

  /**
   * Only {@link MetadataFormatException} escapes, and it points into the document. Limits only ever
   * refuse more: what the tight parser accepts, the default one reads the same.
   */
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    JsonValue value = parseOrNull(PARSER, input);
    JsonValue tight = parseOrNull(TIGHT, input);
    if (tight != null) {
      assertEquals(tight, value, "the tight and the default parser read different values");
    }
  }

  /**
   * For every document that parses: encoding succeeds and is deterministic; the canonical form
   * parses back to the same value and re-encodes to the same bytes, unless a string holds a control
   * character, which canonical JSON writes raw and strict JSON refuses (documented in {@link
   * CanonicalJson}); the file form ({@link JsonWriter}) always parses back.
   */
  @FuzzTest(maxDuration = "60s")
  void canonicalRoundTrip(byte[] input) throws MetadataFormatException {
    JsonValue value = parseOrNull(PARSER, input);
    if (value == null) {
      return;
    }
    byte[] canonical = CanonicalJson.encode(value);
    assertArrayEquals(canonical, CanonicalJson.encode(value), "encoding is not deterministic");
    if (hasControlCharacter(value)) {
      assertThrows(MetadataFormatException.class, () -> PARSER.parse(canonical));
    } else {
      JsonValue back = PARSER.parse(canonical);
      assertEquals(value, back, "the canonical form parses to another value");
      assertArrayEquals(canonical, CanonicalJson.encode(back), "canonical form is not stable");
    }
    JsonValue fromFile = PARSER.parse(JsonWriter.indented(value));
    assertEquals(value, fromFile, "the file form parses to another value");
  }

  /** The parsed value, or null after checking that the rejection names a JSON path. */
  static JsonValue parseOrNull(StrictJsonParser parser, byte[] input) {
    try {
      return parser.parse(input);
    } catch (MetadataFormatException e) {
      assertTrue(e.jsonPath().startsWith("$"), "not a JSON path: " + e.jsonPath());
      assertTrue(e.getMessage().contains(e.detail()), e.getMessage());
      return null;
    }
  }

  /** Whether a string or key anywhere in {@code v} holds a character below U+0020. */
  static boolean hasControlCharacter(JsonValue v) {
    if (v instanceof JsonString s) {
      return hasControlCharacter(s.value());
    }
    if (v instanceof JsonArray a) {
      return a.elements().stream().anyMatch(JsonFuzzTest::hasControlCharacter);
    }
    if (v instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) {
        if (hasControlCharacter(o.keyAt(i)) || hasControlCharacter(o.valueAt(i))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(c -> c < 0x20);
  }
}
