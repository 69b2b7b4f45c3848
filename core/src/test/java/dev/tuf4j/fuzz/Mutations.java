package dev.tuf4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * "Valid bytes with a few mutations": up to four edits of a valid document, each chosen by the
 * fuzzer input. Random bytes almost never get past the JSON parser; a valid document with one edit
 * reaches the structural checks, the signature check and (for edits the signature does not cover,
 * such as whitespace or members beside {@code signed}) the version and expiry rules.
 */
final class Mutations {
  /** Text the edits splice in: JSON syntax, numbers at the edges of {@code long}, odd strings. */
  private static final String[] TOKENS = {
    " ",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "true",
    "0",
    "-1",
    "1",
    "2",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "1.0",
    "1e3",
    "\\u0000",
    "\\ud800",
    "\\u00e9",
    "\u00e9",
    "\"x\":1,",
    "{}",
    "[]",
    "\"1970-01-01T00:00:00Z\"",
    "\"2020-02-30T00:00:00Z\"",
    "\"sha256\"",
    "\"_type\"",
  };

  private Mutations() {}

  /** {@code valid} with 0 to 4 edits taken from {@code in}. */
  static byte[] mutate(byte[] valid, FuzzInput in) {
    byte[] b = valid;
    for (int edits = in.pick(5); edits > 0; edits--) {
      b = edit(b, in);
    }
    return b;
  }

  private static byte[] edit(byte[] b, FuzzInput in) {
    int op = in.pick(5);
    int at = in.index(b.length + 1);
    switch (op) {
      case 0: // flip one bit
        if (at < b.length) {
          b = b.clone();
          b[at] ^= (byte) (1 << in.pick(8));
        }
        return b;
      case 1: // insert one byte
        return splice(b, at, at, new byte[] {(byte) in.pick(256)});
      case 2: // delete a run
        return splice(b, at, Math.min(b.length, at + 1 + in.pick(16)), new byte[0]);
      case 3: // repeat a run (a duplicate key, a second signature, a longer string)
        int from = Math.min(b.length, at + 1 + in.pick(64));
        return splice(b, at, at, Arrays.copyOfRange(b, at, from));
      default: // replace a number or a character with a token
        return splice(b, at, endOfDigits(b, at), in.oneOf(TOKENS).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The end of a run of digits starting at {@code at}, or {@code at + 1} for any other byte. */
  private static int endOfDigits(byte[] b, int at) {
    int end = at;
    while (end < b.length && b[end] >= '0' && b[end] <= '9') {
      end++;
    }
    return end > at ? end : Math.min(b.length, at + 1);
  }

  /** {@code b} with {@code b[from..to)} replaced by {@code with}. */
  private static byte[] splice(byte[] b, int from, int to, byte[] with) {
    byte[] out = new byte[b.length - (to - from) + with.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(with, 0, out, from, with.length);
    System.arraycopy(b, to, out, from + with.length, b.length - to);
    return out;
  }
}
