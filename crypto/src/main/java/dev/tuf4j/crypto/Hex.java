package dev.tuf4j.crypto;

import java.util.Optional;

/** Lower-case hexadecimal, as TUF writes hashes, keyids, Ed25519 keys and signatures. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Decodes hex (either case); empty for odd length or a non-hex character. */
  public static Optional<byte[]> decode(String hex) {
    int n = hex.length();
    if ((n & 1) != 0) {
      return Optional.empty();
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      int hi = Character.digit(hex.charAt(i), 16);
      int lo = Character.digit(hex.charAt(i + 1), 16);
      if (hi < 0 || lo < 0 || hex.charAt(i) > 'f' || hex.charAt(i + 1) > 'f') {
        return Optional.empty();
      }
      out[i / 2] = (byte) ((hi << 4) | lo);
    }
    return Optional.of(out);
  }
}
