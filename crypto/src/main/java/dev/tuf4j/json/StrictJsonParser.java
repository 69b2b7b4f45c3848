package dev.tuf4j.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
    TreeReader reader = read(chars, out.position(), ascii ? member : null);
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
      TreeReader reader = new TreeReader(p, null, limits);
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
  private TreeReader read(char[] chars, int length, @Nullable String spanMember)
      throws MetadataFormatException {
    try (JsonParser p = factory.createParser(chars, 0, length)) {
      TreeReader reader = new TreeReader(p, spanMember, limits);
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

  static MetadataFormatException jacksonFailure(String path, JsonProcessingException e) {
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
}
