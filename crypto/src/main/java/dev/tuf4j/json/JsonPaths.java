package dev.tuf4j.json;

/**
 * Spells the JSONPath segments of error messages (RFC 9535 syntax): {@code .name} when the name is
 * a plain ASCII identifier, {@code ["other name"]} otherwise, {@code [3]} for array elements.
 */
final class JsonPaths {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonPaths() {}

  static void appendName(StringBuilder path, String name) {
    if (isShorthand(name)) {
      path.append('.').append(name);
    } else {
      path.append('[');
      appendQuoted(path, name);
      path.append(']');
    }
  }

  /**
   * RFC 9535 member-name shorthand restricted to ASCII: a letter or underscore, then letters,
   * digits and underscores. So {@code blake2b-256} and hex keyids (which may start with a digit)
   * are bracketed.
   */
  private static boolean isShorthand(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (!(letter || (digit && i > 0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A double-quoted name. Everything outside printable ASCII is escaped as {@code \\uXXXX}: the
   * names come from untrusted documents and end up in logs and terminals, where raw control or
   * bidirectional characters could disguise the message.
   */
  static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        appendPrintable(out, c);
      }
    }
    out.append('"');
  }

  /** {@code s} with everything outside printable ASCII escaped, for the same reason. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      appendPrintable(out, s.charAt(i));
    }
    return out.toString();
  }

  private static void appendPrintable(StringBuilder out, char c) {
    if (c >= 0x20 && c < 0x7F) {
      out.append(c);
    } else {
      out.append("\\u")
          .append(HEX[(c >> 12) & 0xF])
          .append(HEX[(c >> 8) & 0xF])
          .append(HEX[(c >> 4) & 0xF])
          .append(HEX[c & 0xF]);
    }
  }
}
