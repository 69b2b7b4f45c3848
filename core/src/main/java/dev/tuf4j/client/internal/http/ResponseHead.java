package dev.tuf4j.client.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The status line and header fields of an HTTP/1.x response (RFC 9112, sections 4 and 5), read
 * strictly and with bounds, since the server may be hostile: at most {@link #MAX_HEAD_BYTES} bytes
 * and {@link #MAX_FIELDS} fields in all, no obsolete line folding, no control characters in values,
 * one consistent {@code Content-Length}, and {@code chunked} as the only transfer coding.
 * Informational (1xx) responses before the final one are read and skipped. Immutable.
 *
 * @param status the final status code
 * @param http11 whether the server speaks HTTP/1.1 (else 1.0)
 * @param fields the header fields in order, names in lower case
 * @param chunked whether the body is chunked ({@code Transfer-Encoding: chunked})
 * @param declaredLength the {@code Content-Length}, or -1 when there is none or the body is
 *     chunked (then the length is ignored, RFC 9112 section 6.3)
 */
public record ResponseHead(
    int status, boolean http11, List<Field> fields, boolean chunked, long declaredLength) {
  /** The most bytes a response head (with any 1xx heads before it) may take. */
  public static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The most header fields a response head may carry. */
  public static final int MAX_FIELDS = 256;

  private static final int MAX_INTERIM = 8;

  /** One header field; the name in lower case, the value without surrounding whitespace. */
  public record Field(String name, String value) {}

  public ResponseHead {
    fields = List.copyOf(fields);
  }

  /**
   * Reads the response head from {@code connection}, before {@code deadline}.
   *
   * @throws EOFException the connection closed before the head was complete (before any byte of it
   *     if {@link HttpConnection#bytesRead()} did not move)
   * @throws ProtocolException the head is malformed or too large
   * @throws java.net.SocketTimeoutException the deadline passed
   */
  public static ResponseHead read(HttpConnection connection, long deadline) throws IOException {
    int budget = MAX_HEAD_BYTES;
    for (int interim = 0; ; interim++) {
      String statusLine = connection.readLine(budget, deadline);
      if (statusLine == null) {
        throw new EOFException("connection closed before a response");
      }
      budget -= statusLine.length() + 1;
      boolean http11 = statusLine.startsWith("HTTP/1.1 ");
      if (!http11 && !statusLine.startsWith("HTTP/1.0 ")) {
        throw new ProtocolException("not an HTTP/1.x status line: " + quote(statusLine));
      }
      int status = statusCode(statusLine);
      List<Field> fields = new ArrayList<>();
      while (true) {
        if (budget <= 0) {
          throw new ProtocolException("response head larger than " + MAX_HEAD_BYTES + " bytes");
        }
        String line;
        try {
          line = connection.readLine(budget, deadline);
        } catch (ProtocolException e) {
          throw new ProtocolException("response head larger than " + MAX_HEAD_BYTES + " bytes");
        }
        if (line == null) {
          throw new EOFException("connection closed in the middle of the response head");
        }
        budget -= line.length() + 1;
        if (line.isEmpty()) {
          break;
        }
        if (fields.size() == MAX_FIELDS) {
          throw new ProtocolException("more than " + MAX_FIELDS + " header fields");
        }
        fields.add(field(line));
      }
      if (status >= 200) {
        boolean chunked = isChunked(fields);
        long length = declaredLength(fields);
        return new ResponseHead(status, http11, fields, chunked, chunked ? -1 : length);
      }
      if (status == 101) {
        throw new ProtocolException("unexpected 101 Switching Protocols: no upgrade was asked");
      }
      if (interim == MAX_INTERIM) {
        throw new ProtocolException("more than " + MAX_INTERIM + " informational responses");
      }
      // A 1xx (100 Continue, 103 Early Hints) precedes the real response: read on.
    }
  }

  private static int statusCode(String line) throws ProtocolException {
    // "HTTP/1.1 " then three digits, then the end or a space and an optional reason phrase.
    if (line.length() < 12
        || (line.length() > 12 && line.charAt(12) != ' ')
        || !isDigit(line.charAt(9))
        || !isDigit(line.charAt(10))
        || !isDigit(line.charAt(11))
        || line.charAt(9) == '0') {
      throw new ProtocolException("malformed status line: " + quote(line));
    }
    return Integer.parseInt(line, 9, 12, 10);
  }

  private static Field field(String line) throws ProtocolException {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new ProtocolException("obsolete line folding in the response head");
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new ProtocolException("malformed header field: " + quote(line));
    }
    for (int i = 0; i < colon; i++) {
      if (!isTokenChar(line.charAt(i))) {
        throw new ProtocolException("malformed header field name: " + quote(line));
      }
    }
    // RFC 9112, 5: optional whitespace around a value is blanks only; a control character,
    // anywhere in it, is refused below rather than trimmed away.
    String value = trimBlanks(line.substring(colon + 1));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new ProtocolException("control character in header field " + line.substring(0, colon));
      }
    }
    return new Field(line.substring(0, colon).toLowerCase(Locale.ROOT), value);
  }

  /** The first value of the field {@code name} (lower case), or {@code null}. */
  public @Nullable String first(String name) {
    for (Field f : fields) {
      if (f.name.equals(name)) {
        return f.value;
      }
    }
    return null;
  }

  /** Every element of the comma-separated list fields named {@code name}, lower case, trimmed. */
  public List<String> tokens(String name) {
    return tokens(fields, name);
  }

  private static List<String> tokens(List<Field> fields, String name) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.name.equals(name)) {
        for (String part : f.value.split(",")) {
          String t = trimBlanks(part).toLowerCase(Locale.ROOT);
          if (!t.isEmpty()) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  /** Whether this response has no body at all, whatever its fields say (RFC 9112, 6.3). */
  public boolean bodiless() {
    return status == 204 || status == 304;
  }

  /**
   * Whether the connection may carry another request after this response's body, framing
   * permitting: HTTP/1.1 without {@code Connection: close}, and not both a transfer coding and a
   * length (RFC 9112, section 6.3, item 3: such a message may be an attempt at smuggling).
   */
  public boolean keepAlive() {
    return http11
        && !tokens("connection").contains("close")
        && !(chunked && first("content-length") != null);
  }

  /** Whether the body is chunked; refuses any transfer coding other than {@code chunked} alone. */
  private static boolean isChunked(List<Field> fields) throws ProtocolException {
    List<String> codings = tokens(fields, "transfer-encoding");
    if (codings.isEmpty()) {
      return false;
    }
    if (!codings.equals(List.of("chunked"))) {
      throw new ProtocolException("unsupported Transfer-Encoding: " + quote(String.join(", ", codings)));
    }
    return true; // A Content-Length is then ignored (and the connection not reused: keepAlive).
  }

  /**
   * The {@code Content-Length}, or -1 when there is none; refuses values that are not one and the
   * same number.
   */
  private static long declaredLength(List<Field> fields) throws ProtocolException {
    long length = -1;
    for (Field f : fields) {
      if (!f.name.equals("content-length")) {
        continue;
      }
      for (String part : f.value.split(",", -1)) {
        long v = digits(trimBlanks(part));
        if (v < 0) {
          throw new ProtocolException("invalid Content-Length: " + quote(f.value));
        }
        if (length >= 0 && length != v) {
          throw new ProtocolException("conflicting Content-Length values");
        }
        length = v;
      }
    }
    return length;
  }

  /** The value of 1 to 18 decimal digits (so no overflow), or -1 for anything else. */
  private static long digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** RFC 9110 tchar. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** {@code s} without the blanks (SP and HTAB, RFC 9110's OWS) at either end. */
  static String trimBlanks(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  /** {@code s} in quotes for an error line: cut at 80 characters, non-printables escaped. */
  public static String quote(String s) {
    return quote(s, 80);
  }

  /** {@code s} in quotes for an error line: cut at {@code max} characters, non-printables escaped. */
  public static String quote(String s, int max) {
    String shown = s.length() > max ? s.substring(0, max) + "..." : s;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return out.append('"').toString();
  }
}
