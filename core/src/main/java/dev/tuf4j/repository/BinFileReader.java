package dev.tuf4j.repository;

import dev.tuf4j.metadata.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a bin-n file this package wrote without building a JSON tree: the file is canonical
 * JSON of a known shape, so each target's entry is a slice of the bytes. Each entry must be a
 * plain one - {@code {"hashes":{"<alg>":"<hex>",...},"length":N}}, canonical - and the whole
 * is checked by encoding the bin again from the slices, which must give exactly the file's
 * {@code signed} bytes. A file of any other shape is never misread, only handed back (empty) to
 * the general parser. Loading bins is most of an upload's cost when they are not in memory.
 */
final class BinFileReader {
  private static final byte[] HEAD = ascii("{\"signatures\":[");
  private static final byte[] SIGNED = ascii("],\"signed\":");
  private static final byte[] TYPE = ascii("{\"_type\":\"targets\",\"expires\":\"");
  private static final byte[] SPEC = ascii("\",\"spec_version\":\"");
  private static final byte[] TARGETS = ascii("\",\"targets\":{");
  private static final byte[] VERSION = ascii("},\"version\":");

  private final byte[] b;
  private int i;

  private BinFileReader(byte[] b) {
    this.b = b;
  }

  /** The bin, or empty if the file is not exactly in the form this package writes. */
  static Optional<BinContents> read(String name, byte[] file) {
    try {
      return new BinFileReader(file).read(name);
    } catch (RuntimeException e) {
      return Optional.empty(); // not our shape (or not even JSON): the general parser decides
    }
  }

  private Optional<BinContents> read(String name) {
    if (!skip(HEAD)) {
      return Optional.empty();
    }
    while (i < b.length && b[i] != ']') { // signatures: objects of hex strings, no ']' inside
      i++;
    }
    if (!skip(SIGNED)) {
      return Optional.empty();
    }
    int signedStart = i;
    if (!skip(TYPE)) {
      return Optional.empty();
    }
    Instant expires = Signed.parseExpires(new String(b, i, 20, StandardCharsets.US_ASCII));
    i += 20;
    if (!skip(SPEC)) {
      return Optional.empty();
    }
    int specStart = i;
    while (b[i] != '"') {
      i++;
    }
    if (!Signed.SPEC_VERSION.equals(new String(b, specStart, i - specStart, StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    if (!skip(TARGETS)) {
      return Optional.empty();
    }
    BinContents bin = new BinContents(name, expires);
    while (b[i] != '}') {
      if (b[i] == ',') {
        i++;
      }
      String path = string();
      if (b[i++] != ':' || b[i] != '{') {
        return Optional.empty();
      }
      int start = i;
      skipObject();
      if (!plainEntry(start, i)) {
        return Optional.empty(); // custom or unknown fields: the general parser checks those
      }
      bin.putEntry(path, Arrays.copyOfRange(b, start, i));
    }
    if (!skip(VERSION)) {
      return Optional.empty();
    }
    long version = 0;
    int digits = 0;
    while (b[i] >= '0' && b[i] <= '9') {
      version = version * 10 + (b[i++] - '0');
      digits++;
    }
    if (digits == 0 || digits > 18 || b[i] != '}' || i + 2 != b.length || b[i + 1] != '}') {
      return Optional.empty();
    }
    // The check that makes this safe: the slices must give back the signed bytes exactly.
    byte[] again = bin.signedBytes(version, expires);
    return Arrays.equals(again, 0, again.length, b, signedStart, i + 1) ? Optional.of(bin) : Optional.empty();
  }

  private static final byte[] ENTRY_HEAD = ascii("{\"hashes\":{");
  private static final byte[] ENTRY_LENGTH = ascii("},\"length\":");

  /**
   * Whether {@code b[start..end)} is exactly a canonical plain target entry: hash names of
   * {@code a-z 0-9 -} in ascending order, lower-case hex values, a length without leading zeros.
   */
  private boolean plainEntry(int start, int end) {
    if (!Arrays.equals(b, start, start + ENTRY_HEAD.length, ENTRY_HEAD, 0, ENTRY_HEAD.length)) {
      return false;
    }
    int k = start + ENTRY_HEAD.length;
    int previousName = -1;
    int previousNameLength = 0;
    while (true) {
      if (b[k++] != '"') {
        return false;
      }
      int name = k;
      while (b[k] != '"') {
        byte c = b[k++];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
      int nameLength = k - name;
      if (nameLength == 0 || (previousName >= 0 && Arrays.compare(b, previousName, previousName + previousNameLength,
          b, name, name + nameLength) >= 0)) {
        return false;
      }
      previousName = name;
      previousNameLength = nameLength;
      if (b[++k] != ':' || b[++k] != '"') {
        return false;
      }
      k++;
      int hex = k;
      while (b[k] != '"') {
        byte c = b[k++];
        if (!((c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'))) {
          return false;
        }
      }
      if (k == hex) {
        return false;
      }
      k++;
      if (b[k] == ',') {
        k++;
        continue;
      }
      break;
    }
    if (!Arrays.equals(b, k, k + ENTRY_LENGTH.length, ENTRY_LENGTH, 0, ENTRY_LENGTH.length)) {
      return false;
    }
    k += ENTRY_LENGTH.length;
    int digits = k;
    while (b[k] >= '0' && b[k] <= '9') {
      k++;
    }
    int n = k - digits;
    return n > 0 && n <= 18 && (n == 1 || b[digits] != '0') && b[k] == '}' && k + 1 == end;
  }

  private boolean skip(byte[] expected) {
    if (!Arrays.equals(b, i, i + expected.length, expected, 0, expected.length)) {
      return false;
    }
    i += expected.length;
    return true;
  }

  /** A canonical JSON string at {@code i} (only {@code "} and {@code \} are escaped). */
  private String string() {
    if (b[i] != '"') {
      throw new IllegalArgumentException("expected a string");
    }
    int start = ++i;
    boolean escaped = false;
    while (b[i] != '"') {
      if (b[i] == '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    byte[] raw = Arrays.copyOfRange(b, start, i++);
    if (escaped) {
      int n = 0;
      for (int k = 0; k < raw.length; k++) {
        raw[n++] = raw[k] == '\\' ? raw[++k] : raw[k];
      }
      raw = Arrays.copyOf(raw, n);
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  /** Moves {@code i} past the object that starts at it. */
  private void skipObject() {
    int depth = 0;
    do {
      byte c = b[i++];
      if (c == '"') {
        while (b[i] != '"') {
          i += b[i] == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    } while (depth > 0);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
