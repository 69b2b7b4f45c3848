package dev.tuf4j.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.tuf4j.MetadataFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses untrusted bytes into a {@link JsonValue} tree, strictly: one UTF-8 JSON value and
 * nothing after it, no duplicate object keys, no floats or exponents, no integers outside {@code
 * long}, no lone surrogates, and the {@link ParseLimits}. Every rejection is a {@link
 * MetadataFormatException} naming the JSON path.
 *
 * <p>Field-name interning and canonicalisation are off: in TUF, object keys are mostly target
 * paths and keyids, each seen once, and interning thousands of them costs more than the parse.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StrictJsonParser {
  private final ParseLimits limits;
  private final JsonFactory factory;

  public StrictJsonParser(ParseLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNameLength(limits.maxStringLength())
                    .maxNumberLength(40)
                    .maxDocumentLength(limits.maxDocumentBytes())
                    .build())
            .build();
  }

  public static StrictJsonParser withDefaults() {
    return new StrictJsonParser(ParseLimits.DEFAULT);
  }

  public ParseLimits limits() {
    return limits;
  }

  /** Parses one JSON document. */
  public JsonValue parse(byte[] bytes) throws MetadataFormatException {
    if (bytes.length > limits.maxDocumentBytes()) {
      throw new MetadataFormatException(
          null,
          "$",
          "expected at most " + limits.maxDocumentBytes() + " bytes, got " + bytes.length);
    }
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new MetadataFormatException(null, "$", "expected a JSON value, got no content");
      }
      JsonValue value = readValue(p, first, 0);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new MetadataFormatException(
            null, "$", "expected end of input after the JSON value, got " + trailing.asString());
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new MetadataFormatException(null, pathOf(null), "over a parse limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      String path = e.getProcessor() instanceof JsonParser jp ? pathOf(jp.getParsingContext()) : "$";
      throw new MetadataFormatException(null, path, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Parsing a byte array does no I/O; anything here is a malformed document.
      throw new MetadataFormatException(null, "$", "not valid JSON: " + e.getMessage(), e);
    }
  }

  private JsonValue readValue(JsonParser p, JsonToken t, int depth)
      throws IOException, MetadataFormatException {
    switch (t) {
      case START_OBJECT:
        return readObject(p, depth + 1);
      case START_ARRAY:
        return readArray(p, depth + 1);
      case VALUE_STRING:
        return new JsonString(checkSurrogates(p, p.getText()));
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new MetadataFormatException(
              null, pathOf(p.getParsingContext()), "expected an integer that fits 64 bits, got " + p.getText());
        }
        return new JsonNumber(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        throw new MetadataFormatException(
            null, pathOf(p.getParsingContext()), "expected an integer, got the number " + p.getText());
      case VALUE_TRUE:
        return JsonBoolean.TRUE;
      case VALUE_FALSE:
        return JsonBoolean.FALSE;
      case VALUE_NULL:
        return JsonNull.INSTANCE;
      default:
        throw new MetadataFormatException(
            null, pathOf(p.getParsingContext()), "unexpected token " + t);
    }
  }

  private JsonObject readObject(JsonParser p, int depth)
      throws IOException, MetadataFormatException {
    String[] keys = new String[8];
    JsonValue[] values = new JsonValue[8];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = checkSurrogates(p, p.currentName());
      JsonValue v = readValue(p, p.nextToken(), depth);
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      keys[n] = name;
      values[n] = v;
      n++;
    }
    if (t != JsonToken.END_OBJECT) {
      throw new MetadataFormatException(null, pathOf(p.getParsingContext()), "unexpected token " + t);
    }
    String[] duplicate = new String[1];
    JsonObject o = JsonObject.ofUnsorted(keys, values, n, duplicate);
    if (duplicate[0] != null) {
      // After END_OBJECT the context is the parent's, which still points at this object.
      throw new MetadataFormatException(
          null,
          append(pathOf(p.getParsingContext()), duplicate[0]),
          "duplicate object key " + quote(duplicate[0]));
    }
    return o;
  }

  private JsonArray readArray(JsonParser p, int depth) throws IOException, MetadataFormatException {
    List<JsonValue> elements = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new MetadataFormatException(null, pathOf(p.getParsingContext()), "unexpected end of input");
      }
      elements.add(readValue(p, t, depth));
    }
    return new JsonArray(elements);
  }

  private static String checkSurrogates(JsonParser p, String s) throws MetadataFormatException {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new MetadataFormatException(
              null, pathOf(p.getParsingContext()), "string has a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")");
        }
      }
    }
    return s;
  }

  /** A JSONPath such as {@code $.signed.targets["a/b"].hashes} for the parser's position. */
  static String pathOf(JsonStreamContext ctx) {
    if (ctx == null) {
      return "$";
    }
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    StringBuilder sb = new StringBuilder("$");
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonStreamContext c = chain.get(i);
      if (c.inArray()) {
        sb.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
      } else if (c.inObject() && c.getCurrentName() != null) {
        sb.replace(0, sb.length(), append(sb.toString(), c.getCurrentName()));
      }
    }
    return sb.toString();
  }

  /** {@code path.name} for plain names, {@code path["odd name"]} otherwise. */
  public static String append(String path, String name) {
    if (!name.isEmpty() && name.chars().allMatch(ch -> ch == '_' || ch == '-' || Character.isLetterOrDigit(ch) && ch < 128)) {
      return path + "." + name;
    }
    return path + "[" + quote(name) + "]";
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
