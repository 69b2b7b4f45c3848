package dev.tuf4j.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON files. {@link #indented} is byte for byte what python-tuf's {@code JSONSerializer()} does
 * ({@code json.dumps(obj, indent=1, separators=(",", ": "), sort_keys=True)}): keys in code point
 * order, one member or element per line indented by one space per level, {@code ": "} after keys,
 * empty objects and arrays as {@code {}} and {@code []}, no trailing newline. Python's default
 * {@code ensure_ascii=True} is matched too, so the output is pure ASCII: {@code "}, {@code \},
 * backspace, form feed, newline, carriage return and tab get their two-character escapes, every
 * other character below U+0020 or from U+007F up is written as {@code \}{@code uXXXX} (lowercase
 * hex; characters beyond U+FFFF as their surrogate pair).
 *
 * <p>{@link #compact} is python-tuf's {@code JSONSerializer(compact=True)}: the same escaping with
 * separators {@code ","} and {@code ":"} and no whitespace. Unlike canonical JSON it is always
 * valid JSON (canonical JSON writes control characters raw, which no JSON parser accepts).
 *
 * <p>Not for signing: signatures cover {@link CanonicalJson}. Parsing the output with {@link
 * StrictJsonParser} gives back an equal value.
 */
public final class JsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private JsonWriter() {}

  /** The indented form of {@code value} as UTF-8 (in fact ASCII) bytes. */
  public static byte[] indented(JsonValue value) {
    CanonicalJson.Sink out = new CanonicalJson.Sink(256);
    write(value, 0, out);
    return out.toByteArray();
  }

  /** The compact form of {@code value}: sorted keys, no whitespace, ASCII with escapes. */
  public static byte[] compact(JsonValue value) {
    CanonicalJson.Sink out = new CanonicalJson.Sink(256);
    write(value, -1, out);
    return out.toByteArray();
  }

  /** {@code level} -1 writes the compact form. */
  private static void write(JsonValue value, int level, CanonicalJson.Sink out) {
    if (value instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.putAscii("{}");
        return;
      }
      out.put('{');
      for (int i = 0, n = o.size(); i < n; i++) {
        if (i > 0) {
          out.put(',');
        }
        newline(next(level), out);
        writeString(o.keyAt(i), out);
        out.put(':');
        if (level >= 0) {
          out.put(' ');
        }
        write(o.valueAt(i), next(level), out);
      }
      newline(level, out);
      out.put('}');
    } else if (value instanceof JsonArray a) {
      if (a.size() == 0) {
        out.putAscii("[]");
        return;
      }
      out.put('[');
      for (int i = 0, n = a.size(); i < n; i++) {
        if (i > 0) {
          out.put(',');
        }
        newline(next(level), out);
        write(a.get(i), next(level), out);
      }
      newline(level, out);
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

  private static int next(int level) {
    return level < 0 ? level : level + 1;
  }

  private static void newline(int level, CanonicalJson.Sink out) {
    if (level < 0) {
      return; // compact
    }
    out.ensure(level + 1);
    out.buf[out.len++] = '\n';
    Arrays.fill(out.buf, out.len, out.len + level, (byte) ' ');
    out.len += level;
  }

  /** Python's {@code encode_basestring_ascii}. */
  private static void writeString(String s, CanonicalJson.Sink out) {
    int n = s.length();
    // At most 6 bytes (an escape such as \u00e9) per UTF-16 unit, plus quotes.
    out.ensure(6 * n + 2);
    byte[] buf = out.buf;
    int pos = out.len;
    buf[pos++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        if (c == '"' || c == '\\') {
          buf[pos++] = '\\';
        }
        buf[pos++] = (byte) c;
        continue;
      }
      buf[pos++] = '\\';
      switch (c) {
        case '\b':
          buf[pos++] = 'b';
          break;
        case '\f':
          buf[pos++] = 'f';
          break;
        case '\n':
          buf[pos++] = 'n';
          break;
        case '\r':
          buf[pos++] = 'r';
          break;
        case '\t':
          buf[pos++] = 't';
          break;
        default:
          buf[pos++] = 'u';
          buf[pos++] = HEX[(c >> 12) & 0xF];
          buf[pos++] = HEX[(c >> 8) & 0xF];
          buf[pos++] = HEX[(c >> 4) & 0xF];
          buf[pos++] = HEX[c & 0xF];
      }
    }
    buf[pos++] = '"';
    out.len = pos;
  }
}
