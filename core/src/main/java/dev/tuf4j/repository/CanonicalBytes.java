package dev.tuf4j.repository;

import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.metadata.Signature;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A growable byte buffer that writes canonical JSON pieces directly, for the metadata this
 * package writes in bulk (bins, snapshot): going through a {@code JsonObject} tree for 16,384
 * bins of 140 targets each would build and encode millions of short-lived objects. The output is
 * byte for byte what {@link CanonicalJson} produces for the same value (OLPC canonical JSON,
 * TUF spec "Document formats"); the tests compare the two.
 */
final class CanonicalBytes {
  /** Unicode code point order, which canonical JSON sorts object keys by. */
  static final Comparator<String> CODE_POINT_ORDER = dev.tuf4j.json.CanonicalJson.KEY_ORDER;

  private byte[] buf;
  private int len;

  CanonicalBytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  CanonicalBytes ascii(String s) {
    ensure(s.length());
    for (int i = 0, n = s.length(); i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  CanonicalBytes raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  CanonicalBytes number(long value) {
    return ascii(Long.toString(value));
  }

  CanonicalBytes put(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** A JSON string: only {@code "} and {@code \} are escaped, everything else is raw UTF-8. */
  CanonicalBytes string(String s) {
    int n = s.length();
    ensure(n + 2);
    int start = len;
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == '"' || c == '\\') {
        // Rare in target paths; the shared encoder handles escapes and UTF-8.
        len = start;
        return raw(CanonicalJson.encode(new JsonString(s)));
      }
      buf[len++] = (byte) c;
    }
    buf[len++] = '"';
    return this;
  }

  int length() {
    return len;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  /**
   * The whole metadata file for {@code signedBytes}: {@code {"signatures":[...],"signed":...}}
   * in canonical form, without encoding {@code signed} a second time. Canonical JSON writes
   * control characters raw, which no JSON parser accepts; outside strings it has none, so each
   * one is escaped as a six-character unicode escape here, so the file parses to the same value. Signatures made
   * here have no extra fields.
   */
  static byte[] envelope(List<Signature> signatures, byte[] signedBytes) {
    CanonicalBytes out = new CanonicalBytes(signedBytes.length + 64 + 160 * signatures.size());
    out.ascii("{\"signatures\":[");
    for (int i = 0; i < signatures.size(); i++) {
      Signature s = signatures.get(i);
      if (!s.unrecognized().isEmpty()) {
        throw new IllegalArgumentException("signature with extra fields");
      }
      if (i > 0) {
        out.put(',');
      }
      out.ascii("{\"keyid\":").string(s.keyid()).ascii(",\"sig\":").string(s.sig()).put('}');
    }
    out.ascii("],\"signed\":").raw(signedBytes).put('}');
    return escapeControlCharacters(out.toByteArray());
  }

  private static byte[] escapeControlCharacters(byte[] json) {
    int controls = 0;
    for (byte b : json) {
      if (b >= 0 && b < 0x20) {
        controls++;
      }
    }
    if (controls == 0) {
      return json;
    }
    byte[] out = new byte[json.length + 5 * controls];
    int j = 0;
    for (byte b : json) {
      if (b >= 0 && b < 0x20) {
        out[j++] = '\\';
        out[j++] = 'u';
        out[j++] = '0';
        out[j++] = '0';
        out[j++] = (byte) Character.forDigit(b >> 4, 16);
        out[j++] = (byte) Character.forDigit(b & 0xF, 16);
      } else {
        out[j++] = b;
      }
    }
    return out;
  }
}
