package dev.tuf4j.vectors;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for writing TUF documents: signing, file bytes, hashes, names. */
final class Docs {
  private Docs() {}

  /** {@code {"signed": signed, "signatures": [...]}} signed over the canonical JSON of {@code signed}. */
  static JsonObject sign(JsonObject signed, List<SigningKey> keys) {
    byte[] message = CanonicalJson.encode(signed);
    List<JsonValue> sigs = new ArrayList<>();
    for (SigningKey k : keys) {
      sigs.add(signature(k.publicKey().keyId(), Hex.encode(k.sign(message))));
    }
    return envelope(signed, sigs);
  }

  static JsonObject envelope(JsonObject signed, List<JsonValue> signatures) {
    return JsonObject.builder().put("signatures", new JsonArray(signatures)).put("signed", signed).build();
  }

  static JsonObject signature(String keyid, String sigHex) {
    return JsonObject.builder().put("keyid", keyid).put("sig", sigHex).build();
  }

  /** The file form: indented as python-tuf writes metadata, with a final newline. */
  static byte[] file(JsonValue doc) {
    byte[] body = JsonWriter.indented(doc);
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = '\n';
    return out;
  }

  static String sha256(byte[] bytes) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes));
  }

  static String sha512(byte[] bytes) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA512, bytes));
  }

  /** RFC 3339 UTC with seconds and a Z, the only form TUF allows for {@code expires}. */
  static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static JsonArray strings(List<String> values) {
    List<JsonValue> out = new ArrayList<>();
    for (String v : values) {
      out.add(new JsonString(v));
    }
    return new JsonArray(out);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A role name as a file name / URL segment: UTF-8, every byte except the RFC 3986 unreserved
   * characters percent-encoded with upper-case hex (CLIENT-WORKFLOW V5: {@code /} too).
   */
  static String encodeName(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : utf8(name)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
