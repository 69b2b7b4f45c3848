package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.tuf4j.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StrictJsonParserTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  private static JsonValue parse(String text) throws MetadataFormatException {
    return PARSER.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesMetadataIntoObjectsKeyedInCodePointOrder() throws MetadataFormatException {
    JsonObject doc =
        (JsonObject)
            parse(
                "{\"signed\": {\"version\": 7, \"_type\": \"root\", \"consistent_snapshot\": true,"
                    + " \"keys\": {}, \"x\": null, \"keyids\": [\"b\", \"a\"]}, \"signatures\":"
                    + " []}");

    JsonObject signed = (JsonObject) doc.get("signed");
    assertEquals(
        java.util.List.of("_type", "consistent_snapshot", "keyids", "keys", "version", "x"),
        signed.keys());
    assertEquals(new JsonNumber(7), signed.get("version"));
    assertEquals(JsonBoolean.TRUE, signed.get("consistent_snapshot"));
    assertEquals(JsonNull.INSTANCE, signed.get("x"));
    assertEquals(JsonArray.of(new JsonString("b"), new JsonString("a")), signed.get("keyids"));
    assertSame(JsonArray.EMPTY.getClass(), doc.get("signatures").getClass());
  }

  @Test
  void readsTheFullLongRangeAndNegativeZero() throws MetadataFormatException {
    assertEquals(
        JsonArray.of(
            new JsonNumber(Long.MAX_VALUE), new JsonNumber(Long.MIN_VALUE), new JsonNumber(0)),
        parse("[9223372036854775807, -9223372036854775808, -0]"));
  }

  @Test
  void decodesEscapesIncludingSurrogatePairs() throws MetadataFormatException {
    assertEquals(
        new JsonString("\"\\/\b\f\n\r\t\u0000\u00e9\ud83d\ude00"),
        parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00E9\\ud83d\\ude00\""));
  }

  @Test
  void acceptsRawDeleteAndNoncharactersWhichAreValidText() throws MetadataFormatException {
    assertEquals(new JsonString("\u007f\uffff\ufffe"), parse("\"\u007f\uffff\ufffe\""));
  }

  @Test
  void acceptsScalarsAtTheRoot() throws MetadataFormatException {
    assertEquals(new JsonString("x"), parse("\"x\""));
    assertEquals(new JsonNumber(1), parse(" 1 "));
    assertEquals(JsonNull.INSTANCE, parse("null"));
  }

  @Test
  void rejectsAByteOrderMarkLikePythonTuf() {
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> PARSER.parse(withBom));

    assertEquals("$", e.jsonPath());
  }

  @Test
  void rejectsAByteOrderMarkWrittenAsAnEscapeOnlyWhereAValueIsExpected()
      throws MetadataFormatException {
    // U+FEFF is an ordinary character inside a string.
    assertEquals(new JsonString("\ufeff"), parse("\"\\ufeff\""));
    assertThrows(MetadataFormatException.class, () -> parse("\ufeff{}"));
  }

  @Test
  void acceptsNestingExactlyAtTheDepthLimit() throws MetadataFormatException {
    StrictJsonParser parser = new StrictJsonParser(new ParseLimits(1 << 20, 3, 100));

    assertEquals(
        JsonArray.of(JsonArray.of(JsonArray.EMPTY)),
        parser.parse("[[[]]]".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void acceptsStringsAndKeysExactlyAtTheLengthLimit() throws MetadataFormatException {
    StrictJsonParser parser = new StrictJsonParser(new ParseLimits(1 << 20, 8, 8));

    JsonValue v = parser.parse("{\"12345678\": \"abcdefgh\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(JsonObject.builder().put("12345678", "abcdefgh").build(), v);
  }

  @Test
  void acceptsADocumentExactlyAtTheSizeLimit() throws MetadataFormatException {
    byte[] sixteen = "{\"a\": \"1234567\"}".getBytes(StandardCharsets.UTF_8);
    StrictJsonParser parser = new StrictJsonParser(new ParseLimits(16, 8, 100));

    assertEquals(16, sixteen.length);
    assertEquals(JsonObject.builder().put("a", "1234567").build(), parser.parse(sixteen));
  }

  @Test
  void theDeepestAllowedDocumentParsesAndEncodesOnASmallThreadStack() throws Exception {
    int depth = ParseLimits.MAX_DEPTH_CEILING;
    byte[] deep = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    StrictJsonParser parser = new StrictJsonParser(new ParseLimits(1 << 20, depth, 100));
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                JsonValue v = parser.parse(deep);
                JsonWriter.indented(v);
                result.complete(CanonicalJson.encode(v));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "small-stack",
            512 * 1024);

    small.start();

    assertArrayEquals(deep, result.get(60, TimeUnit.SECONDS));
  }

  @Test
  void limitsRefuseADepthCeilingAboveTheSupportedOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ParseLimits(1, ParseLimits.MAX_DEPTH_CEILING + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ParseLimits(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ParseLimits(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ParseLimits(1, 1, 0));
  }

  @Test
  void jacksonFactoryInternsAndCanonicalisesNoFieldNames() {
    JsonFactory factory = PARSER.factory();

    assertFalse(factory.isEnabled(JsonFactory.Feature.INTERN_FIELD_NAMES));
    assertFalse(factory.isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES));
  }

  @Test
  void jacksonFactoryHasEveryGrammarRelaxationOff() {
    JsonFactory factory = PARSER.factory();

    for (JsonReadFeature relaxation : JsonReadFeature.values()) {
      JsonParser.Feature mapped = relaxation.mappedFeature();
      assertFalse(factory.isEnabled(mapped), relaxation + " is on");
    }
    assertFalse(factory.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));
  }

  @Test
  void appendWritesPlainNamesWithADotAndOthersInBrackets() {
    assertEquals("$.signed.roles", StrictJsonParser.append("$.signed", "roles"));
    assertEquals("$._type", StrictJsonParser.append("$", "_type"));
    assertEquals("$.hashes[\"blake2b-256\"]", StrictJsonParser.append("$.hashes", "blake2b-256"));
    assertEquals("$.keys[\"4e77\"]", StrictJsonParser.append("$.keys", "4e77"));
    assertEquals("$[\"x/y\"]", StrictJsonParser.append("$", "x/y"));
    assertEquals("$[\"\"]", StrictJsonParser.append("$", ""));
    assertEquals("$[\"a\\\"b\\\\c\"]", StrictJsonParser.append("$", "a\"b\\c"));
  }

  @Test
  void appendEscapesEverythingOutsidePrintableAscii() {
    assertEquals(
        "$[\"\\u000a\\u001b[31m\\u202e\\u00e9\\ud83d\\ude00\"]",
        StrictJsonParser.append("$", "\n\u001b[31m\u202e\u00e9\ud83d\ude00"));
  }

  @Test
  void pathOfAnErrorUsesBracketsForKeyidsAndTargetPaths() {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () -> parse("{\"keys\": {\"0a1b\": {\"keyval\": {\"public\": 1.5}}}}"));

    assertEquals("$.keys[\"0a1b\"].keyval.public", e.jsonPath());
  }

  @Test
  void errorAfterAClosedObjectNamesTheNextMemberNotTheClosedOne() {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () -> parse("{\"a\": {\"b\": {}}, \"c\": [1, {\"d\": 2}, 3.0]}"));

    assertEquals("$.c[2]", e.jsonPath());
  }

  @Test
  void errorInAnArrayAfterNestedArraysCountsElementsOfTheRightArray() {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class, () -> parse("[[0, 1, 2, 3], [[]], {\"x\": [7, 1e1]}]"));

    assertEquals("$[2].x[1]", e.jsonPath());
  }

  @Test
  void messagesEscapeTheDocumentsNonPrintableCharacters() {
    for (String hostile : new String[] {"[tru\u001b[31m]", "[\u202e]", "{\"a\": x\u0085}"}) {
      MetadataFormatException e = assertThrows(MetadataFormatException.class, () -> parse(hostile));

      String message = e.getMessage();
      assertTrue(
          message.chars().allMatch(c -> c >= 0x20 && c < 0x7F),
          () -> "raw character in " + message);
    }
  }

  @Test
  void theSameParserWorksAgainAfterARejection() throws MetadataFormatException {
    assertThrows(MetadataFormatException.class, () -> parse("{\"a\": [1.5]}"));

    assertEquals(JsonArray.of(new JsonNumber(1)), parse("[1]"));
  }
}
