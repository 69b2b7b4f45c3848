package dev.tuf4j.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tuf4j.MetadataFormatException;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One parse for {@link StrictJsonParser}. Builds the tree bottom-up on two stacks shared by all
 * open containers (members are copied out when their container closes), and keeps the path to the
 * current value. Asked to, it also records the span of one top-level object member and what
 * {@link #spanIsCanonical} needs to tell whether that span is already canonical JSON.
 */
final class TreeReader {
  private final ParseLimits limits;
  private final JsonParser p;

  // The path, one level per open container (level 0 is the root, unused): in an array the
  // index of the element being read or expected next; in an object (index -1) the name of the
  // member being read, or null between members.
  private String[] names = new String[16];
  private int[] indices = new int[16];
  private int depth;

  private String[] keyStack = new String[64];
  private JsonValue[] valueStack = new JsonValue[64];
  private int top;

  private final String[] duplicate = new String[1];

  // The top-level member whose span to record, if any (only for all-ASCII input, where char
  // offsets are byte offsets); its span once read ('{' to '}', end exclusive), else -1.
  private final @Nullable String spanMember;
  int spanStart = -1;
  int spanEnd = -1;
  @Nullable JsonValue document;

  // For spanIsCanonical: running totals over everything read so far, and the values they had
  // when the member's span closed, less those when it opened. shortestLength counts each value
  // as canonical JSON would write it if no string held '"' or '\\' and every character took one
  // byte; unsortedObjects counts objects whose members did not come in canonical order.
  private long shortestLength;
  private long unsortedObjects;
  private long spanShortestLength = -1;
  private long spanUnsortedObjects = -1;
  private final boolean[] wasSorted = new boolean[1];

  TreeReader(JsonParser p, @Nullable String spanMember, ParseLimits limits) {
    this.p = p;
    this.spanMember = spanMember;
    this.limits = limits;
  }

  /** The document's value, or null if there is none (empty or blank input). */
  @Nullable JsonValue readDocument() throws IOException, MetadataFormatException {
    JsonToken first = p.nextToken();
    if (first == null) {
      return null;
    }
    JsonValue value = readValue(first);
    JsonToken after = p.nextToken();
    if (after != null) {
      throw fail("expected the end of input after the JSON value, got another value");
    }
    return value;
  }

  private JsonValue readValue(JsonToken t) throws IOException, MetadataFormatException {
    switch (t) {
      case START_OBJECT:
        return readObject();
      case START_ARRAY:
        return readArray();
      case VALUE_STRING:
        return readString();
      case VALUE_NUMBER_INT:
        return readInteger();
      case VALUE_NUMBER_FLOAT:
        throw fail(
            "expected an integer, got the number "
                + clip(p.getText())
                + " (canonical JSON has no fractions or exponents)");
      case VALUE_TRUE:
        shortestLength += 4;
        return JsonBoolean.TRUE;
      case VALUE_FALSE:
        shortestLength += 5;
        return JsonBoolean.FALSE;
      case VALUE_NULL:
        shortestLength += 4;
        return JsonNull.INSTANCE;
      default:
        // Jackson reports every other token as its own error first.
        throw fail("expected a JSON value, got " + t);
    }
  }

  private JsonObject readObject() throws IOException, MetadataFormatException {
    int level = enter(-1);
    int from = top;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      names[level] = key;
      shortestLength += key.length() + 3; // quotes and colon
      checkLength(key, "key");
      if (JsonString.indexOfLoneSurrogate(key) >= 0) {
        throw fail("expected Unicode text, got a key with a lone UTF-16 surrogate");
      }
      JsonToken valueToken = p.nextToken();
      JsonValue value;
      if (level == 1
          && spanMember != null
          && valueToken == JsonToken.START_OBJECT
          && key.equals(spanMember)) {
        int start = (int) p.currentTokenLocation().getCharOffset();
        long lengthBefore = shortestLength;
        long unsortedBefore = unsortedObjects;
        value = readValue(valueToken);
        spanStart = start;
        spanEnd = (int) p.currentTokenLocation().getCharOffset() + 1;
        spanShortestLength = shortestLength - lengthBefore;
        spanUnsortedObjects = unsortedObjects - unsortedBefore;
      } else {
        value = readValue(valueToken);
      }
      push(key, value);
      names[level] = null;
    }
    if (t != JsonToken.END_OBJECT) {
      throw fail("expected a member name or '}', got " + t);
    }
    int members = top - from;
    JsonObject object =
        JsonObject.ofUnsorted(keyStack, valueStack, from, members, duplicate, wasSorted);
    shortestLength += members == 0 ? 2 : members + 1; // braces and commas
    if (!wasSorted[0]) {
      unsortedObjects++;
    }
    if (object == null) {
      names[level] = duplicate[0];
      throw fail("expected each key once in an object, got this key again");
    }
    leave(from);
    return object;
  }

  private JsonArray readArray() throws IOException, MetadataFormatException {
    int level = enter(0);
    int from = top;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw fail("expected a value or ']', got the end of input");
      }
      push(null, readValue(t));
      indices[level]++;
    }
    int elements = top - from;
    shortestLength += elements == 0 ? 2 : elements + 1; // brackets and commas
    // JsonArray copies the view once, into an immutable list.
    JsonArray array = new JsonArray(Arrays.asList(valueStack).subList(from, top));
    leave(from);
    return array;
  }

  private JsonString readString() throws IOException, MetadataFormatException {
    String s = p.getText();
    checkLength(s, "string");
    shortestLength += s.length() + 2;
    try {
      return new JsonString(s);
    } catch (IllegalArgumentException e) {
      throw fail("expected Unicode text, got a string with a lone UTF-16 surrogate");
    }
  }

  private JsonNumber readInteger() throws IOException, MetadataFormatException {
    // Jackson has only scanned the digits. Anything longer than "-9223372036854775808" cannot
    // fit, and asking Jackson to classify it could make it build a BigInteger.
    if (p.getTextLength() > 20 || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw fail("expected an integer from -2^63 to 2^63-1, got " + clip(p.getText()));
    }
    long value = p.getLongValue();
    shortestLength += decimalLength(value);
    return new JsonNumber(value);
  }

  /**
   * Whether the recorded span of the member is exactly the canonical JSON of the value read from
   * it. The input is all ASCII here. Canonical JSON writes every value in the fewest characters
   * JSON allows but for member order: any whitespace, any escape other than canonical JSON's own
   * {@code \"} and {@code \\}, a "backslash u" escape for a non-ASCII character (which canonical
   * JSON writes as 2 to 4 UTF-8 bytes, fewer than the 6 or 12 of the escape) and {@code -0}
   * make the text longer. So the span is never shorter than the canonical form, and never
   * shorter than {@link #shortestLength}, which is the canonical form's length or less (equal
   * when no string holds '"' or '\\' and every character is ASCII). A span of exactly that
   * length therefore holds none of those longer forms and differs from the canonical form at
   * most in member order; and if every object in it came sorted, not even in that.
   */
  boolean spanIsCanonical(char[] chars) {
    return spanStart >= 0
        && spanEnd - spanStart == spanShortestLength
        && spanUnsortedObjects == 0
        // The offsets come from Jackson: check they frame the member.
        && chars[spanStart] == '{'
        && chars[spanEnd - 1] == '}';
  }

  /** The limit as documented, whatever Jackson's backstop counted before. */
  private void checkLength(String s, String what) throws MetadataFormatException {
    if (s.length() > limits.maxStringLength()) {
      throw fail(
          "expected a "
              + what
              + " of at most "
              + limits.maxStringLength()
              + " characters, got "
              + s.length());
    }
  }

  /** Opens a container level; {@code index} is 0 for an array, -1 for an object. */
  private int enter(int index) throws MetadataFormatException {
    if (depth == limits.maxDepth()) {
      throw fail("expected at most " + limits.maxDepth() + " levels of nesting, got more");
    }
    depth++;
    if (depth == names.length) {
      names = Arrays.copyOf(names, depth * 2);
      indices = Arrays.copyOf(indices, depth * 2);
    }
    names[depth] = null;
    indices[depth] = index;
    return depth;
  }

  private void leave(int from) {
    // Drop the references so the stacks do not keep finished subtrees alive.
    Arrays.fill(keyStack, from, top, null);
    Arrays.fill(valueStack, from, top, null);
    top = from;
    depth--;
  }

  private void push(@Nullable String key, JsonValue value) {
    if (top == valueStack.length) {
      keyStack = Arrays.copyOf(keyStack, top * 2);
      valueStack = Arrays.copyOf(valueStack, top * 2);
    }
    keyStack[top] = key;
    valueStack[top] = value;
    top++;
  }

  private MetadataFormatException fail(String detail) {
    return new MetadataFormatException(null, path(null), detail);
  }

  /** Jackson's error, at the path where it stopped. */
  MetadataFormatException failure(JsonProcessingException e) {
    return StrictJsonParser.jacksonFailure(pathAt(), e);
  }

  /**
   * Where Jackson stopped. It reads a member's name, the colon and the start of the value in one
   * step, so if it failed after the name (current token FIELD_NAME) while we are between members,
   * the error belongs to that member, not to the object.
   */
  String pathAt() {
    String pending = null;
    if (depth > 0
        && indices[depth] < 0
        && names[depth] == null
        && p.currentToken() == JsonToken.FIELD_NAME) {
      pending = p.getParsingContext().getCurrentName();
    }
    return path(pending);
  }

  private String path(@Nullable String pendingName) {
    StringBuilder sb = new StringBuilder("$");
    for (int level = 1; level <= depth; level++) {
      if (indices[level] >= 0) {
        sb.append('[').append(indices[level]).append(']');
      } else if (names[level] != null) {
        JsonPaths.appendName(sb, names[level]);
      } else {
        // Between members: only the innermost level can be here.
        if (pendingName != null) {
          JsonPaths.appendName(sb, pendingName);
        }
        break;
      }
    }
    return sb.toString();
  }

  /** The length of {@code Long.toString(v)}. */
  static int decimalLength(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int sign = 0;
    if (v < 0) {
      sign = 1;
      v = -v;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && v >= bound; bound *= 10) {
      digits++;
    }
    return sign + digits;
  }

  /** At most 40 characters of a number's text for a message. */
  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " chars)";
  }
}
