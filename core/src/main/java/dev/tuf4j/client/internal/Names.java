package dev.tuf4j.client.internal;

import dev.tuf4j.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * How role names and target paths become URL components and local file names.
 *
 * <p>One encoder serves all of them: {@link #encodeRoleName} percent-encodes the UTF-8 bytes of a
 * name, leaving only the RFC 3986 unreserved characters {@code A-Z a-z 0-9 - . _ ~} as they are.
 * Everything else is encoded, {@code /} included, and a space is {@code %20}, never {@code +}.
 * Hex digits are upper case. This is what Python's {@code urllib.parse.quote(name, safe="")}
 * produces, which python-tuf uses for metadata URLs and file names and which the
 * tuf-conformance suite expects in requests ({@code test_quoting_issues.py}). Examples: {@code
 * ?} is {@code %3F}, {@code ../x} is {@code ..%2Fx}, {@code é} is {@code %C3%A9}.
 *
 * <p>Because the encoding is injective and its output never holds a separator, a name can never
 * reach another folder, whatever it contains ({@code ../}, {@code /abs}, {@code C:\}, NUL). Names
 * stay case-sensitive: on a case-insensitive file system (macOS and Windows by default) {@code A}
 * and {@code a} share one file. That is harmless between delegated roles, whose stored files are
 * checked against trusted metadata before use, but not for the top-level files: {@link
 * #metadataFileName} encodes a delegated {@code Root}, {@code TIMESTAMP} and the like so that
 * they cannot land on {@code root.json} and the rest. Windows device names ({@code CON}, {@code NUL}, ...) and trailing dots are not handled
 * either.
 *
 * <p>File names are kept to {@link #MAX_FILE_NAME_LENGTH} characters (eCryptfs's limit; most file
 * systems allow 255 bytes). A longer name becomes {@code <SHA-256 hex of the UTF-8 name>+<tail of
 * the encoded name>}: the encoder never emits {@code +}, so a shortened name cannot equal an
 * unshortened one, and two shortened names differ unless SHA-256 collides. The tail keeps the
 * file extension visible.
 *
 * <p>Not API: this package may change without notice.
 */
public final class Names {
  /** The longest file name this class returns, in characters (all ASCII). */
  public static final int MAX_FILE_NAME_LENGTH = 143;

  /** What every metadata file name ends with. Nothing else in a metadata folder may end so. */
  public static final String METADATA_SUFFIX = ".json";

  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
  private static final int SHA256_HEX_LENGTH = 64;
  private static final char SHORTENED_MARK = '+';
  private static final Set<String> TOP_LEVEL_ROLES = Set.of("root", "timestamp", "snapshot", "targets");

  private Names() {}

  /**
   * Percent-encodes a role name for a URL path segment or a file name (see the class comment).
   *
   * @throws IllegalArgumentException if the name holds a lone UTF-16 surrogate, which has no
   *     UTF-8 form (the strict JSON parser never produces one)
   */
  public static String encodeRoleName(String roleName) {
    return percentEncode(roleName);
  }

  /**
   * The file name of a role's metadata in a metadata folder: the encoded role name plus {@code
   * .json}, shortened if too long. {@code root} gives {@code root.json}; {@code .} gives {@code
   * ..json} and the empty name {@code .json}, both ordinary file names, so no role name is refused.
   *
   * <p>Top-level and delegated roles share this namespace: a delegated role called {@code root}
   * would map to {@code root.json}. The metadata model refuses such delegations; this method does
   * not know which kind of role it is given. A name that differs from a top-level one only in case
   * gets its first letter percent-encoded ({@code Root} gives {@code %52oot.json}), so that no
   * file system can take it for the top-level file.
   */
  public static String metadataFileName(String roleName) {
    String encoded = percentEncode(roleName);
    if (!TOP_LEVEL_ROLES.contains(roleName)
        && TOP_LEVEL_ROLES.contains(roleName.toLowerCase(Locale.ROOT))) {
      // A delegated "Root" would be Root.json, which a case-insensitive file system (macOS's and
      // Windows's default) takes for root.json: a signer of any delegation could replace the
      // trust anchor. Its first letter, ASCII here, is percent-encoded instead (%52oot.json):
      // still a valid encoding of the name, and one no other name produces.
      encoded = "%" + HEX_UPPER[encoded.charAt(0) >> 4] + HEX_UPPER[encoded.charAt(0) & 0xF]
          + encoded.substring(1);
    }
    return fit(roleName, encoded, MAX_FILE_NAME_LENGTH - METADATA_SUFFIX.length())
        + METADATA_SUFFIX;
  }

  /**
   * The file name of a target in a flat target folder: the whole target path percent-encoded
   * ({@code a/b.txt} gives {@code a%2Fb.txt}), so the file always lands directly in the folder.
   *
   * <p>Why flat: the tuf-conformance client CLI ({@code CLIENT-CLI.md}) lets a client use "any
   * filename or directory structure it wants within TARGET_DIR" as long as a re-download lands on
   * the same name, so it does not decide; python-tuf's ngclient ({@code
   * Updater._generate_target_file_path}) stores {@code quote(targetinfo.path, "")} directly in the
   * target folder. We follow python-tuf. Flat names have no folder to create, no {@code ..}
   * segment to resolve and no clash between a file {@code a} and a folder {@code a/}.
   *
   * <p>Where python-tuf would produce {@code .} or {@code ..} (which name the folder itself or its
   * parent), the dots are encoded too: {@code %2E} and {@code %2E%2E}, still a valid encoding of
   * the path.
   *
   * @throws IllegalArgumentException for the empty path (no file name can stand for it) or a
   *     lone UTF-16 surrogate
   */
  public static String targetFileName(String targetPath) {
    if (targetPath.isEmpty()) {
      throw new IllegalArgumentException("the empty target path has no file name");
    }
    String encoded;
    if (targetPath.equals(".")) {
      encoded = "%2E";
    } else if (targetPath.equals("..")) {
      encoded = "%2E%2E";
    } else {
      encoded = percentEncode(targetPath);
    }
    return fit(targetPath, encoded, MAX_FILE_NAME_LENGTH);
  }

  private static String percentEncode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isUnreserved(c)) {
        out.append(c);
        continue;
      }
      int codePoint = c;
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          codePoint = Character.toCodePoint(c, s.charAt(i + 1));
          i++;
        } else {
          throw new IllegalArgumentException(
              "name has a lone UTF-16 surrogate at index " + i + "; it has no UTF-8 form");
        }
      }
      for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX_UPPER[(b >> 4) & 0xF]).append(HEX_UPPER[b & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** The encoded name if it fits in {@code max} characters, else its shortened form. */
  private static String fit(String original, String encoded, int max) {
    if (encoded.length() <= max) {
      return encoded;
    }
    int tailBudget = max - SHA256_HEX_LENGTH - 1;
    return sha256Hex(original) + SHORTENED_MARK + tail(encoded, tailBudget);
  }

  /**
   * The last at most {@code budget} characters of an encoded name, starting at the first byte of
   * a character: never inside a {@code %XX} triple nor at a UTF-8 continuation byte.
   */
  private static String tail(String encoded, int budget) {
    int from = encoded.length() - budget;
    int i = 0;
    while (i < encoded.length()) {
      boolean escape = encoded.charAt(i) == '%';
      if (i >= from && !(escape && isContinuationByte(encoded, i))) {
        return encoded.substring(i);
      }
      i += escape ? 3 : 1;
    }
    return "";
  }

  private static boolean isContinuationByte(String encoded, int percentAt) {
    int high = Character.digit(encoded.charAt(percentAt + 1), 16);
    return high == 0x8 || high == 0x9 || high == 0xA || high == 0xB;
  }

  private static String sha256Hex(String s) {
    try {
      return Hex.encode(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
