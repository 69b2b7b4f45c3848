package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parses and runs one command line, and turns every outcome into an exit code: 0 on full
 * success, 1 on any failure - bad arguments and usage errors included (picocli's own 2 is never
 * used; the client contract and the conformance suite accept only 0 and 1). A failure prints one
 * line to stderr; {@code --verbose} adds the stack trace.
 */
final class Cli {
  static final int OK = 0;
  static final int FAILURE = 1;

  private Cli() {}

  static int run(String[] args, CliContext context) {
    try {
      int code = commandLine(context).execute(args);
      if (code == OK && context.out().checkError()) {
        // Scripts read paths and JSON from stdout: output that did not arrive is a failure.
        context.err().println("error: cannot write to standard output");
        return FAILURE;
      }
      return code;
    } catch (Throwable e) {
      // Errors (a missing class, out of memory) and bugs end here: still exit 1 with one line.
      return report(context, e);
    }
  }

  /** The command tree with tuf4j's handlers; exposed for the help tests. */
  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new TopCommand(context));
    commandLine
        .setOut(new PrintWriter(context.out(), true))
        .setErr(new PrintWriter(context.err(), true))
        // "@file" would read arguments from any file; a root file named "@x" must stay a file.
        .setExpandAtFiles(false)
        .setExitCodeExceptionMapper(t -> FAILURE)
        .setParameterExceptionHandler((e, a) -> usageError(context, e))
        .setExecutionExceptionHandler((e, cmd, parseResult) -> report(context, e));
    return commandLine;
  }

  private static int usageError(CliContext context, ParameterException e) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    // A usage error is about the command line, not the code: no stack trace even under --verbose.
    context.err().println("error: " + OneLine.of(e.getMessage()) + " (see '" + command + " --help')");
    return FAILURE;
  }

  static int report(CliContext context, Throwable e) {
    context.err().println("error: " + OneLine.of(describe(e)));
    if (context.verbose()) {
      context.err().print(stackTrace(e));
    }
    return FAILURE;
  }

  /** One line saying what failed: the typed errors already name role, expected and found. */
  static String describe(Throwable e) {
    if (e instanceof TufException || e instanceof UserError) {
      return e.getMessage();
    }
    if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
      return "I/O error: " + e.getCause().getMessage();
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return "unexpected " + e.getClass().getName() + (message == null ? "" : ": " + message);
  }

  private static String stackTrace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
