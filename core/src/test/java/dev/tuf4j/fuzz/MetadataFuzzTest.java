package dev.tuf4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Signed;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The four metadata parsers on arbitrary bytes: only {@link MetadataFormatException} escapes, and
 * whatever parses writes itself ({@link Metadata#toBytes()}) as bytes that parse to an equal object
 * whose signatures cover the same canonical bytes as before. Seeds are the simulator's documents
 * ({@code MetadataFuzzTestInputs/}).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetadataFuzzTest {
  @FunctionalInterface
  interface Parser<T extends Signed> {
    Metadata<T> parse(byte[] bytes) throws MetadataFormatException;
  }

  @FuzzTest(maxDuration = "60s")
  void parseRoot(byte[] input) {
    check(input, Metadata::parseRoot);
  }

  @FuzzTest(maxDuration = "60s")
  void parseTimestamp(byte[] input) {
    check(input, Metadata::parseTimestamp);
  }

  @FuzzTest(maxDuration = "60s")
  void parseSnapshot(byte[] input) {
    check(input, Metadata::parseSnapshot);
  }

  @FuzzTest(maxDuration = "60s")
  void parseTargets(byte[] input) {
    check(input, bytes -> Metadata.parseTargets(bytes, "targets"));
  }

  static <T extends Signed> void check(byte[] input, Parser<T> parser) {
    Metadata<T> parsed;
    try {
      parsed = parser.parse(input);
    } catch (MetadataFormatException e) {
      assertTrue(e.jsonPath().startsWith("$"), "not a JSON path: " + e.jsonPath());
      return;
    }
    byte[] written = parsed.toBytes();
    Metadata<T> again;
    try {
      again = parser.parse(written);
    } catch (MetadataFormatException e) {
      throw new AssertionError("toBytes() wrote a document that does not parse: " + e, e);
    }
    assertEquals(parsed, again, "toBytes() does not parse back to an equal object");
    assertArrayEquals(
        parsed.signedBytes(), again.signedBytes(), "toBytes() changed what signatures cover");
    assertArrayEquals(written, again.toBytes(), "toBytes() is not stable");
  }
}
