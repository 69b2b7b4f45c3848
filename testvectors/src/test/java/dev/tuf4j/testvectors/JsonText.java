package dev.tuf4j.testvectors;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain RFC 8259 JSON text for talking to the Node scripts. Not canonical JSON: canonical JSON
 * writes control characters raw, which {@code JSON.parse} refuses, so requests are written here
 * with every character outside printable ASCII escaped as {@code \\uXXXX}.
 */
final class JsonText {
  private JsonText() {}

  static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /** Parses with tuf4j's strict parser (default limits). */
  static JsonValue parse(String text) {
    try {
      return StrictJsonParser.withDefaults().parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (MetadataFormatException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage() + ": " + text, e);
    }
  }

  static JsonString str(String s) {
    return new JsonString(s);
  }

  static JsonArray array(List<? extends JsonValue> values) {
    return new JsonArray(new ArrayList<>(values));
  }

  static JsonArray strings(List<String> values) {
    return new JsonArray(values.stream().map(v -> (JsonValue) new JsonString(v)).toList());
  }

  static JsonObject object(Map<String, ? extends JsonValue> members) {
    return JsonObject.of(members);
  }

  private static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject o) {
      out.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeString(o.keyAt(i), out);
        out.append(':');
        write(o.valueAt(i), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString s) {
      writeString(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.value());
    } else if (value instanceof JsonBoolean b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append('"');
  }
}
