package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MetadataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed documents, each rejected with the JSON path of the value being read when the problem
 * showed (the member or element; the enclosing object when a member name or separator is wrong) and
 * a detail that says what is wrong.
 */
class MalformedDocumentsTest {
  private static final ParseLimits SMALL_DEPTH = new ParseLimits(1 << 20, 3, 1 << 20);
  private static final ParseLimits SHORT_STRINGS = new ParseLimits(1 << 20, 64, 8);
  private static final ParseLimits SMALL_DOCUMENT = new ParseLimits(16, 64, 1 << 20);

  record Case(String name, byte[] input, ParseLimits limits, String path, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        // Empty and truncated input.
        malformed("empty input", "", "$", "no content"),
        malformed("only whitespace", " \r\n\t", "$", "no content"),
        malformed(
            "truncated between members",
            "{\"signed\": {\"version\": 1",
            "$.signed",
            "end-of-input"),
        malformed("truncated inside a string", "{\"a\": \"xy", "$.a", "end-of-input"),
        malformed("truncated after a colon", "{\"a\":", "$.a", "end-of-input"),
        malformed("truncated inside a key", "{\"a\": 1, \"b", "$", "end-of-input"),
        malformed("truncated array", "{\"k\": [1, 2", "$.k[2]", "end-of-input"),
        // Content after the value.
        malformed("trailing garbage", "{\"a\": 1} x", "$", "Unrecognized token 'x'"),
        malformed("trailing second value", "{} {}", "$", "another value"),
        malformed("trailing close bracket", "[1]]", "$", "close marker"),
        malformed("NUL after the value", "{}  \u0000", "$", "code 0"),
        // Numbers.
        malformed(
            "float at depth",
            "{\"signed\": {\"targets\": {\"a/b\": {\"length\": 1.5}}}}",
            "$.signed.targets[\"a/b\"].length",
            "expected an integer, got the number 1.5"),
        malformed("exponent", "{\"a\": [0, 1E5]}", "$.a[1]", "got the number 1E5"),
        malformed("exponent without fraction at the root", "1e0", "$", "got the number 1e0"),
        malformed("negative zero float", "[-0.0]", "$[0]", "got the number -0.0"),
        malformed(
            "integer above long",
            "{\"version\": 9223372036854775808}",
            "$.version",
            "-2^63 to 2^63-1"),
        malformed("integer below long", "[-9223372036854775809]", "$[0]", "-2^63 to 2^63-1"),
        malformed("hundred-digit integer", "[" + "9".repeat(100) + "]", "$[0]", "(100 chars)"),
        malformed(
            "number longer than Jackson's bound",
            "{\"n\": " + "1".repeat(1001) + "}",
            "$.n",
            "over a parse limit: Number value length (1001)"),
        malformed("NaN", "{\"a\": NaN}", "$.a", "Non-standard token 'NaN'"),
        malformed("Infinity", "[Infinity]", "$[0]", "Non-standard token 'Infinity'"),
        malformed("negative Infinity", "[-Infinity]", "$[0]", "Infinity"),
        malformed("leading zero", "[01]", "$[0]", "Leading zeroes"),
        malformed("leading plus", "[+1]", "$[0]", "'+'"),
        malformed("leading decimal point", "[.5]", "$[0]", "'.'"),
        malformed("trailing decimal point", "[1.]", "$[0]", "Decimal point"),
        // Grammar relaxations that Jackson could allow.
        malformed("block comment", "{\"a\": 1 /* c */}", "$", "comment"),
        malformed("line comment before the value", "// c\n{}", "$", "comment"),
        malformed("YAML comment", "[1, # c\n 2]", "$[1]", "'#'"),
        malformed("single-quoted key", "{'a': 1}", "$", "'''"),
        malformed("single-quoted value", "{\"a\": 'x'}", "$.a", "'''"),
        malformed("unquoted key", "{a: 1}", "$", "'a'"),
        malformed("trailing comma in an array", "[1, 2,]", "$[2]", "']'"),
        malformed("trailing comma in an object", "{\"a\": 1,}", "$", "'}'"),
        malformed("missing value", "[1,,2]", "$[1]", "','"),
        malformed("missing colon", "{\"a\" 1}", "$.a", "colon"),
        malformed("missing comma between members", "{\"a\": 1 \"b\": 2}", "$", "comma"),
        malformed("mismatched close", "{\"a\": [1}", "$.a[1]", "close marker"),
        malformed("bare word", "tru", "$", "'tru'"),
        malformed("raw control character in a string", "[\"ok\", \"a\u0001\"]", "$[1]", "code 1"),
        malformed("raw newline in a key", "{\"a\nb\": 1}", "$", "code 10"),
        malformed("unknown escape", "{\"a\": \"\\q\"}", "$.a", "escape"),
        malformed("NUL between tokens", "[1, \u0000 2]", "$[1]", "code 0"),
        // Duplicate keys.
        malformed("duplicate key", "{\"a\": 1, \"a\": 2}", "$.a", "each key once"),
        malformed(
            "duplicate key at depth",
            "{\"signed\": {\"roles\": {\"root\": {}, \"timestamp\": {}, \"root\": {}}}}",
            "$.signed.roles.root",
            "each key once"),
        malformed(
            "duplicate key in an array element",
            "[{}, {\"x/y\": 1, \"x/y\": 1}]",
            "$[1][\"x/y\"]",
            "each key once"),
        // Lone surrogates.
        malformed(
            "lone high surrogate", "{\"a\": [\"\\ud800x\"]}", "$.a[0]", "lone UTF-16 surrogate"),
        malformed("lone low surrogate", "[\"\\udc00\"]", "$[0]", "lone UTF-16 surrogate"),
        malformed(
            "surrogates in the wrong order",
            "[\"\\udc00\\ud800\"]",
            "$[0]",
            "lone UTF-16 surrogate"),
        malformed("lone surrogate at the end", "\"x\\ud83d\"", "$", "lone UTF-16 surrogate"),
        // Jackson itself checks escaped surrogate pairs in names (not in values), before we see
        // them.
        malformed("lone surrogate in a key", "{\"\\ud800\": 1}", "$", "Broken surrogate pair"),
        // Bytes that are not UTF-8.
        malformed(
            "overlong quote",
            bytes("{\"a\": \"", 0xC0, 0xA2, "\"}"),
            "$.a",
            "malformed UTF-8 at byte offset 7 (0xC0)"),
        malformed(
            "overlong three-byte form",
            bytes("[\"", 0xE0, 0x80, 0xAF, "\"]"),
            "$[0]",
            "offset 2 (0xE0)"),
        malformed(
            "encoded surrogate",
            bytes("[\"ok\", \"", 0xED, 0xA0, 0x80, "\"]"),
            "$[1]",
            "offset 8 (0xED)"),
        malformed(
            "above U+10FFFF",
            bytes("[\"", 0xF4, 0x90, 0x80, 0x80, "\"]"),
            "$[0]",
            "offset 2 (0xF4)"),
        malformed("stray continuation byte", bytes("{\"k", 0x80, "\": 1}"), "$", "offset 3 (0x80)"),
        malformed("byte that never occurs", bytes("[1, ", 0xFF, "]"), "$[1]", "offset 4 (0xFF)"),
        malformed("truncated sequence at the end", bytes("\"", 0xE2, 0x82), "$", "offset 1"),
        malformed("invalid byte after a complete value", bytes("{} ", 0xFE), "$", "offset 3"),
        malformed(
            "invalid byte after an earlier error", bytes("[1.5, \"", 0xFF, "\"]"), "$[0]", "1.5"),
        malformed("UTF-8 byte order mark", bytes(0xEF, 0xBB, 0xBF, "{}"), "$", "byte order mark"),
        malformed(
            "UTF-16 with byte order mark", bytes(0xFF, 0xFE, "{", 0, "}", 0), "$", "offset 0"),
        malformed("UTF-16 without byte order mark", bytes(0, "{", 0, "}"), "$", "code 0"),
        malformed("UTF-32", bytes("[", 0, 0, 0, "]", 0, 0, 0), "$[0]", "code 0"),
        // Limits.
        new Case(
            "array nesting over the limit",
            utf8("[[[[]]]]"),
            SMALL_DEPTH,
            "$[0][0][0]",
            "at most 3 levels"),
        new Case(
            "object nesting over the limit",
            utf8("{\"a\": {\"b\": {\"c\": {}}}}"),
            SMALL_DEPTH,
            "$.a.b.c",
            "at most 3 levels"),
        malformed(
            "nesting over the default limit",
            "[".repeat(65) + "]".repeat(65),
            "$" + "[0]".repeat(64),
            "at most 64 levels"),
        new Case(
            "string over the limit", utf8("{\"a\": \"123456789\"}"), SHORT_STRINGS, "$.a", "(9)"),
        new Case(
            "key over the limit",
            utf8("{\"123456789\": 1}"),
            SHORT_STRINGS,
            "$",
            "Name length (9)"),
        new Case(
            "non-BMP string over the limit",
            utf8("[\"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\"]"),
            SHORT_STRINGS,
            "$[0]",
            "(10)"),
        new Case(
            "document over the size limit",
            utf8("{\"a\": \"12345678\"}"),
            SMALL_DOCUMENT,
            "$",
            "at most 16 bytes, got 17"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithThePathOfTheOffendingValue(Case c) {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class, () -> new StrictJsonParser(c.limits).parse(c.input));

    assertEquals(c.path, e.jsonPath(), e.getMessage());
    assertTrue(e.detail().contains(c.detail), () -> "detail was: " + e.detail());
    assertNull(e.role());
    assertTrue(e.getMessage().contains("at " + c.path + ": "), e.getMessage());
  }

  private static Case malformed(String name, String input, String path, String detail) {
    return new Case(name, utf8(input), ParseLimits.DEFAULT, path, detail);
  }

  private static Case malformed(String name, byte[] input, String path, String detail) {
    return new Case(name, input, ParseLimits.DEFAULT, path, detail);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Strings as UTF-8 and integers as single bytes, concatenated. */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(utf8(s));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}
