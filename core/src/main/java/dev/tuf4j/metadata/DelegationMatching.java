package dev.tuf4j.metadata;

import dev.tuf4j.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.LongStream;

/**
 * Which delegated role a target path belongs to: the pure functions behind a delegation's
 * {@code "paths"} and {@code "path_hash_prefixes"} (TUF spec 1.0.34, "File formats:
 * targets.json", DELEGATIONS), which the pre-order delegation search of step 5.6.7.2 applies,
 * and behind TAP 15 succinct hash bins ({@code "succinct_roles"}).
 *
 * <p>Patterns, prefixes and role names come from signed but possibly hostile delegated metadata,
 * so matching never throws on their contents and never takes more than time proportional to
 * pattern length times path length. Null arguments are programming errors and throw
 * {@link NullPointerException}.
 *
 * <p>Thread-safe: no state; each hash uses its own {@link MessageDigest}.
 */
public final class DelegationMatching {

  /** The most bits TAP 15 allows: a bin index is taken from the first four digest bytes. */
  private static final int MAX_BIT_LENGTH = 32;

  private DelegationMatching() {}

  // ---------------------------------------------------------------------------------------------
  // "paths": shell-style patterns

  /**
   * Whether {@code targetPath} matches the delegation path pattern {@code pattern} (spec
   * PATHPATTERN), exactly as python-tuf decides it: split both on {@code '/'} (keeping empty
   * segments, so {@code "a/"} has two), require the same number of segments, and match each
   * pattern segment against the path segment with the semantics of Python's {@code
   * fnmatch.fnmatchcase}. So a wildcard never matches {@code '/'}, as the spec recommends, and
   * {@code "*.whl"} does not match {@code "a/b.whl"}.
   *
   * <p>Within a segment:
   *
   * <ul>
   *   <li>{@code *} matches any run of characters, the empty run included;
   *   <li>{@code ?} matches exactly one character;
   *   <li>{@code [seq]} matches one character in {@code seq}, {@code [!seq]} one not in it. The
   *       class ends at the first {@code ]} after the opening one, except that a {@code ]}
   *       directly after {@code [} or {@code [!} is a member. {@code a-z} is an inclusive range
   *       of code points; a reversed range such as {@code z-a} matches nothing; a {@code -}
   *       first or last is a member. A class left empty matches nothing, a negated empty class
   *       any one character. {@code ^} is an ordinary member, not a negation;
   *   <li>a {@code [} with no closing {@code ]} in the same segment is a literal;
   *   <li>everything else, backslash included, is a literal: there is no escaping, no brace
   *       expansion, and a leading {@code .} is not special.
   * </ul>
   *
   * <p>Matching is case-sensitive on every platform. (python-tuf calls {@code fnmatch.fnmatch},
   * which case-folds on Windows; that is a known python-tuf defect, not the spec.) A "character"
   * is a Unicode code point, as in Python, so {@code ?} matches one emoji. go-tuf
   * ({@code filepath.Match}) and tuf-js ({@code minimatch}) differ on backslashes, {@code ^} and
   * leading dots; this follows python-tuf, the reference implementation.
   *
   * <p>One deliberate difference from CPython: its {@code fnmatch.translate} drops a reversed
   * range at the start of a class and then reads a following {@code !} as a negation, so
   * {@code [z-a!]} matches any character there; here {@code !} negates only directly after
   * {@code [}, so {@code [z-a!]} matches just {@code !}. The narrower reading delegates fewer
   * paths, never more.
   */
  public static boolean matchesPathPattern(String pattern, String targetPath) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(targetPath, "targetPath");
    if (count(pattern, '/') != count(targetPath, '/')) {
      return false;
    }
    int patternStart = 0;
    int pathStart = 0;
    while (true) {
      int patternEnd = indexOfOrEnd(pattern, '/', patternStart);
      int pathEnd = indexOfOrEnd(targetPath, '/', pathStart);
      String patternSegment = pattern.substring(patternStart, patternEnd);
      String pathSegment = targetPath.substring(pathStart, pathEnd);
      if (!SegmentPattern.compile(patternSegment).matches(pathSegment)) {
        return false;
      }
      if (patternEnd == pattern.length()) {
        return true; // same number of '/' in both, so the path ends here too
      }
      patternStart = patternEnd + 1;
      pathStart = pathEnd + 1;
    }
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }

  private static int indexOfOrEnd(String s, char c, int from) {
    int i = s.indexOf(c, from);
    return i < 0 ? s.length() : i;
  }

  /**
   * One pattern segment compiled to tokens that each match exactly one code point, plus stars.
   * Because every non-star token has width one, the greedy matcher that only ever backtracks to
   * the most recent star is exact, and it takes O(pattern length x path length) steps at worst:
   * no exponential blow-up on hostile patterns such as {@code *a*a*a*a*b}. The path is the one
   * the client asked for, so the cost is linear in what a hostile delegation controls.
   */
  private static final class SegmentPattern {
    private final List<Token> tokens;

    private SegmentPattern(List<Token> tokens) {
      this.tokens = tokens;
    }

    static SegmentPattern compile(String segment) {
      int[] p = segment.codePoints().toArray();
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < p.length) {
        int c = p[i];
        if (c == '*') {
          // A run of stars means the same as one star; keep one.
          if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != Token.STAR) {
            tokens.add(Token.STAR);
          }
          i++;
        } else if (c == '?') {
          tokens.add(Token.ANY);
          i++;
        } else if (c == '[') {
          int close = closingBracket(p, i);
          if (close < 0) {
            tokens.add(Token.literal('[')); // unbalanced: a literal, as in fnmatch
            i++;
          } else {
            tokens.add(Token.characterClass(p, i + 1, close));
            i = close + 1;
          }
        } else {
          tokens.add(Token.literal(c));
          i++;
        }
      }
      return new SegmentPattern(tokens);
    }

    /** Index of the ']' closing the class opened at {@code open}, or -1 if there is none. */
    private static int closingBracket(int[] p, int open) {
      int j = open + 1;
      if (j < p.length && p[j] == '!') {
        j++;
      }
      if (j < p.length && p[j] == ']') {
        j++; // a ']' first in the class is a member, not the end
      }
      while (j < p.length && p[j] != ']') {
        j++;
      }
      return j < p.length ? j : -1;
    }

    boolean matches(String segment) {
      int[] s = segment.codePoints().toArray();
      int t = 0; // next token
      int i = 0; // next character
      int lastStar = -1; // token index of the most recent star
      int starResume = 0; // where the text after the most recent star starts for now
      while (i < s.length) {
        if (t < tokens.size() && tokens.get(t) == Token.STAR) {
          lastStar = t++;
          starResume = i; // let the star absorb nothing first
        } else if (t < tokens.size() && tokens.get(t).matches(s[i])) {
          t++;
          i++;
        } else if (lastStar >= 0) {
          // Let the most recent star absorb one more character and retry what follows it.
          // Backtracking further is never needed: an earlier star could only shift the tokens
          // between the two stars left, and the later star absorbs any gap that leaves.
          t = lastStar + 1;
          i = ++starResume;
        } else {
          return false;
        }
      }
      while (t < tokens.size() && tokens.get(t) == Token.STAR) {
        t++;
      }
      return t == tokens.size();
    }
  }

  /** One pattern token: a set of code points (literal, '?' or class), or the star. */
  private static final class Token {
    /** Recognised by identity; the matcher handles it, so as a set it is empty. */
    static final Token STAR = new Token(false, new int[0]);
    /** '?' is a negated empty class: any one code point. */
    static final Token ANY = new Token(true, new int[0]);

    private final boolean negated;
    /** Inclusive code point ranges as pairs {@code lo0, hi0, lo1, hi1, ...}. */
    private final int[] ranges;

    private Token(boolean negated, int[] ranges) {
      this.negated = negated;
      this.ranges = ranges;
    }

    static Token literal(int codePoint) {
      return new Token(false, new int[] {codePoint, codePoint});
    }

    /**
     * The class between {@code '['} at {@code from - 1} and {@code ']'} at {@code to}: an
     * optional leading '!', then members read left to right, where "x-y" (three characters) is
     * a range and anything else is one member. Reversed ranges are dropped, as fnmatch does.
     */
    static Token characterClass(int[] p, int from, int to) {
      boolean negated = from < to && p[from] == '!';
      int k = negated ? from + 1 : from;
      int[] ranges = new int[2 * (to - k)];
      int n = 0;
      while (k < to) {
        if (k + 2 < to && p[k + 1] == '-') {
          if (p[k] <= p[k + 2]) { // a reversed range holds nothing: drop it
            ranges[n++] = p[k];
            ranges[n++] = p[k + 2];
          }
          k += 3;
        } else {
          ranges[n++] = p[k];
          ranges[n++] = p[k];
          k++;
        }
      }
      return new Token(negated, Arrays.copyOf(ranges, n));
    }

    boolean matches(int codePoint) {
      for (int r = 0; r < ranges.length; r += 2) {
        if (ranges[r] <= codePoint && codePoint <= ranges[r + 1]) {
          return !negated;
        }
      }
      return negated;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // "path_hash_prefixes"

  /**
   * Whether the lower-case hex SHA-256 of the UTF-8 {@code targetPath} starts with any of
   * {@code prefixes} (spec "path_hash_prefixes"). Comparison is exact, as in python-tuf: an
   * upper-case prefix never matches, an empty prefix matches every path, and an empty list
   * matches none. A path that has no UTF-8 form (it holds a lone UTF-16 surrogate, which parsed
   * metadata never does) has no hash and so matches no prefix.
   */
  public static boolean matchesHashPrefix(List<String> prefixes, String targetPath) {
    Objects.requireNonNull(prefixes, "prefixes");
    Objects.requireNonNull(targetPath, "targetPath");
    if (prefixes.isEmpty() || hasLoneSurrogate(targetPath)) {
      return false;
    }
    String hash = pathHash(targetPath);
    for (String prefix : prefixes) {
      if (hash.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lower-case hex SHA-256 (64 digits) of {@code targetPath} encoded as UTF-8.
   *
   * @throws IllegalArgumentException if {@code targetPath} holds a lone UTF-16 surrogate and so
   *     has no UTF-8 encoding (the strict JSON parser never produces one)
   */
  public static String pathHash(String targetPath) {
    return Hex.encode(sha256(targetPath));
  }

  private static byte[] sha256(String targetPath) {
    Objects.requireNonNull(targetPath, "targetPath");
    // String.getBytes would silently turn a lone surrogate into '?', making two different
    // paths hash alike; refuse instead.
    if (hasLoneSurrogate(targetPath)) {
      throw new IllegalArgumentException(
          "target path has a lone UTF-16 surrogate and no UTF-8 encoding");
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    return digest.digest(targetPath.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // TAP 15 succinct hash bins

  /**
   * The TAP 15 bin of {@code targetPath}: the first {@code bitLength} bits of the SHA-256 of its
   * UTF-8 form, read as an unsigned big-endian number, so between 0 and {@code 2^bitLength - 1}.
   *
   * @throws IllegalArgumentException if {@code bitLength} is not 1..32, or {@code targetPath}
   *     holds a lone UTF-16 surrogate (see {@link #pathHash})
   */
  public static long succinctBinIndex(String targetPath, int bitLength) {
    checkBitLength(bitLength);
    byte[] digest = sha256(targetPath);
    long first32 =
        ((digest[0] & 0xFFL) << 24)
            | ((digest[1] & 0xFFL) << 16)
            | ((digest[2] & 0xFFL) << 8)
            | (digest[3] & 0xFFL);
    return first32 >>> (MAX_BIT_LENGTH - bitLength);
  }

  /**
   * The TAP 15 name of bin {@code index}: {@code namePrefix + "-" +} the lower-case hex of
   * {@code index}, zero-padded to the number of hex digits of {@code 2^bitLength - 1} (so
   * {@code bitLength} 14 gives {@code "bins-0000"} to {@code "bins-3fff"}, 1 gives one digit, 32
   * gives eight). This is python-tuf's {@code SuccinctRoles} naming.
   *
   * @throws IllegalArgumentException if {@code bitLength} is not 1..32 or {@code index} is not in
   *     0..2^bitLength - 1
   */
  public static String succinctBinName(String namePrefix, long index, int bitLength) {
    Objects.requireNonNull(namePrefix, "namePrefix");
    checkBitLength(bitLength);
    if (index < 0 || index >= binCount(bitLength)) {
      throw new IllegalArgumentException(
          "bin index must be in 0.." + (binCount(bitLength) - 1) + ", got " + index);
    }
    String hex = Long.toHexString(index);
    int width = suffixWidth(bitLength);
    StringBuilder name = new StringBuilder(namePrefix.length() + 1 + width);
    name.append(namePrefix).append('-');
    for (int pad = width - hex.length(); pad > 0; pad--) {
      name.append('0');
    }
    return name.append(hex).toString();
  }

  /**
   * All {@code 2^bitLength} bin names in index order, as an unmodifiable view computed on
   * demand (nothing is allocated up front, even for {@code bitLength} 32).
   *
   * <p>For {@code bitLength} 31 and 32 there are more names than a {@code List} can index:
   * {@link List#size()} then reports {@link Integer#MAX_VALUE}, as {@link java.util.Collection}
   * specifies, and {@code get}, {@code listIterator} and {@code subList} reach only the first
   * {@code Integer.MAX_VALUE} names; {@code iterator()}, {@code forEach}, {@code stream()} and
   * {@code contains} cover every bin. Use {@link #succinctBinName} to address a bin by its
   * {@code long} index.
   *
   * @throws IllegalArgumentException if {@code bitLength} is not 1..32
   */
  public static List<String> succinctBinNames(String namePrefix, int bitLength) {
    Objects.requireNonNull(namePrefix, "namePrefix");
    checkBitLength(bitLength);
    return new BinNames(namePrefix, bitLength);
  }

  /**
   * The index of the bin named {@code roleName}, or -1 if no bin has that name. Only the exact
   * names {@link #succinctBinName} produces count: the prefix, one {@code '-'}, and exactly the
   * padded number of lower-case hex digits, within range. (python-tuf also accepts upper-case
   * digits; but a role name selects a metadata file by exact name, so {@code "bins-0A"} is not
   * the bin {@code "bins-0a"}.)
   *
   * @throws IllegalArgumentException if {@code bitLength} is not 1..32
   */
  public static long succinctBinIndexOf(String namePrefix, int bitLength, String roleName) {
    Objects.requireNonNull(namePrefix, "namePrefix");
    Objects.requireNonNull(roleName, "roleName");
    checkBitLength(bitLength);
    int start = namePrefix.length() + 1;
    int width = suffixWidth(bitLength);
    if (roleName.length() != start + width
        || !roleName.startsWith(namePrefix)
        || roleName.charAt(start - 1) != '-') {
      return -1;
    }
    long index = 0;
    for (int i = start; i < roleName.length(); i++) {
      char c = roleName.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        return -1;
      }
      index = (index << 4) | digit; // at most 8 digits: no overflow
    }
    return index < binCount(bitLength) ? index : -1;
  }

  private static void checkBitLength(int bitLength) {
    if (bitLength < 1 || bitLength > MAX_BIT_LENGTH) {
      throw new IllegalArgumentException(
          "bit_length must be in 1.." + MAX_BIT_LENGTH + ", got " + bitLength);
    }
  }

  private static long binCount(int bitLength) {
    return 1L << bitLength;
  }

  /** Hex digits of the largest index, 2^bitLength - 1: one per started group of four bits. */
  private static int suffixWidth(int bitLength) {
    return (bitLength + 3) / 4;
  }

  /** The lazy list behind {@link #succinctBinNames}. */
  private static final class BinNames extends AbstractList<String> implements RandomAccess {
    /** Beyond this many names, {@code toString} abbreviates rather than build billions. */
    private static final int TO_STRING_LIMIT = 16;

    private final String namePrefix;
    private final int bitLength;
    private final long count;

    BinNames(String namePrefix, int bitLength) {
      this.namePrefix = namePrefix;
      this.bitLength = bitLength;
      this.count = binCount(bitLength);
    }

    @Override
    public String get(int index) {
      if (index < 0 || index >= size()) {
        throw new IndexOutOfBoundsException("index " + index + ", size " + size());
      }
      return succinctBinName(namePrefix, index, bitLength);
    }

    @Override
    public int size() {
      return (int) Math.min(count, Integer.MAX_VALUE);
    }

    @Override
    public boolean contains(Object o) {
      return indexOfName(o) >= 0;
    }

    @Override
    public int indexOf(Object o) {
      long index = indexOfName(o);
      return index < size() ? (int) index : -1; // -1 also beyond an int index's reach
    }

    private long indexOfName(Object o) {
      return o instanceof String name ? succinctBinIndexOf(namePrefix, bitLength, name) : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
      return indexOf(o); // names are distinct
    }

    @Override
    public Spliterator<String> spliterator() {
      // Sized by a long and split in halves by LongStream, so streams (parallel ones too) see
      // every bin even where size() is capped.
      return LongStream.range(0, count)
          .mapToObj(index -> succinctBinName(namePrefix, index, bitLength))
          .spliterator();
    }

    @Override
    public Iterator<String> iterator() {
      return Spliterators.iterator(spliterator());
    }

    @Override
    public boolean equals(Object o) {
      // Two views are equal exactly when they were made alike; comparing them name by name
      // would take billions of steps for 31 or 32 bits and, capped at Integer.MAX_VALUE
      // elements, would call the 31- and 32-bit lists equal.
      if (o instanceof BinNames other) {
        return namePrefix.equals(other.namePrefix) && bitLength == other.bitLength;
      }
      return super.equals(o);
    }

    @Override
    public int hashCode() {
      return super.hashCode(); // List contract; walks all names, as any list's hashCode does
    }

    @Override
    public String toString() {
      if (count <= TO_STRING_LIMIT) {
        return super.toString();
      }
      return String.format(
          "[%s, %s, ..., %s] (%d bins)",
          get(0), get(1), succinctBinName(namePrefix, count - 1, bitLength), count);
    }
  }
}
