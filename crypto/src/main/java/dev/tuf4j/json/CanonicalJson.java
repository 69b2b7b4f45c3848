package dev.tuf4j.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * OLPC canonical JSON exactly as securesystemslib's {@code encode_canonical} writes it (TUF spec
 * "Document formats"): no whitespace, object keys sorted by Unicode code point, strings escaping
 * only {@code "} and {@code \} (every other character, control characters included, is written
 * raw), UTF-8, integers, {@code true}, {@code false}, {@code null}. These are the bytes every TUF
 * signature covers. Not RFC 8785.
 *
 * <p>securesystemslib refuses floats ("I cannot encode 1.5"); here there is nothing to refuse, as
 * {@link JsonValue} has no floating-point type and {@link StrictJsonParser} rejects fractions and
 * exponents. The output of a string holding control characters is not strict JSON (they stay raw);
 * {@link JsonWriter} writes files.
 */
public final class CanonicalJson {
  /** The order of object keys: by Unicode code point (not UTF-16 code unit). */
  public static final java.util.Comparator<String> KEY_ORDER = CodePointOrder.INSTANCE;

  private CanonicalJson() {}

  /** The canonical bytes of {@code value}. */
  public static byte[] encode(JsonValue value) {
    Sink sink = new Sink(256);
    write(value, sink);
    return sink.toByteArray();
  }

  /** The canonical form as a string (for messages and tests). */
  public static String encodeToString(JsonValue value) {
    return new String(encode(value), StandardCharsets.UTF_8);
  }

  private static void write(JsonValue value, Sink out) {
    // Java 17: no pattern switch yet, so an if-chain over the sealed types.
    if (value instanceof JsonObject o) {
      out.put('{');
      for (int i = 0, n = o.size(); i < n; i++) {
        if (i > 0) {
          out.put(',');
        }
        writeString(o.keyAt(i), out);
        out.put(':');
        write(o.valueAt(i), out);
      }
      out.put('}');
    } else if (value instanceof JsonArray a) {
      out.put('[');
      for (int i = 0, n = a.size(); i < n; i++) {
        if (i > 0) {
          out.put(',');
        }
        write(a.get(i), out);
      }
      out.put(']');
    } else if (value instanceof JsonString s) {
      writeString(s.value(), out);
    } else if (value instanceof JsonNumber num) {
      out.putAscii(Long.toString(num.value()));
    } else if (value instanceof JsonBoolean b) {
      out.putAscii(b.value() ? "true" : "false");
    } else {
      out.putAscii("null");
    }
  }

  /**
   * securesystemslib's {@code _canonical_string_encoder}: a backslash before {@code "} and {@code
   * \\}, every other character (control characters included) as its raw UTF-8 bytes.
   */
  private static void writeString(String s, Sink out) {
    int n = s.length();
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes), plus quotes.
    out.ensure(3 * n + 2);
    byte[] buf = out.buf;
    int pos = out.len;
    buf[pos++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          // An escaped character takes 2 of the 3 bytes reserved for it.
          buf[pos++] = '\\';
        }
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        // JsonString and JsonObject refuse lone surrogates, so no value can hold one.
        throw new IllegalStateException("string has a lone surrogate at index " + i);
      }
    }
    buf[pos++] = '"';
    out.len = pos;
  }

  /**
   * A byte buffer that grows in blocks: up to {@link #BLOCK} bytes it doubles one array; past that
   * it starts new blocks instead of copying everything written so far into ever larger arrays, so a
   * 5 MB document is copied once (into the result) rather than about three times. {@link #ensure}
   * always leaves room in the current array, so writers may fill {@link #buf} directly up to {@code
   * len + extra}.
   */
  static final class Sink {
    static final int BLOCK = 256 * 1024;

    byte[] buf;
    int len;
    private final ArrayList<byte[]> blocks = new ArrayList<>();
    private int[] blockLengths = new int[8];
    private int blockTotal;

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    void ensure(int extra) {
      if (len + extra <= buf.length) {
        return;
      }
      if (buf.length < BLOCK && len + extra <= BLOCK) {
        buf = Arrays.copyOf(buf, Math.max(Math.min(buf.length * 2, BLOCK), len + extra));
        return;
      }
      if (blocks.size() == blockLengths.length) {
        blockLengths = Arrays.copyOf(blockLengths, blockLengths.length * 2);
      }
      blockLengths[blocks.size()] = len;
      blocks.add(buf);
      blockTotal += len;
      buf = new byte[Math.max(BLOCK, extra)];
      len = 0;
    }

    void put(int b) {
      if (len == buf.length) {
        ensure(1);
      }
      buf[len++] = (byte) b;
    }

    void putAscii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    byte[] toByteArray() {
      if (blocks.isEmpty()) {
        return Arrays.copyOf(buf, len);
      }
      byte[] out = new byte[blockTotal + len];
      int pos = 0;
      for (int i = 0; i < blocks.size(); i++) {
        int n = blockLengths[i];
        System.arraycopy(blocks.get(i), 0, out, pos, n);
        pos += n;
      }
      System.arraycopy(buf, 0, out, pos, len);
      return out;
    }
  }
}
