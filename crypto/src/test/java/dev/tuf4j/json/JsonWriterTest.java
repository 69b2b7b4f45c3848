package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The indented form byte for byte as Python's {@code json.dumps(obj, indent=1, separators=(",", ":
 * "), sort_keys=True)} writes it (python-tuf's default JSONSerializer). Expected texts follow
 * Python's rules: newline plus one space per level before each member, ", " never (the item
 * separator is a bare comma), {} and [] for empty containers, ASCII escapes with lowercase hex.
 */
class JsonWriterTest {
  private static String indented(JsonValue v) {
    return new String(JsonWriter.indented(v), StandardCharsets.US_ASCII);
  }

  @Test
  void writesNestedContainersOneMemberPerLineIndentedByOneSpacePerLevel() {
    JsonObject value =
        JsonObject.builder()
            .put("b", JsonArray.of(new JsonNumber(1), new JsonNumber(2), JsonObject.EMPTY))
            .put(
                "a",
                JsonObject.builder().put("y", JsonArray.EMPTY).put("x", JsonNull.INSTANCE).build())
            .put("c", true)
            .build();

    assertEquals(
        "{\n"
            + " \"a\": {\n"
            + "  \"x\": null,\n"
            + "  \"y\": []\n"
            + " },\n"
            + " \"b\": [\n"
            + "  1,\n"
            + "  2,\n"
            + "  {}\n"
            + " ],\n"
            + " \"c\": true\n"
            + "}",
        indented(value));
  }

  @Test
  void writesEmptyContainersAndScalarsAtTheRootOnOneLine() {
    assertEquals("{}", indented(JsonObject.EMPTY));
    assertEquals("[]", indented(JsonArray.EMPTY));
    assertEquals("-9223372036854775808", indented(new JsonNumber(Long.MIN_VALUE)));
    assertEquals("false", indented(JsonBoolean.FALSE));
    assertEquals("\"x\"", indented(new JsonString("x")));
  }

  @Test
  void escapesLikePythonsEnsureAscii() {
    // Python: json.dumps("\"\\/\b\f\n\r\t\x00\x1f\x7f\xe9\u20ac\U0001F600 ~")
    assertEquals(
        "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u00e9\\u20ac\\ud83d\\ude00 ~\"",
        indented(new JsonString("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u20ac\ud83d\ude00 ~")));
  }

  @Test
  void escapesKeysTooAndSortsThemByCodePoint() {
    JsonObject value =
        JsonObject.builder().put("\ud800\udc00", 1).put("\ue000", 2).put("\n", 3).build();

    assertEquals("{\n \"\\n\": 3,\n \"\\ue000\": 2,\n \"\\ud800\\udc00\": 1\n}", indented(value));
  }

  @Test
  void writesAPemKeyOnOneLineWithEscapedNewlines() {
    JsonObject key =
        JsonObject.builder()
            .put("public", "-----BEGIN PUBLIC KEY-----\nMCowBQ==\n-----END PUBLIC KEY-----\n")
            .build();

    assertEquals(
        "{\n"
            + " \"public\": \"-----BEGIN PUBLIC KEY-----\\n"
            + "MCowBQ==\\n"
            + "-----END PUBLIC KEY-----\\n"
            + "\"\n"
            + "}",
        indented(key));
  }
}
