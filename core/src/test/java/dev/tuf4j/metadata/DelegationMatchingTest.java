package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DelegationMatchingTest {

  /** SHA-256 straight from the JDK and its hex formatter, independent of the code under test. */
  static String jdkSha256Hex(String s) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  private static void assertMatch(String pattern, String path, boolean expected) {
    assertEquals(
        expected,
        DelegationMatching.matchesPathPattern(pattern, path),
        () -> "pattern \"" + pattern + "\" against path \"" + path + "\"");
  }

  @Nested
  class PathPatterns {

    /** The examples in spec section 4.5 (PATHPATTERN), plus the brief's. */
    static Stream<Arguments> specExamples() {
      return Stream.of(
          arguments("targets/*.tgz", "targets/foo.tgz", true),
          arguments("targets/*.tgz", "targets/bar.tgz", true),
          arguments("targets/*.tgz", "targets/foo.txt", false),
          arguments("foo-version-?.tgz", "foo-version-2.tgz", true),
          arguments("foo-version-?.tgz", "foo-version-a.tgz", true),
          arguments("foo-version-?.tgz", "foo-version-alpha.tgz", false),
          arguments("*.tgz", "foo.tgz", true),
          arguments("*.tgz", "bar.tgz", true),
          arguments("*.tgz", "targets/foo.tgz", false),
          arguments("foo.tgz", "foo.tgz", true),
          arguments("foo.tgz", "bar.tgz", false),
          arguments("foo/*", "foo/bar", true),
          arguments("foo/*", "foo/bar/baz", false),
          arguments("foo/*", "foo", false),
          arguments("*.whl", "a/b.whl", false),
          arguments("*/*.whl", "a/b.whl", true));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("specExamples")
    void specExamplesMatchAsTheSpecSays(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    /** Segment counting: split on '/', keeping empty segments, as Python's str.split does. */
    static Stream<Arguments> segments() {
      return Stream.of(
          arguments("*", "a/b", false),
          arguments("*/*", "a/b", true),
          arguments("?", "/", false),
          arguments("a?b", "a/b", false),
          arguments("a*b", "a/b", false),
          arguments("", "", true),
          arguments("", "a", false),
          arguments("a", "", false),
          arguments("*", "", true),
          arguments("?", "", false),
          arguments("/", "/", true),
          arguments("foo/", "foo/", true),
          arguments("foo/", "foo", false),
          arguments("foo", "foo/", false),
          arguments("foo/*", "foo/", true),
          arguments("foo/?", "foo/", false),
          arguments("/foo", "foo", false),
          arguments("/*", "/foo", true),
          arguments("a/b", "a//b", false),
          arguments("a/*/b", "a//b", true),
          arguments("*/*/*", "a/b", false));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("segments")
    void wildcardsNeverCrossSlashesAndSegmentCountsMustAgree(
        String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    static Stream<Arguments> caseSensitivity() {
      return Stream.of(
          arguments("Foo.tgz", "foo.tgz", false),
          arguments("foo.tgz", "FOO.TGZ", false),
          arguments("*.TGZ", "a.tgz", false),
          arguments("[A-Z]", "a", false),
          arguments("[a-z]", "A", false),
          arguments("Foo.tgz", "Foo.tgz", true));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("caseSensitivity")
    void matchingIsCaseSensitive(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    /**
     * Python fnmatch character classes. Every row agrees with CPython 3.11's fnmatchcase except
     * "[z-a!]" vs "m", the documented deliberate difference (CPython: any character).
     */
    static Stream<Arguments> characterClasses() {
      return Stream.of(
          arguments("[ab].txt", "a.txt", true),
          arguments("[ab].txt", "c.txt", false),
          arguments("[!ab]", "c", true),
          arguments("[!ab]", "a", false),
          arguments("[a-c]", "b", true),
          arguments("[a-c]", "d", false),
          arguments("[a-cx-z]", "y", true),
          arguments("[a-c-e]", "-", true), // after a range, "-e" is two members
          arguments("[a-c-e]", "d", false),
          arguments("[z-a]", "z", false), // reversed range: matches nothing
          arguments("[z-a]", "m", false),
          arguments("[z-ab]", "b", true),
          arguments("[!z-a]", "m", true), // negated empty class: any one character
          arguments("[]]", "]", true), // ']' first is a member
          arguments("[]a]", "a", true),
          arguments("[!]]", "a", true),
          arguments("[!]]", "]", false),
          arguments("[a-]", "-", true), // '-' last is a member
          arguments("[-a]", "-", true), // '-' first is a member
          arguments("[--0]", "/", false), // the range covers '/', but segments never hold one
          arguments("[--0]", ".", true),
          arguments("[^a]", "^", true), // '^' is a member, not a negation
          arguments("[^a]", "b", false),
          arguments("[!a]", "!", true),
          arguments("[a!]", "!", true),
          arguments("[z-a!]", "!", true), // '!' negates only directly after '['
          arguments("[z-a!]", "m", false),
          arguments("[\\]", "\\", true), // backslash is an ordinary member
          arguments("[[]", "[", true),
          arguments("[*?]", "*", true),
          arguments("[*?]", "a", false),
          arguments("[.]", "a", false),
          arguments("[[:alpha:]]", "a]", true), // no POSIX classes: '[' ':' 'a' ... then ']'
          arguments("[[:alpha:]]", "a", false));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("characterClasses")
    void characterClassesFollowPythonFnmatch(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    /** A '[' without a ']' in its own segment is a literal; odd patterns never throw. */
    static Stream<Arguments> unbalancedBrackets() {
      return Stream.of(
          arguments("[", "[", true),
          arguments("[a", "[a", true),
          arguments("[a", "a", false),
          arguments("a]", "a]", true),
          arguments("]", "]", true),
          arguments("[]", "[]", true),
          arguments("[!]", "[!]", true),
          arguments("[!", "[!", true),
          arguments("[a/b]", "[a/b]", true), // split first: "[a" and "b]" are literals
          arguments("[a/b]", "a", false),
          arguments("[a/b]", "/", false),
          arguments("*[", "xx[", true),
          arguments("[*", "[abc", true),
          arguments("[?]x[", "?x[", true));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("unbalancedBrackets")
    void unbalancedBracketsAreLiterals(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    static Stream<Arguments> regexMetacharacters() {
      return Stream.of(
          arguments("a.b", "a.b", true),
          arguments("a.b", "axb", false),
          arguments("a+", "a+", true),
          arguments("a+", "aa", false),
          arguments("(a)", "(a)", true),
          arguments("(a)", "a", false),
          arguments("^a$", "^a$", true),
          arguments("^a$", "a", false),
          arguments("a|b", "a|b", true),
          arguments("a|b", "a", false),
          arguments("a{2}", "a{2}", true),
          arguments("a{2}", "aa", false),
          arguments("{a,b}.tgz", "a.tgz", false), // no brace expansion
          arguments("{a,b}.tgz", "{a,b}.tgz", true),
          arguments(".*", ".hidden", true), // dot literal, star any
          arguments(".*", "hidden", false),
          arguments("*", ".hidden", true)); // a leading dot is not special
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("regexMetacharacters")
    void regexMetacharactersAreLiterals(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    static Stream<Arguments> backslashes() {
      return Stream.of(
          arguments("\\", "\\", true),
          arguments("a\\b", "a\\b", true),
          arguments("a\\b", "ab", false),
          arguments("\\d", "1", false),
          arguments("\\d", "\\d", true),
          arguments("\\*", "*", false), // no escaping: a backslash, then a star
          arguments("\\*", "\\anything", true),
          arguments("\\?", "?", false),
          arguments("\\?", "\\?", true),
          arguments("a\\/b", "a\\/b", true),
          arguments("a\\/b", "a/b", false));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("backslashes")
    void backslashIsALiteralNotAnEscape(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    static Stream<Arguments> codePoints() {
      return Stream.of(
          arguments("?", "\uD83D\uDE00", true), // one emoji is one character, as in Python
          arguments("??", "\uD83D\uDE00", false),
          arguments("[\uD83D\uDE00]", "\uD83D\uDE00", true),
          arguments("[\uD83D\uDE00]", "\uD83D", false),
          arguments("\u00e9t*", "\u00e9t\u00e9", true),
          arguments("?", "\u00e9", true),
          arguments("?", "\uD800", true), // a lone surrogate is one code point too
          arguments("a?c", "a\nc", true)); // '?' matches a newline (Python DOTALL)
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("codePoints")
    void charactersAreCodePoints(String pattern, String path, boolean expected) {
      assertMatch(pattern, path, expected);
    }

    @Test
    void starsMatchAnyRunIncludingEmpty() {
      assertMatch("a*b*c", "abc", true);
      assertMatch("a*b*c", "axxbyyc", true);
      assertMatch("a*b*c", "axxbyy", false);
      assertMatch("**a**", "a", true);
      assertMatch("*a*a*a*a*b", "aaaab", true);
      assertMatch("*a*a*a*a*b", "aaab", false);
      assertMatch("*ab", "aab", true); // needs the star to give a character back
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void hostilePatternsFinishWithoutCatastrophicBacktracking() {
      String as = "a".repeat(50_000);
      // The classic exponential case for backtracking matchers.
      assertMatch("*a".repeat(20_000) + "*b", as, false);
      assertMatch("*a".repeat(20_000), as, true);
      // A long fixed tail after a star: the greedy matcher's worst case, quadratic not worse.
      assertMatch("*" + "a".repeat(2_000) + "b", "a".repeat(20_000), false);
      // Stars alone, then a miss.
      assertMatch("*".repeat(100_000) + "b", as, false);
      // A huge pattern against a short path is rejected from its length.
      assertMatch("*?".repeat(100_000), "abc", false);
      assertMatch("[!b]".repeat(50_000), as, true);
      // Many segments.
      assertMatch("*/".repeat(10_000) + "*", "a/".repeat(10_000) + "a", true);
      assertMatch("*/".repeat(10_000) + "b", "a/".repeat(10_000) + "a", false);
      // Many unclosed brackets.
      assertMatch("[".repeat(50_000), "[".repeat(50_000), true);
    }
  }

  @Nested
  class HashPrefixes {

    private static final List<String> PATHS =
        List.of(
            "",
            "abc",
            "targets/foo.tgz",
            "packages/source/t/tuf/tuf-6.0.0.tar.gz",
            "d\u00e9j\u00e0/\uD83D\uDE00.whl");

    @Test
    void pathHashIsTheJdkSha256OfTheUtf8Path() throws Exception {
      for (String path : PATHS) {
        assertEquals(jdkSha256Hex(path), DelegationMatching.pathHash(path), path);
      }
    }

    @Test
    void pathHashMatchesPublishedSha256Vectors() {
      // FIPS 180-2 examples: "abc" and the empty message.
      assertEquals(
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          DelegationMatching.pathHash("abc"));
      assertEquals(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          DelegationMatching.pathHash(""));
    }

    @ParameterizedTest(name = "prefix length {0}")
    @ValueSource(ints = {1, 2, 4, 64})
    void prefixOfTheHashMatches(int length) throws Exception {
      for (String path : PATHS) {
        String prefix = jdkSha256Hex(path).substring(0, length);
        assertTrue(DelegationMatching.matchesHashPrefix(List.of(prefix), path), path);
      }
    }

    @ParameterizedTest(name = "prefix length {0}")
    @ValueSource(ints = {1, 2, 4, 64})
    void prefixDifferingInItsLastDigitDoesNotMatch(int length) throws Exception {
      for (String path : PATHS) {
        String prefix = jdkSha256Hex(path).substring(0, length);
        assertFalse(DelegationMatching.matchesHashPrefix(List.of(otherLastDigit(prefix)), path));
      }
    }

    private String otherLastDigit(String hex) {
      char last = hex.charAt(hex.length() - 1);
      return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    @Test
    void anyMatchingPrefixInTheListIsEnough() throws Exception {
      String path = "targets/foo.tgz";
      String hash = jdkSha256Hex(path);
      List<String> prefixes = List.of(otherLastDigit(hash.substring(0, 2)), hash.substring(0, 2));
      assertTrue(DelegationMatching.matchesHashPrefix(prefixes, path));
    }

    @Test
    void emptyPrefixListMatchesNothing() {
      for (String path : PATHS) {
        assertFalse(DelegationMatching.matchesHashPrefix(List.of(), path));
      }
    }

    @Test
    void emptyPrefixMatchesEveryPathAsInPythonTuf() {
      for (String path : PATHS) {
        assertTrue(DelegationMatching.matchesHashPrefix(List.of(""), path));
      }
    }

    @Test
    void upperCasePrefixDoesNotMatch() throws Exception {
      String path = "abc"; // hash starts "ba78": has letters
      String upper = jdkSha256Hex(path).substring(0, 4).toUpperCase(java.util.Locale.ROOT);
      assertFalse(DelegationMatching.matchesHashPrefix(List.of(upper), path));
    }

    @Test
    void prefixLongerThanTheHashDoesNotMatch() throws Exception {
      String path = "abc";
      assertFalse(DelegationMatching.matchesHashPrefix(List.of(jdkSha256Hex(path) + "0"), path));
    }

    @Test
    void pathWithALoneSurrogateMatchesNoPrefixAndHasNoHash() {
      String path = "a\uD800b";
      assertFalse(DelegationMatching.matchesHashPrefix(List.of(""), path));
      assertThrows(IllegalArgumentException.class, () -> DelegationMatching.pathHash(path));
      assertThrows(
          IllegalArgumentException.class, () -> DelegationMatching.succinctBinIndex(path, 8));
    }
  }

  @Nested
  class SuccinctBins {

    /** The bin from the hash's first eight hex digits, computed without the code under test. */
    private long binFromHex(String path, int bitLength) throws Exception {
      return Long.parseLong(jdkSha256Hex(path).substring(0, 8), 16) >>> (32 - bitLength);
    }

    @Test
    void fourteenBitNamesRunFromBins0000ToBins3fff() {
      List<String> names = DelegationMatching.succinctBinNames("bins", 14);
      assertEquals(16_384, names.size());
      assertEquals("bins-0000", names.get(0));
      assertEquals("bins-1234", names.get(0x1234));
      assertEquals("bins-3fff", names.get(names.size() - 1));
    }

    @ParameterizedTest(name = "bit_length {0} -> {1} hex digits")
    @MethodSource("widths")
    void nameSuffixIsAsWideAsTheLargestIndexInHex(int bitLength, int digits) {
      long last = (1L << bitLength) - 1;
      assertEquals(
          "bins-" + "0".repeat(digits), DelegationMatching.succinctBinName("bins", 0, bitLength));
      assertEquals(
          "bins-" + "0".repeat(digits - 1) + "1",
          DelegationMatching.succinctBinName("bins", 1, bitLength));
      assertEquals(
          "bins-" + Long.toHexString(last >>> (4 * (digits - 1))) + "f".repeat(digits - 1),
          DelegationMatching.succinctBinName("bins", last, bitLength));
    }

    static Stream<Arguments> widths() {
      return Stream.of(
          arguments(1, 1),
          arguments(4, 1),
          arguments(5, 2),
          arguments(8, 2),
          arguments(9, 3),
          arguments(14, 4),
          arguments(16, 4),
          arguments(31, 8),
          arguments(32, 8));
    }

    @Test
    void knownNamesAtTheWidthExtremes() {
      assertEquals(List.of("bins-0", "bins-1"), DelegationMatching.succinctBinNames("bins", 1));
      assertEquals("bins-ff", DelegationMatching.succinctBinName("bins", 255, 8));
      assertEquals("bins-0a", DelegationMatching.succinctBinName("bins", 10, 8));
      assertEquals("bins-00000000", DelegationMatching.succinctBinName("bins", 0, 32));
      assertEquals("bins-ffffffff", DelegationMatching.succinctBinName("bins", 0xFFFF_FFFFL, 32));
    }

    @ParameterizedTest(name = "bit_length {0}")
    @ValueSource(ints = {1, 4, 8, 13, 14, 31, 32})
    void binIsTheFirstBitsOfThePathHash(int bitLength) throws Exception {
      for (String path : List.of("", "abc", "targets/foo.tgz", "a/b/c-1.0.tar.gz", "\u00e9")) {
        assertEquals(
            binFromHex(path, bitLength), DelegationMatching.succinctBinIndex(path, bitLength), path);
      }
    }

    @Test
    void binOfAbcAtEightBitsIsItsFirstHashByte() {
      // sha256("abc") starts ba78 16bf (FIPS 180-2).
      assertEquals(0xBA, DelegationMatching.succinctBinIndex("abc", 8));
      assertEquals(0xB, DelegationMatching.succinctBinIndex("abc", 4));
      assertEquals(1, DelegationMatching.succinctBinIndex("abc", 1));
      assertEquals(0xBA7816BFL, DelegationMatching.succinctBinIndex("abc", 32));
    }

    @ParameterizedTest(name = "bit_length {0}")
    @ValueSource(ints = {0, 33, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void bitLengthOutside1To32IsRejected(int bitLength) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DelegationMatching.succinctBinIndex("a", bitLength));
      assertThrows(
          IllegalArgumentException.class,
          () -> DelegationMatching.succinctBinName("bins", 0, bitLength));
      assertThrows(
          IllegalArgumentException.class,
          () -> DelegationMatching.succinctBinNames("bins", bitLength));
      assertThrows(
          IllegalArgumentException.class,
          () -> DelegationMatching.succinctBinIndexOf("bins", bitLength, "bins-0"));
    }

    @ParameterizedTest(name = "index {0}")
    @ValueSource(longs = {-1, 16_384, Long.MAX_VALUE, Long.MIN_VALUE})
    void binNameRejectsIndexOutOfRange(long index) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DelegationMatching.succinctBinName("bins", index, 14));
    }

    static Stream<Arguments> binNamesAndIndexes() {
      return Stream.of(
          arguments("bins-0000", 0L),
          arguments("bins-3fff", 0x3fffL),
          arguments("bins-1a2b", 0x1a2bL),
          arguments("bins-4000", -1L), // right width, beyond 2^14 - 1
          arguments("bins-ffff", -1L),
          arguments("bins-1A2B", -1L), // upper case names a different file
          arguments("bins-000", -1L),
          arguments("bins-00000", -1L),
          arguments("bins0000", -1L),
          arguments("bins_0000", -1L),
          arguments("bin-00000", -1L),
          arguments("other-0000", -1L),
          arguments("bins--000", -1L),
          arguments("bins-+000", -1L),
          arguments("bins-0x00", -1L),
          arguments("bins- 000", -1L),
          arguments(" bins-000", -1L),
          arguments("bins-00g0", -1L),
          arguments("", -1L));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("binNamesAndIndexes")
    void binIndexOfAcceptsOnlyExactBinNames(String roleName, long expected) {
      assertEquals(expected, DelegationMatching.succinctBinIndexOf("bins", 14, roleName));
    }

    @Test
    void binIndexOfWorksWithPrefixesHoldingHyphensOrNothing() {
      assertEquals(15, DelegationMatching.succinctBinIndexOf("a-b", 8, "a-b-0f"));
      assertEquals(-1, DelegationMatching.succinctBinIndexOf("a-b", 8, "a-0f"));
      assertEquals(255, DelegationMatching.succinctBinIndexOf("", 8, "-ff"));
      assertEquals(0xFFFF_FFFFL, DelegationMatching.succinctBinIndexOf("b", 32, "b-ffffffff"));
    }

    @Test
    void namesListEqualsNamesMadeOneByOne() {
      List<String> expected =
          IntStream.range(0, 512)
              .mapToObj(i -> DelegationMatching.succinctBinName("bins", i, 9))
              .collect(Collectors.toList());
      List<String> names = DelegationMatching.succinctBinNames("bins", 9);
      assertEquals(expected, names);
      assertEquals(expected, new ArrayList<>(names));
      assertEquals(expected.hashCode(), names.hashCode());
    }

    @Test
    void namesStreamInOrderSequentiallyAndInParallel() {
      List<String> names = DelegationMatching.succinctBinNames("bins", 12);
      List<String> expected = new ArrayList<>(names);
      assertEquals(expected, names.stream().collect(Collectors.toList()));
      assertEquals(expected, names.parallelStream().collect(Collectors.toList()));
      assertEquals(4096, names.stream().distinct().count());
    }

    @Test
    void namesListKnowsItsMembersWithoutScanning() {
      List<String> names = DelegationMatching.succinctBinNames("bins", 32);
      assertTrue(names.contains("bins-ffffffff"));
      assertFalse(names.contains("bins-fffffff"));
      assertFalse(names.contains(42));
      assertEquals(0x1234, names.indexOf("bins-00001234"));
      assertEquals(Integer.MAX_VALUE - 1, names.indexOf("bins-7ffffffe"));
      // Beyond what an int index reaches: contained, yet no index.
      assertEquals(-1, names.indexOf("bins-7fffffff"));
      assertEquals(-1, names.indexOf("bins-80000000"));
      assertEquals(-1, names.lastIndexOf("bins-80000000"));
      assertEquals(-1, names.indexOf("nope"));
    }

    @Test
    void thirtyTwoBitNamesAreAViewNotAnAllocation() {
      List<String> names = DelegationMatching.succinctBinNames("bins", 32);
      assertEquals(Integer.MAX_VALUE, names.size()); // Collection.size(): capped
      assertEquals(1L << 32, names.spliterator().estimateSize()); // the true count
      assertEquals("bins-7ffffffe", names.get(Integer.MAX_VALUE - 1));
      assertEquals(
          List.of("bins-00000000", "bins-00000001", "bins-00000002"),
          names.stream().limit(3).collect(Collectors.toList()));
      assertEquals(
          "[bins-00000000, bins-00000001, ..., bins-ffffffff] (4294967296 bins)",
          names.toString());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // comparing name by name would take minutes
    void namesListsOfDifferentBitLengthsAreNotEqual() {
      assertNotEquals(
          DelegationMatching.succinctBinNames("bins", 31),
          DelegationMatching.succinctBinNames("bins", 32));
      assertNotEquals(
          DelegationMatching.succinctBinNames("bins", 13),
          DelegationMatching.succinctBinNames("bins", 14));
      assertEquals(
          DelegationMatching.succinctBinNames("bins", 32),
          DelegationMatching.succinctBinNames("bins", 32));
    }

    @Test
    void namesListIsUnmodifiable() {
      List<String> names = DelegationMatching.succinctBinNames("bins", 4);
      assertThrows(UnsupportedOperationException.class, () -> names.add("bins-x"));
      assertThrows(UnsupportedOperationException.class, () -> names.set(0, "bins-x"));
      assertThrows(IndexOutOfBoundsException.class, () -> names.get(16));
      assertThrows(IndexOutOfBoundsException.class, () -> names.get(-1));
    }

    @Test
    void smallNamesListPrintsLikeAnyList() {
      assertEquals("[b-0, b-1]", DelegationMatching.succinctBinNames("b", 1).toString());
    }
  }
}
