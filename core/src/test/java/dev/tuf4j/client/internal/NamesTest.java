package dev.tuf4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.Hex;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest(name = "''{0}'' encodes to {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/x         | %2Fx",
        "../x       | ..%2Fx",
        "?          | %3F",
        "#          | %23",
        "\" \"      | %20",
        "a b        | a%20b",
        "+          | %2B",
        "%          | %25",
        "%41        | %2541",
        "é          | %C3%A9",
        "a.b        | a.b",
        "😀         | %F0%9F%98%80",
        "\u00ff     | %C3%BF",
        "*          | %2A",
        "C:\\x      | C%3A%5Cx",
        "AZaz09-._~ | AZaz09-._~",
        "bins-3ff   | bins-3ff",
      })
  void encodeRoleNameLeavesOnlyUnreservedCharacters(String name, String expected) {
    assertEquals(expected, Names.encodeRoleName(name));
  }

  @Test
  void controlCharactersAndTheEmptyNameEncode() {
    assertEquals("a%00b", Names.encodeRoleName("a\u0000b"));
    assertEquals("%0A%7F", Names.encodeRoleName("\n\u007f"));
    assertEquals("", Names.encodeRoleName(""));
  }

  @Test
  void loneSurrogateIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Names.encodeRoleName("a\uD800"));
    assertThrows(IllegalArgumentException.class, () -> Names.encodeRoleName("\uDC00a"));
    assertThrows(IllegalArgumentException.class, () -> Names.targetFileName("\uD83D"));
  }

  @Test
  void metadataFileNamesAppendJson() {
    assertEquals("root.json", Names.metadataFileName("root"));
    assertEquals("..%2Fx.json", Names.metadataFileName("../x"));
    assertEquals("..json", Names.metadataFileName("."));
    assertEquals("...json", Names.metadataFileName(".."));
    assertEquals(".json", Names.metadataFileName(""));
  }

  @Test
  void targetFileNamesEncodeTheWholePathFlat() {
    assertEquals("path%2Fto%2Fa%2Ftarget_file.txt", Names.targetFileName("path/to/a/target_file.txt"));
    assertEquals("%2Fabs", Names.targetFileName("/abs"));
    assertEquals("a%2F..%2F..%2Fb", Names.targetFileName("a/../../b"));
    assertEquals("C%3A%5Cx", Names.targetFileName("C:\\x"));
    assertEquals("a%2F%2Fb", Names.targetFileName("a//b"));
    assertEquals("...", Names.targetFileName("..."));
  }

  @Test
  void dotAndDotDotTargetsHaveTheirDotsEncoded() {
    assertEquals("%2E", Names.targetFileName("."));
    assertEquals("%2E%2E", Names.targetFileName(".."));
    // A literal "%2E" in a path is a different target, and its % is encoded.
    assertEquals("%252E", Names.targetFileName("%2E"));
  }

  @Test
  void emptyTargetPathHasNoFileName() {
    assertThrows(IllegalArgumentException.class, () -> Names.targetFileName(""));
  }

  @Test
  void longTargetNameIsHashPlusTailKeepingTheExtension() throws Exception {
    String path = "packages/ab/cd/" + "e".repeat(60) + "/" + "numpy-".repeat(30) + "x.whl";

    String name = Names.targetFileName(path);

    String hash = Hex.encode(sha256(path));
    assertTrue(name.startsWith(hash + "+"), name);
    assertTrue(name.endsWith("numpy-x.whl"), name);
    assertTrue(name.length() <= Names.MAX_FILE_NAME_LENGTH, name);
  }

  @Test
  void nameAtTheLimitIsNotShortened() {
    String path = "a".repeat(Names.MAX_FILE_NAME_LENGTH);

    assertEquals(path, Names.targetFileName(path));
    assertTrue(Names.targetFileName(path + "a").contains("+"));
  }

  @Test
  void shortenedTailNeverStartsInsideAnEscapeOrACharacter() {
    // Every character is 2 UTF-8 bytes (%C3%A9): the tail must start at a %C3.
    for (int n = 40; n < 80; n++) {
      String name = Names.targetFileName("é".repeat(n));
      if (name.contains("+")) {
        String tail = name.substring(name.indexOf('+') + 1);
        assertTrue(tail.startsWith("%C3%A9"), tail);
      }
    }
  }

  @Test
  void longRoleFileNameStaysWithinTheLimitIncludingJson() {
    String name = Names.metadataFileName("r".repeat(500));

    assertTrue(name.length() <= Names.MAX_FILE_NAME_LENGTH, name);
    assertTrue(name.endsWith("rr.json"), name);
  }

  // Properties. Seeds are fixed so that every run checks the same cases.

  @Provide
  static Arbitrary<String> text() {
    Arbitrary<Integer> codePoint =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 0x7F),
            Arbitraries.integers().between(0x80, 0xFFFF),
            Arbitraries.integers().between(0x10000, 0x10FFFF))
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF);
    return codePoint.list().ofMaxSize(60).map(cps -> {
      StringBuilder s = new StringBuilder();
      cps.forEach(s::appendCodePoint);
      return s.toString();
    });
  }

  @Property(tries = 1000, seed = "1")
  void encodingAgreesWithTheJdkUrlEncoderAdjustedToRfc3986(@ForAll("text") String s) {
    // An independent oracle: URLEncoder is HTML-form encoding, which differs from quote(s, "")
    // only in writing space as '+', leaving '*' and encoding '~'.
    String oracle =
        URLEncoder.encode(s, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~");

    assertEquals(oracle, Names.encodeRoleName(s));
  }

  @Property(tries = 1000, seed = "2")
  void decodingTheEncodingGivesTheNameBack(@ForAll("text") String s) {
    assertEquals(s, percentDecode(Names.encodeRoleName(s)));
  }

  @Property(tries = 1000, seed = "3")
  void targetFileNamesAreSafeAndDecodeToThePath(@ForAll("text") String path) {
    Assume.that(!path.isEmpty());

    String name = Names.targetFileName(path);

    assertTrue(name.matches("[A-Za-z0-9._~%+-]{1,143}"), name);
    assertTrue(!name.equals(".") && !name.equals(".."), name);
    if (!name.contains("+")) {
      assertEquals(path, percentDecode(name));
    }
  }

  @Property(tries = 500, seed = "4")
  void distinctTargetPathsGetDistinctNames(
      @ForAll("text") String a, @ForAll("text") String b) {
    Assume.that(!a.isEmpty() && !b.isEmpty() && !a.equals(b));

    assertNotEquals(Names.targetFileName(a), Names.targetFileName(b));
  }

  @Property(tries = 500, seed = "5")
  void distinctLongTargetPathsGetDistinctShortenedNames(
      @ForAll("text") String a, @ForAll("text") String b) {
    Assume.that(!a.equals(b));
    // Push both past the limit so that both are shortened, differing only in the original.
    String prefix = "p/".repeat(80);

    String nameA = Names.targetFileName(prefix + a);
    String nameB = Names.targetFileName(prefix + b);

    assertTrue(nameA.contains("+") && nameB.contains("+"));
    assertNotEquals(nameA, nameB);
  }

  @Property(tries = 1000, seed = "6")
  void metadataFileNamesEndInJsonAndStayWithinTheLimit(@ForAll("text") String role) {
    String name = Names.metadataFileName(role);

    assertTrue(name.matches("[A-Za-z0-9._~%+-]{0,138}\\.json"), name);
  }

  private static String percentDecode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
