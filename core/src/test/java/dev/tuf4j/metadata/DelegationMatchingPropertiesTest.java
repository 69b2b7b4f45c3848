package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

class DelegationMatchingPropertiesTest {

  // ---------------------------------------------------------------------------------------------
  // Path patterns against a reference built on java.util.regex (wildcards and literals only)

  private static final String PATTERN_CHARS = "ab/*?.";
  private static final String PATH_CHARS = "ab/.*?";

  @Property(seed = "20261126")
  void patternMatchingAgreesWithARegexReference(
      @ForAll("patternsAndPaths") Tuple2<String, String> patternAndPath) {
    String pattern = patternAndPath.get1();
    String path = patternAndPath.get2();
    boolean expected = regexReference(pattern, path);
    assertEquals(
        expected,
        DelegationMatching.matchesPathPattern(pattern, path),
        () -> "pattern \"" + pattern + "\", path \"" + path + "\"");
    collectMatchOutcome(expected);
  }

  /** Fails the property if matches or misses are too rare for the agreement to mean much. */
  private static void collectMatchOutcome(boolean matched) {
    Statistics.label("matched").collect(matched);
    Statistics.label("matched")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p >= 20);
              coverage.check(false).percentage(p -> p >= 20);
            });
  }

  /** Split on '/' keeping empty segments; each segment a regex of quoted literals, .* and . */
  private static boolean regexReference(String pattern, String path) {
    String[] patternSegments = pattern.split("/", -1);
    String[] pathSegments = path.split("/", -1);
    if (patternSegments.length != pathSegments.length) {
      return false;
    }
    for (int i = 0; i < patternSegments.length; i++) {
      StringBuilder regex = new StringBuilder();
      for (char c : patternSegments[i].toCharArray()) {
        if (c == '*') {
          regex.append(".*");
        } else if (c == '?') {
          regex.append('.');
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      if (!Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(pathSegments[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Random patterns, each with either a random path or one made from the pattern by expanding
   * its wildcards (then sometimes mutated), so that matches and near misses both occur often.
   */
  @Provide
  Arbitrary<Tuple2<String, String>> patternsAndPaths() {
    Arbitrary<String> patterns = Arbitraries.strings().withChars(PATTERN_CHARS).ofMaxLength(10);
    Arbitrary<String> paths = Arbitraries.strings().withChars(PATH_CHARS).ofMaxLength(10);
    Arbitrary<Tuple2<String, String>> random = Combinators.combine(patterns, paths).as(Tuple::of);
    Arbitrary<Tuple2<String, String>> derived =
        Combinators.combine(patterns, Arbitraries.longs())
            .as((p, seed) -> Tuple.of(p, expandWildcards(p, new Random(seed))));
    return Arbitraries.oneOf(random, derived);
  }

  private static String expandWildcards(String pattern, Random random) {
    StringBuilder path = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        for (int n = random.nextInt(3); n > 0; n--) {
          path.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
        }
      } else if (c == '?') {
        path.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
      } else {
        path.append(c);
      }
    }
    if (random.nextInt(4) == 0 && path.length() > 0) {
      path.setCharAt(
          random.nextInt(path.length()), PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
    }
    return path.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Character classes against a reference that reads the pattern's structure, not its text

  /** A pattern element; patterns are generated as these, then written out as text. */
  private interface Element {
    String text();
  }

  private record Literal(char c) implements Element {
    public String text() {
      return String.valueOf(c);
    }
  }

  private record AnyChar() implements Element {
    public String text() {
      return "?";
    }
  }

  private record Star() implements Element {
    public String text() {
      return "*";
    }
  }

  /** "lo-hi" when a range (lo may exceed hi: an empty range), else the single member lo. */
  private record Member(char lo, char hi, boolean range) {
    String text() {
      return range ? lo + "-" + hi : String.valueOf(lo);
    }

    boolean contains(char c) {
      return lo <= c && c <= hi;
    }
  }

  private record CharClass(boolean negated, List<Member> members) implements Element {
    public String text() {
      String body = members.stream().map(Member::text).collect(Collectors.joining());
      return "[" + (negated ? "!" : "") + body + "]";
    }

    boolean matches(char c) {
      return negated != members.stream().anyMatch(m -> m.contains(c));
    }
  }

  private static final String CLASS_PATH_CHARS = "abcdef.*?[]!-";

  @Property(seed = "20261127")
  void characterClassMatchingAgreesWithAStructuralReference(
      @ForAll("segmentPatterns") List<List<Element>> segments, @ForAll long pathSeed) {
    String pattern =
        segments.stream()
            .map(s -> s.stream().map(Element::text).collect(Collectors.joining()))
            .collect(Collectors.joining("/"));
    Random random = new Random(pathSeed);
    List<String> pathSegments = new ArrayList<>();
    for (List<Element> segment : segments) {
      pathSegments.add(pathFor(segment, random));
    }
    if (random.nextInt(8) == 0) {
      pathSegments.add("a"); // a segment too many
    }
    String path = String.join("/", pathSegments);
    boolean expected = pathSegments.size() == segments.size();
    for (int i = 0; expected && i < segments.size(); i++) {
      expected = structuralMatch(segments.get(i), 0, pathSegments.get(i), 0);
    }
    assertEquals(
        expected,
        DelegationMatching.matchesPathPattern(pattern, path),
        "pattern \"" + pattern + "\", path \"" + path + "\"");
    collectMatchOutcome(expected);
  }

  /** Plain backtracking over elements; patterns and paths here are short. */
  private static boolean structuralMatch(List<Element> pattern, int p, String path, int i) {
    if (p == pattern.size()) {
      return i == path.length();
    }
    Element e = pattern.get(p);
    if (e instanceof Star) {
      for (int k = i; k <= path.length(); k++) {
        if (structuralMatch(pattern, p + 1, path, k)) {
          return true;
        }
      }
      return false;
    }
    if (i == path.length()) {
      return false;
    }
    char c = path.charAt(i);
    boolean one =
        e instanceof AnyChar
            || (e instanceof Literal lit && lit.c() == c)
            || (e instanceof CharClass cls && cls.matches(c));
    return one && structuralMatch(pattern, p + 1, path, i + 1);
  }

  /** A path segment likely to match: each element yields a character, sometimes at random. */
  private static String pathFor(List<Element> segment, Random random) {
    StringBuilder path = new StringBuilder();
    for (Element e : segment) {
      int count = e instanceof Star ? random.nextInt(3) : 1;
      for (int n = 0; n < count; n++) {
        if (e instanceof Literal lit && random.nextInt(5) > 0) {
          path.append(lit.c());
        } else if (e instanceof CharClass cls && !cls.negated() && random.nextInt(5) > 0) {
          Member m = cls.members().get(random.nextInt(cls.members().size()));
          int span = Math.max(0, m.hi() - m.lo()) + 1;
          path.append((char) (m.lo() + random.nextInt(span)));
        } else {
          path.append(CLASS_PATH_CHARS.charAt(random.nextInt(CLASS_PATH_CHARS.length())));
        }
      }
    }
    return path.toString();
  }

  @Provide
  Arbitrary<List<List<Element>>> segmentPatterns() {
    Arbitrary<Member> single =
        Arbitraries.of('a', 'b', 'c', 'd', 'e', '.', '*', '?', '[')
            .map(c -> new Member(c, c, false));
    Arbitrary<Character> rangeEnd = Arbitraries.chars().range('a', 'f');
    Arbitrary<Member> range =
        Combinators.combine(rangeEnd, rangeEnd).as((lo, hi) -> new Member(lo, hi, true));
    Arbitrary<Element> charClass =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.oneOf(single, range).list().ofMinSize(1).ofMaxSize(4))
            .as(CharClass::new);
    Arbitrary<Element> literal =
        Arbitraries.of('a', 'b', 'c', '.', ']', '!', '-').map(Literal::new);
    Arbitrary<Element> element =
        Arbitraries.frequencyOf(
            Tuple.of(4, literal),
            Tuple.of(2, Arbitraries.<Element>just(new AnyChar())),
            Tuple.of(2, Arbitraries.<Element>just(new Star())),
            Tuple.of(3, charClass));
    return element.list().ofMaxSize(5).list().ofMinSize(1).ofMaxSize(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Hash prefixes and succinct bins

  private static String jdkSha256Hex(String s) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  /** Well-formed strings (no lone surrogates: parsed metadata never has them), '/' likely. */
  @Provide
  Arbitrary<String> targetPaths() {
    Arbitrary<String> ascii = Arbitraries.strings().withChars("abc/.-_0123456789").ofMaxLength(30);
    Arbitrary<String> unicode =
        Arbitraries.strings().withCharRange(' ', '\uD7FF').withChars('/').ofMaxLength(20);
    return Arbitraries.oneOf(ascii, unicode);
  }

  @Provide
  Arbitrary<List<String>> hashPrefixLists() {
    return Arbitraries.strings()
        .withChars("0123456789abcdefABCDEF")
        .ofMaxLength(3)
        .list()
        .ofMaxSize(4);
  }

  @Property(seed = "20261128")
  void hashPrefixMatchingAgreesWithStartsWith(
      @ForAll("targetPaths") String path,
      @ForAll("hashPrefixLists") List<String> randomPrefixes,
      @ForAll @IntRange(min = 0, max = 64) int ownPrefixLength,
      @ForAll boolean includeOwnPrefix) {
    String hash = DelegationMatching.pathHash(path);
    List<String> prefixes = new ArrayList<>(randomPrefixes);
    if (includeOwnPrefix) {
      prefixes.add(hash.substring(0, ownPrefixLength));
    }
    boolean expected = prefixes.stream().anyMatch(hash::startsWith);
    assertEquals(expected, DelegationMatching.matchesHashPrefix(prefixes, path));
    collectMatchOutcome(expected);
  }

  @Property(seed = "20261129")
  void pathHashIsTheJdkSha256(@ForAll("targetPaths") String path) throws Exception {
    assertEquals(jdkSha256Hex(path), DelegationMatching.pathHash(path));
  }

  @Property(seed = "20261130")
  void eachPathHasOneBinWhoseNameRoundTrips(
      @ForAll("targetPaths") String path, @ForAll @IntRange(min = 1, max = 32) int bitLength)
      throws Exception {
    long index = DelegationMatching.succinctBinIndex(path, bitLength);
    long independent = Long.parseLong(jdkSha256Hex(path).substring(0, 8), 16) >>> (32 - bitLength);
    assertEquals(independent, index);
    assertTrue(index >= 0 && index < (1L << bitLength));
    String name = DelegationMatching.succinctBinName("bins", index, bitLength);
    assertEquals(index, DelegationMatching.succinctBinIndexOf("bins", bitLength, name));
    if (bitLength % 4 == 0) {
      // Nibble-aligned bins are exactly hash prefixes: TAP 15 agrees with path_hash_prefixes.
      assertEquals("bins-" + jdkSha256Hex(path).substring(0, bitLength / 4), name);
    }
  }

  @Property(seed = "20261131", tries = 200)
  void binNameOccursExactlyOnceAmongAllBins(
      @ForAll("targetPaths") String path, @ForAll @IntRange(min = 1, max = 12) int bitLength) {
    String name =
        DelegationMatching.succinctBinName(
            "bins", DelegationMatching.succinctBinIndex(path, bitLength), bitLength);
    List<String> all = DelegationMatching.succinctBinNames("bins", bitLength);
    assertEquals(1, Collections.frequency(all, name));
    assertEquals(1 << bitLength, all.stream().distinct().count());
  }

  @Property(seed = "20261132")
  void everyBinNameRoundTripsThroughItsIndex(
      @ForAll @IntRange(min = 1, max = 32) int bitLength, @ForAll long anyLong) {
    long index = Math.floorMod(anyLong, 1L << bitLength);
    String name = DelegationMatching.succinctBinName("p", index, bitLength);
    assertEquals(index, DelegationMatching.succinctBinIndexOf("p", bitLength, name));
  }

  @Property(seed = "20261133")
  void onlyCanonicalBinNamesHaveAnIndex(
      @ForAll("bitLengthsAndRoleNames") Tuple2<Integer, String> bitLengthAndRoleName) {
    int bitLength = bitLengthAndRoleName.get1();
    String roleName = bitLengthAndRoleName.get2();
    long index = DelegationMatching.succinctBinIndexOf("p", bitLength, roleName);
    collectMatchOutcome(index >= 0);
    if (index >= 0) {
      assertEquals(roleName, DelegationMatching.succinctBinName("p", index, bitLength));
    } else {
      assertEquals(-1, index);
      assertFalse(DelegationMatching.succinctBinNames("p", bitLength).contains(roleName));
    }
  }

  /**
   * Bit lengths with strings near their bin names: "p-" and lower-case hex of the right width
   * (in or out of range), or other heads and digits of any case and length.
   */
  @Provide
  Arbitrary<Tuple2<Integer, String>> bitLengthsAndRoleNames() {
    return Arbitraries.integers()
        .between(1, 12)
        .flatMap(
            bitLength -> {
              Arbitrary<String> exactWidth =
                  Arbitraries.strings()
                      .withChars("0123456789abcdef")
                      .ofLength((bitLength + 3) / 4)
                      .map(hex -> "p-" + hex);
              Arbitrary<String> nearMiss =
                  Combinators.combine(
                          Arbitraries.of("p-", "p", "q-", "", "p--", "-"),
                          Arbitraries.strings()
                              .withChars("0123456789abcdefABCDEFg-+ x")
                              .ofMaxLength(4))
                      .as(String::concat);
              return Arbitraries.frequencyOf(Tuple.of(2, exactWidth), Tuple.of(1, nearMiss))
                  .map(name -> Tuple.of(bitLength, name));
            });
  }
}
