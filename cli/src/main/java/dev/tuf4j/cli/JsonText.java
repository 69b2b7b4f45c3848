package dev.tuf4j.cli;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;

/**
 * JSON for people and scripts: indented, members in the order given, strings escaped as RFC 8259
 * requires (control characters included, which canonical JSON leaves raw - so the output is
 * valid JSON and safe on a terminal whatever names a repository uses). Not for signing: that is
 * {@link dev.tuf4j.json.CanonicalJson}.
 */
final class JsonText {
  private JsonText() {}

  static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out, int depth) {
    if (value instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      for (int i = 0; i < o.size(); i++) {
        indent(out, depth + 1);
        quote(o.keyAt(i), out);
        out.append(": ");
        write(o.valueAt(i), out, depth + 1);
        out.append(i + 1 < o.size() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append('}');
    } else if (value instanceof JsonArray a) {
      if (a.size() == 0) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < a.size(); i++) {
        indent(out, depth + 1);
        write(a.get(i), out, depth + 1);
        out.append(i + 1 < a.size() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append(']');
    } else if (value instanceof JsonString s) {
      quote(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.value());
    } else if (value instanceof JsonBoolean b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
