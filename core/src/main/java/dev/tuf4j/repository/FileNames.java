package dev.tuf4j.repository;

import dev.tuf4j.client.internal.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the files a published repository holds, as clients ask for them (spec 5.5.1, 5.6.1,
 * 5.7.3): {@code V.ROLE.json} under consistent snapshots, else {@code ROLE.json}; {@code
 * N.root.json} and {@code root.json}; {@code timestamp.json}; targets as {@code dir/HASH.name}
 * (one name per listed hash) or {@code dir/name}.
 *
 * <p>Role names are percent-encoded exactly as the client does ({@link Names#encodeRoleName}).
 * Every role name this package creates uses only {@code a-z 0-9 -}, which that encoding leaves
 * as it is, so a static web server that decodes request paths finds the same file name on disk.
 * Target paths are written as they are: a server decodes the client's percent-encoded segments
 * back to them.
 */
final class FileNames {
  private FileNames() {}

  static String metadata(String role, long version, boolean consistent) {
    String encoded = Names.encodeRoleName(role) + ".json";
    return consistent ? version + "." + encoded : encoded;
  }

  static String root(long version) {
    return version + ".root.json";
  }

  /** The file names of a target: one per hash under consistent snapshots, else its path. */
  static List<String> target(String path, java.util.Collection<String> hashes, boolean consistent) {
    if (!consistent) {
      return List.of(path);
    }
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String base = path.substring(slash + 1);
    List<String> out = new ArrayList<>(hashes.size());
    for (String h : hashes) {
      out.add(dir + h + "." + base);
    }
    return out;
  }

  /**
   * Checks that a target path can be a file below the targets folder of any static server: no
   * empty, {@code .} or {@code ..} segment, no leading {@code /}, no backslash, NUL or other
   * control character.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkTargetPath(String path) {
    if (path.isEmpty() || path.length() > 4096) {
      throw new IllegalArgumentException("target path must have 1 to 4096 characters");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "target path must not have an empty, \".\" or \"..\" segment: \"" + path + "\"");
      }
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\\') {
        throw new IllegalArgumentException("target path must not hold a control character or backslash: \"" + path + "\"");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(path.charAt(i - 1)))) {
        throw new IllegalArgumentException("target path holds a lone surrogate");
      }
    }
    return path;
  }
}
