package dev.tuf4j.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first byte that keeps a document from being well-formed UTF-8 (RFC 3629 section 4,
 * Unicode table 3-7): no overlong forms, no encoded surrogates (U+D800..U+DFFF), nothing above
 * U+10FFFF, no stray or missing continuation bytes.
 *
 * <p>Why we check ourselves: jackson-core replaces malformed UTF-8 inside strings with U+FFFD
 * instead of failing, so two different byte strings would parse to one value, and an overlong
 * form (such as {@code C0 A2} for a quote) must never be read as a character at all.
 */
final class Utf8Check {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8Check() {}

  /** The offset where the first malformed sequence starts, or -1 if all of {@code b} is valid. */
  static int firstInvalid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      // Metadata is nearly all ASCII: skip eight ASCII bytes at a time.
      if (i + 8 <= n && (((long) LONGS.get(b, i)) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int lead = b[i] & 0xFF;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int length = sequenceLength(b, i, lead);
      if (length == 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** The length of the well-formed sequence starting at {@code i}, or 0 if it is malformed. */
  private static int sequenceLength(byte[] b, int i, int lead) {
    int n = b.length;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return i + 1 < n && isContinuation(b[i + 1]) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      if (i + 2 >= n) {
        return 0;
      }
      int second = b[i + 1] & 0xFF;
      // E0 needs A0..BF (else overlong); ED needs 80..9F (else a surrogate).
      int low = lead == 0xE0 ? 0xA0 : 0x80;
      int high = lead == 0xED ? 0x9F : 0xBF;
      return second >= low && second <= high && isContinuation(b[i + 2]) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      if (i + 3 >= n) {
        return 0;
      }
      int second = b[i + 1] & 0xFF;
      // F0 needs 90..BF (else overlong); F4 needs 80..8F (else above U+10FFFF).
      int low = lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xF4 ? 0x8F : 0xBF;
      return second >= low
              && second <= high
              && isContinuation(b[i + 2])
              && isContinuation(b[i + 3])
          ? 4
          : 0;
    }
    // 80..BF (a continuation byte with no lead), C0, C1 (overlong), F5..FF (never used).
    return 0;
  }

  private static boolean isContinuation(byte x) {
    return (x & 0xC0) == 0x80;
  }
}
