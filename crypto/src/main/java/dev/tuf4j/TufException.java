package dev.tuf4j;

/**
 * The root of every error tuf4j reports. Checked, so that callers decide what a failed update
 * means for them; sealed, so that the vocabulary stays small and a {@code switch} over the
 * families is exhaustive.
 *
 * <p>Families: {@link RepositoryException} (the repository's metadata or targets failed a check),
 * {@link DownloadException} (the transfer failed), {@link StorageException} (local files),
 * {@link KeyException} (key material or key files).
 */
public abstract sealed class TufException extends Exception
    permits RepositoryException, DownloadException, StorageException, KeyException {

  protected TufException(String message) {
    super(oneLine(message));
  }

  protected TufException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /**
   * The message with every control character (C0, DEL, C1), format character (bidirectional
   * overrides, zero-width marks) and line or paragraph separator written as a {@code \\uXXXX}
   * escape. Messages quote names and text chosen by others (a delegated role's name, a target
   * path, a server's header); written raw, those could start a new line that looks like ours or
   * send escape sequences to the user's terminal. Every error stays one printable line.
   */
  static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      int type = Character.getType(c);
      boolean escape =
          type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR;
      if (escape && out == null) {
        out = new StringBuilder(message.length() + 16).append(message, 0, i);
      }
      if (out != null) {
        if (escape) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? message : out.toString();
  }
}
