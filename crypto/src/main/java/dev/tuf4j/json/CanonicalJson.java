package dev.tuf4j.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * OLPC canonical JSON exactly as securesystemslib writes it (TUF spec "Document formats"): no
 * whitespace, object keys sorted by Unicode code point, strings escaping only {@code "} and
 * {@code \} (every other character, control characters included, is written raw), UTF-8,
 * integers only. These are the bytes every TUF signature covers. Not RFC 8785.
 */
public final class CanonicalJson {
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

  private static void writeString(String s, Sink out) {
    out.put('"');
    int n = s.length();
    out.ensure(n + 2);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          out.put('\\');
        }
        out.put(c);
      } else if (c < 0x800) {
        out.put(0xC0 | (c >> 6));
        out.put(0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.put(0xF0 | (cp >> 18));
        out.put(0x80 | ((cp >> 12) & 0x3F));
        out.put(0x80 | ((cp >> 6) & 0x3F));
        out.put(0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // The parser never produces lone surrogates; values built in code must not have them.
        throw new IllegalArgumentException("string has a lone surrogate at index " + i);
      } else {
        out.put(0xE0 | (c >> 12));
        out.put(0x80 | ((c >> 6) & 0x3F));
        out.put(0x80 | (c & 0x3F));
      }
    }
    out.put('"');
  }

  /** A growable byte buffer without ByteArrayOutputStream's locking. */
  static final class Sink {
    private byte[] buf;
    private int len;

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    void ensure(int extra) {
      if (len + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
      }
    }

    void put(int b) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
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
      return Arrays.copyOf(buf, len);
    }
  }
}
