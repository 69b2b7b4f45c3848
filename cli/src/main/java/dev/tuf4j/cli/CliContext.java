package dev.tuf4j.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a command may touch of the world outside its arguments: standard output and error, the
 * environment (for passphrases), the terminal (for prompts and progress), and the clock. Passed
 * in, never read from statics inside commands, so that tests run commands in-process with their
 * own streams and no terminal.
 */
final class CliContext {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final @Nullable Terminal terminal;
  private final Clock clock;
  private boolean verbose;

  CliContext(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      @Nullable Terminal terminal,
      Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.environment = Map.copyOf(environment);
    this.terminal = terminal;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The real process: System.out and System.err, the real environment and system clock. */
  static CliContext system() {
    return new CliContext(
        System.out, System.err, System.getenv(), Terminal.system(), Clock.systemUTC());
  }

  /** Where results go (paths, JSON, reports): one item per line, nothing else. */
  PrintStream out() {
    return out;
  }

  /** Where errors, warnings and progress go. */
  PrintStream err() {
    return err;
  }

  @Nullable String environmentVariable(String name) {
    return environment.get(name);
  }

  /** The interactive terminal, or null when input or output is redirected. */
  @Nullable Terminal terminal() {
    return terminal;
  }

  /** "Now" for every update: the system clock (tests may run the process under libfaketime). */
  Clock clock() {
    return clock;
  }

  boolean verbose() {
    return verbose;
  }

  void setVerbose(boolean verbose) {
    this.verbose = verbose;
  }

  /** Writes one warning line to stderr. */
  void warn(String message) {
    err.println("warning: " + OneLine.of(message));
  }

  /** Writes a line to stderr only under --verbose. */
  void debug(String message) {
    if (verbose) {
      err.println(OneLine.of(message));
    }
  }
}
