package dev.tuf4j.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.tuf4j.MetadataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses untrusted bytes into a {@link JsonValue} tree, strictly: one JSON value (RFC 8259) in
 * well-formed UTF-8 without a byte order mark and nothing after it but whitespace, no duplicate
 * object keys, no floats or exponents, no integers outside {@code long}, no lone surrogates, and
 * the {@link ParseLimits}. Every rejection is a {@link MetadataFormatException} whose {@link
 * MetadataFormatException#jsonPath() jsonPath} names the value being read when the problem was
 * found, such as {@code $.signed.roles.root.threshold} or {@code $.a[2]["x/y"]}: the member or
 * element itself, or the enclosing object when a member name or separator is wrong.
 *
 * <p>This accepts what python-tuf's {@code json.loads(data.decode("utf-8"))} accepts, minus floats,
 * NaN and Infinity (which canonical JSON cannot encode), integers outside {@code long}, lone
 * surrogates (which have no UTF-8 form to sign) and duplicate keys (which Python resolves silently
 * to the last value, so two parsers could read different metadata from the same bytes). Raw control
 * characters inside strings are rejected, as by Python and RFC 8259. So the canonical form of a
 * string holding one, which writes it raw, does not parse back: canonical JSON is what signatures
 * cover, not a file format; metadata files escape control characters.
 *
 * <p>Field-name interning and canonicalisation are off: in TUF, object keys are mostly target paths
 * and keyids, each seen once, so a symbol table only churns (on a 16,000-entry targets document,
 * canonicalisation made parsing about a quarter slower) and it would be state shared by every parse
 * of this instance.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StrictJsonParser {
  /** Jackson buffers a number's digits before we see them: a bound on memory only. */
  private static final int MAX_NUMBER_CHARS = 1000;

  private static final Pattern JACKSON_HINTS =
      Pattern.compile(
          ", from `[^`]*`|: enable `[^`]*` to allow| \\(not recognized as one since Feature"
              + " '[A-Z_]+' not enabled for parser\\)");

  private final ParseLimits limits;
  private final JsonFactory factory;

  public StrictJsonParser(ParseLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    JsonFactoryBuilder builder =
        new JsonFactoryBuilder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            // Our own duplicate check is cheaper (it reuses the canonical sort) and names the key.
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Messages must not quote the (untrusted, possibly huge) document.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxDocumentLength(limits.maxDocumentBytes())
                    // Our own depth check runs first and names the path; Jackson's is a backstop.
                    .maxNestingDepth(limits.maxDepth() + 1)
                    // Jackson checks these while it reads, before a huge string is in memory.
                    .maxStringLength(limits.maxStringLength())
                    .maxNameLength(limits.maxStringLength())
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build());
    // Every relaxation of RFC 8259 is off by default already; turned off by name because the
    // accepted grammar is a security property that must not drift with a Jackson upgrade. One
    // call per feature: in jackson-core 2.23.0 the varargs disable(first, others...) disables
    // only the first and ENABLES the others.
    for (JsonReadFeature relaxation : JsonReadFeature.values()) {
      builder.disable(relaxation);
    }
    this.factory = builder.build();
  }

  public static StrictJsonParser withDefaults() {
    return new StrictJsonParser(ParseLimits.DEFAULT);
  }

  public ParseLimits limits() {
    return limits;
  }

  /** For tests: the factory, so they can check its features. */
  JsonFactory factory() {
    return factory;
  }

  /** Parses one JSON document. */
  public JsonValue parse(byte[] bytes) throws MetadataFormatException {
    return parse(bytes, null, null).value();
  }

  /**
   * The result of {@link #parseWithMember}: the document, and the canonical bytes of the top-level
   * member asked for, or null if the document is not an object or has no such member. The array
   * is new and belongs to the caller.
   */
  public record Parsed(JsonValue value, byte @Nullable [] memberCanonicalBytes) {}

  /**
   * Parses one document as {@link #parse(byte[])} does, and also gives the canonical bytes ({@link
   * CanonicalJson#encode}) of its top-level member {@code member}, such as a metadata file's {@code
   * signed}: what signatures cover. They always equal {@code CanonicalJson.encode} of the parsed
   * member. If the document holds the member in canonical form already, as compact files of plain
   * ASCII from key-sorting writers do, they are a copy of those bytes instead of a re-encoding of
   * the tree, once proved canonical by their length and order (see {@code spanIsCanonical}).
   */
  public Parsed parseWithMember(byte[] bytes, String member) throws MetadataFormatException {
    return parse(bytes, Objects.requireNonNull(member, "member"), null);
  }

  /** For tests: {@link #parseWithMember}, and whether it copied the member's bytes. */
  Parsed parseWithMember(byte[] bytes, String member, boolean[] copied)
      throws MetadataFormatException {
    return parse(bytes, member, copied);
  }

  private Parsed parse(byte[] bytes, @Nullable String member, boolean @Nullable [] copied)
      throws MetadataFormatException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > limits.maxDocumentBytes()) {
      throw new MetadataFormatException(
          null,
          "$",
          "expected at most " + limits.maxDocumentBytes() + " bytes, got " + bytes.length);
    }
    // RFC 8259 section 8.1 lets a parser skip a byte order mark, and Jackson does. We do not:
    // python-tuf decodes with "utf-8" (keeping the mark as U+FEFF) and then json.loads rejects
    // it ("Unexpected UTF-8 BOM"), and accepting what the reference client refuses would make
    // repositories that only work with us.
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      throw new MetadataFormatException(
          null, "$", "expected JSON text, got a UTF-8 byte order mark (EF BB BF) before it");
    }
    // Decode here rather than in Jackson: Jackson 2.23 turns malformed UTF-8 into U+FFFD instead
    // of failing, guesses UTF-16 or UTF-32 from NUL bytes, and with field-name canonicalisation
    // off reads bytes through its own Reader anyway. The JDK decoder is strict (RFC 3629: no
    // overlong forms, no encoded surrogates, nothing above U+10FFFF) and fast on ASCII.
    char[] chars = new char[bytes.length]; // UTF-8 never needs more UTF-16 units than bytes
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.wrap(chars);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw invalidUtf8(bytes, in.position(), chars, out.position());
    }
    // As many characters as bytes: every byte was ASCII, so char offsets are byte offsets and the
    // member's span can be taken from the parser.
    boolean ascii = out.position() == bytes.length;
    Reader reader = read(chars, out.position(), ascii ? member : null);
    JsonValue value = reader.document;
    if (value == null) {
      throw new MetadataFormatException(null, "$", "expected a JSON value, got no content");
    }
    byte[] memberBytes = null;
    if (reader.spanIsCanonical(chars)) {
      // Taken from the characters Jackson read, not from bytes, which the caller could change
      // meanwhile: these bytes are then exactly the text the member was parsed from.
      memberBytes = asciiBytes(chars, reader.spanStart, reader.spanEnd);
      if (copied != null) {
        copied[0] = true;
      }
    }
    if (memberBytes == null && member != null && value instanceof JsonObject o) {
      JsonValue m = o.get(member);
      if (m != null) {
        memberBytes = CanonicalJson.encode(m);
      }
    }
    return new Parsed(value, memberBytes);
  }

  /** {@code chars[from..to)}, all ASCII, as bytes. */
  private static byte[] asciiBytes(char[] chars, int from, int to) {
    // Through a String: the JDK narrows chars to Latin-1 bytes with vector instructions, several
    // times faster than a loop here.
    return new String(chars, from, to - from).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The rejection for a document whose byte {@code bad} starts a malformed sequence; {@code
   * chars[0..decoded)} are the characters before it. To name a path, parses them: where that prefix
   * ends unexpectedly is where the bad byte sits. An earlier, ordinary error in the prefix is
   * reported instead, as the first problem.
   */
  private MetadataFormatException invalidUtf8(byte[] bytes, int bad, char[] chars, int decoded) {
    String detail =
        String.format(
            Locale.ROOT,
            "expected UTF-8 JSON text, got malformed UTF-8 at byte offset %d (0x%02X)",
            bad,
            bytes[bad] & 0xFF);
    // Resolve paths before the parser closes: closing clears its current token.
    try (JsonParser p = factory.createParser(chars, 0, decoded)) {
      Reader reader = new Reader(p, null);
      try {
        reader.readDocument();
        return new MetadataFormatException(null, "$", detail);
      } catch (JsonProcessingException e) {
        // Jackson throws JsonEOFException for some ends of input and a plain parse exception
        // for others; either way the error sits where the prefix was cut off.
        JsonLocation at = e.getLocation();
        boolean cutOff =
            e instanceof JsonEOFException || (at != null && at.getCharOffset() >= decoded);
        return cutOff
            ? new MetadataFormatException(null, reader.pathAt(), detail)
            : reader.failure(e);
      }
    } catch (MetadataFormatException e) {
      return e;
    } catch (IOException e) {
      return ioFailure(e);
    }
  }

  /** Parses; the returned reader holds the document and the span of {@code spanMember}. */
  private Reader read(char[] chars, int length, @Nullable String spanMember)
      throws MetadataFormatException {
    try (JsonParser p = factory.createParser(chars, 0, length)) {
      Reader reader = new Reader(p, spanMember);
      try {
        reader.document = reader.readDocument();
        return reader;
      } catch (JsonProcessingException e) {
        throw reader.failure(e);
      }
    } catch (IOException e) {
      throw ioFailure(e);
    }
  }

  /** Jackson failing before a reader exists, or on close; reading a char array does no I/O. */
  private static MetadataFormatException ioFailure(IOException e) {
    return e instanceof JsonProcessingException jpe
        ? jacksonFailure("$", jpe)
        : new MetadataFormatException(null, "$", "not valid JSON: " + e.getMessage(), e);
  }

  private static MetadataFormatException jacksonFailure(String path, JsonProcessingException e) {
    // Jackson quotes pieces of the document (an unexpected character, an unknown token).
    String message =
        JsonPaths.printable(
            JACKSON_HINTS.matcher(String.valueOf(e.getOriginalMessage())).replaceAll(""));
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    String kind =
        e instanceof StreamConstraintsException ? "over a parse limit: " : "not valid JSON: ";
    return new MetadataFormatException(null, path, kind + message, e);
  }

  /** {@code path.name} for plain names, {@code path["odd name"]} otherwise (RFC 9535 syntax). */
  public static String append(String path, String name) {
    StringBuilder sb = new StringBuilder(path.length() + name.length() + 8).append(path);
    JsonPaths.appendName(sb, name);
    return sb.toString();
  }

  /**
   * One parse. Builds the tree bottom-up on two stacks shared by all open containers (members are
   * copied out when their container closes), and keeps the path to the current value.
   */
  private final class Reader {
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

    Reader(JsonParser p, @Nullable String spanMember) {
      this.p = p;
      this.spanMember = spanMember;
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
      return jacksonFailure(pathAt(), e);
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
