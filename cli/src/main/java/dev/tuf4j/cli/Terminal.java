package dev.tuf4j.cli;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** The user's terminal: password prompts, and whether progress output makes sense. */
interface Terminal {

  /**
   * Prompts on the terminal and reads a line without echo.
   *
   * @return the characters typed (the caller clears them after use), or null at end of input
   */
  char @Nullable [] readPassword(String prompt);

  /** Writes a progress line over the previous one (carriage return, no newline). */
  void progress(String line);

  /** Ends a series of progress lines. */
  void endProgress();

  /**
   * The process's terminal, or null when there is none. {@link System#console()} is non-null
   * only when both standard input and standard output are a terminal; progress goes to stderr,
   * which is then a terminal too unless redirected on its own - a rare case we accept.
   */
  static @Nullable Terminal system() {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    return new Terminal() {
      @Override
      public char @Nullable [] readPassword(String prompt) {
        return console.readPassword("%s", prompt);
      }

      @Override
      public void progress(String line) {
        System.err.print("\r" + line + "\u001b[K");
        System.err.flush();
      }

      @Override
      public void endProgress() {
        System.err.println();
      }
    };
  }
}
