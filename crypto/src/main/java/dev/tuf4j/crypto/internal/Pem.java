package dev.tuf4j.crypto.internal;

import dev.tuf4j.KeyFormatException;
import java.util.Base64;

/**
 * PEM armour (RFC 7468) for one block: {@code -----BEGIN LABEL-----}, base64 lines, {@code
 * -----END LABEL-----}.
 *
 * <p>Writing follows OpenSSL, and so pyca/cryptography and securesystemslib: 64-character lines
 * and a newline after every line, the last included. Keyids hash this exact text, so it must not
 * drift.
 *
 * <p>Reading is lenient only about whitespace (surrounding whitespace, CRLF line ends, any line
 * length), because hand-edited metadata has it; it is strict about everything else: exactly one
 * block with the expected label, no text around it, no RFC 1421 headers, and strict base64.
 */
public final class Pem {
  private static final int LINE_LENGTH = 64;

  private Pem() {}

  /** The PEM text of {@code der} under {@code label}, e.g. {@code "PUBLIC KEY"}. */
  public static String encode(String label, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE_LENGTH + 64);
    out.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
      out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
    }
    out.append("-----END ").append(label).append("-----\n");
    return out.toString();
  }

  /** The label of the first {@code -----BEGIN ...-----} line, or {@code null} if there is none. */
  public static String labelOf(String text) {
    String t = text.strip();
    if (!t.startsWith("-----BEGIN ")) {
      return null;
    }
    int end = t.indexOf("-----", "-----BEGIN ".length());
    return end < 0 ? null : t.substring("-----BEGIN ".length(), end);
  }

  /**
   * The DER bytes of the one block labelled {@code label} in {@code text}.
   *
   * @param what names the content in error messages, e.g. "ecdsa public key"
   * @throws KeyFormatException when the armour or the base64 is malformed
   */
  public static byte[] decode(String text, String label, String what) throws KeyFormatException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    String t = text.strip();
    if (!t.startsWith(begin)) {
      throw new KeyFormatException(what + " is not PEM starting with '" + begin + "'");
    }
    if (!t.endsWith(end)) {
      throw new KeyFormatException(what + " is not PEM ending with '" + end + "'");
    }
    if (t.length() < begin.length() + end.length()) {
      throw new KeyFormatException(what + " is truncated PEM");
    }
    String body = t.substring(begin.length(), t.length() - end.length());
    StringBuilder base64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      if (c == ':' || c == '-') {
        // A second block or RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED".
        throw new KeyFormatException(what + " has PEM headers or more than one PEM block");
      }
      base64.append(c);
    }
    if (base64.length() == 0) {
      throw new KeyFormatException(what + " has an empty PEM body");
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(what + " has invalid base64 in its PEM body");
    }
  }
}
