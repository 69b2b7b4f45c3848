package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void matchesTheExamplesInSecuresystemslibsDocumentation() {
    assertEquals("\"\"", CanonicalJson.encodeToString(new JsonString("")));
    assertEquals(
        "[1,2,3]",
        CanonicalJson.encodeToString(
            JsonArray.of(new JsonNumber(1), new JsonNumber(2), new JsonNumber(3))));
    assertEquals("[]", CanonicalJson.encodeToString(JsonArray.EMPTY));
    assertEquals(
        "{\"A\":[99]}",
        CanonicalJson.encodeToString(
            JsonObject.builder().put("A", JsonArray.of(new JsonNumber(99))).build()));
    assertEquals(
        "{\"x\":3,\"y\":2}",
        CanonicalJson.encodeToString(JsonObject.builder().put("x", 3).put("y", 2).build()));
  }

  @Test
  void writesControlCharactersRawSoItsOutputIsNotAlwaysStrictJson() {
    JsonObject key = JsonObject.builder().put("public", "-----BEGIN-----\nAA==\n").build();

    byte[] canonical = CanonicalJson.encode(key);

    assertArrayEquals(
        "{\"public\":\"-----BEGIN-----\nAA==\n\"}".getBytes(StandardCharsets.UTF_8), canonical);
    // Signatures cover these bytes; files never hold them. The strict parser refuses raw
    // control characters, as Python's json does.
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class, () -> StrictJsonParser.withDefaults().parse(canonical));
    assertEquals("$.public", e.jsonPath());
  }

  @Test
  void encodesLongExtremes() {
    assertEquals(
        "[-9223372036854775808,9223372036854775807]",
        CanonicalJson.encodeToString(
            JsonArray.of(new JsonNumber(Long.MIN_VALUE), new JsonNumber(Long.MAX_VALUE))));
  }

  @Test
  void encodesLongStringsWhoseUtf8IsThreeTimesTheirLength() {
    String s = "\u20ac".repeat(100_000) + "\"";

    byte[] canonical = CanonicalJson.encode(new JsonString(s));

    assertEquals(2 + 300_000 + 2, canonical.length);
    assertEquals('"', canonical[canonical.length - 2]);
    assertEquals('\\', canonical[canonical.length - 3]);
  }
}
