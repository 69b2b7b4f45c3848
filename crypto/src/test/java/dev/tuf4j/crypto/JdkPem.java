package dev.tuf4j.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM written independently of the code under test, as OpenSSL writes it. */
final class JdkPem {
  private JdkPem() {}

  static String publicKey(java.security.PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The DER inside a one-block PEM string. */
  static byte[] der(String pem) {
    String body =
        pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
