package dev.tuf4j.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decides whether a span of bytes is already the canonical JSON ({@link CanonicalJson}) of the
 * value it holds, so the bytes can be signed-over as they are instead of re-encoding the parsed
 * value. It accepts only a narrow form that is canonical by construction, and answers "no" to
 * anything else (the caller then re-encodes; that is always correct):
 *
 * <ul>
 *   <li>no whitespace anywhere;
 *   <li>strings of bytes 0x20-0x7F other than {@code "} and {@code \}: no escapes at all (canonical
 *       JSON escapes {@code "} and {@code \} and writes everything else raw, so a string with any
 *       escape might be written differently), no non-ASCII (so byte order is code point order);
 *   <li>integers as {@code -?(0|[1-9][0-9]*)} except {@code -0} (canonical JSON writes {@code 0});
 *       the parser has already checked that each fits in a {@code long};
 *   <li>{@code true}, {@code false}, {@code null};
 *   <li>object keys in strictly increasing byte order, which for such strings is code point order.
 * </ul>
 *
 * <p>If a span passes, the parser's tree for it holds exactly these strings, integers and keys (in
 * this order, since the keys were sorted already), so {@link CanonicalJson#encode} of the tree
 * writes back the same bytes: the span is the canonical form of what was parsed.
 */
final class CanonicalSpan {
  /** Returned by the scanners when the span is not in the accepted form. */
  private static final int NO = -1;

  private final byte[] b;
  private final int end;

  private CanonicalSpan(byte[] bytes, int end) {
    this.b = bytes;
    this.end = end;
  }

  /** Whether {@code bytes[from..to)} is exactly one value in the accepted canonical form. */
  static boolean isCanonical(byte[] bytes, int from, int to) {
    if (from < 0 || to > bytes.length || from >= to) {
      return false;
    }
    return new CanonicalSpan(bytes, to).value(from, 0) == to;
  }

  /** Scans the value at {@code i}; its end, or {@link #NO}. */
  private int value(int i, int depth) {
    if (i >= end) {
      return NO;
    }
    switch (b[i]) {
      case '{':
        return depth >= ParseLimits.MAX_DEPTH_CEILING ? NO : object(i + 1, depth + 1);
      case '[':
        return depth >= ParseLimits.MAX_DEPTH_CEILING ? NO : array(i + 1, depth + 1);
      case '"':
        return string(i);
      case 't':
        return literal(i, TRUE);
      case 'f':
        return literal(i, FALSE);
      case 'n':
        return literal(i, NULL);
      default:
        return integer(i);
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private int literal(int i, byte[] word) {
    int to = i + word.length;
    return to <= end && Arrays.equals(b, i, to, word, 0, word.length) ? to : NO;
  }

  /** {@code i} is just after '{'. */
  private int object(int i, int depth) {
    if (i < end && b[i] == '}') {
      return i + 1;
    }
    int previousKey = -1;
    int previousKeyEnd = -1;
    while (true) {
      if (i >= end || b[i] != '"') {
        return NO;
      }
      int keyEnd = string(i);
      if (keyEnd == NO) {
        return NO;
      }
      // Compare without the quotes: "a" and "ab" differ at the closing quote otherwise.
      if (previousKey >= 0
          && Arrays.compareUnsigned(b, previousKey + 1, previousKeyEnd - 1, b, i + 1, keyEnd - 1)
              >= 0) {
        return NO;
      }
      previousKey = i;
      previousKeyEnd = keyEnd;
      if (keyEnd >= end || b[keyEnd] != ':') {
        return NO;
      }
      i = value(keyEnd + 1, depth);
      if (i == NO || i >= end) {
        return NO;
      }
      if (b[i] == '}') {
        return i + 1;
      }
      if (b[i] != ',') {
        return NO;
      }
      i++;
    }
  }

  /** {@code i} is just after '['. */
  private int array(int i, int depth) {
    if (i < end && b[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(i, depth);
      if (i == NO || i >= end) {
        return NO;
      }
      if (b[i] == ']') {
        return i + 1;
      }
      if (b[i] != ',') {
        return NO;
      }
      i++;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final long QUOTES = 0x2222_2222_2222_2222L;
  private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
  private static final long SPACES = 0x2020_2020_2020_2020L;

  /** {@code i} is at the opening quote; returns the index after the closing one. */
  private int string(int i) {
    i++;
    // Eight bytes at a time (strings are most of a targets file). Each term sets the high bit of
    // a byte that is '"', '\\', below 0x20 or above 0x7F; a term can also mark bytes above such a
    // byte (a borrow runs upwards), never one below it, so the lowest mark is the first of them.
    for (int last = end - 8; i <= last; i += 8) {
      long w = (long) LONGS.get(b, i);
      long quote = w ^ QUOTES;
      long backslash = w ^ BACKSLASHES;
      long special =
          (w | (w - SPACES) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash))
              & HIGH_BITS;
      if (special != 0) {
        int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
        return b[at] == '"' ? at + 1 : NO;
      }
    }
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i + 1;
      }
      // Negative bytes are >= 0x80.
      if (c < 0x20 || c == '\\') {
        return NO;
      }
    }
    return NO;
  }

  private int integer(int i) {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return NO;
    }
    if (b[i] == '0') {
      // "0" alone; "-0" is written "0", and "01" is not JSON.
      return i == start ? numberEnd(i + 1) : NO;
    }
    int digits = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i > digits ? numberEnd(i) : NO;
  }

  /** After an integer's digits: a fraction or exponent follows no canonical integer. */
  private int numberEnd(int i) {
    if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E' || (b[i] >= '0' && b[i] <= '9'))) {
      return NO;
    }
    return i;
  }
}
