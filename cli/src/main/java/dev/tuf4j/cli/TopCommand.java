package dev.tuf4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code tuf4j}: the top of the command tree. Each tool is a subcommand: {@code client}, {@code
 * key}, {@code repo}, {@code project}, {@code serve} and {@code demo}. Not runnable by itself: without a subcommand picocli reports a usage error (exit 1).
 */
@Command(
    name = "tuf4j",
    // Subcommands inherit the version provider (and, below, --help, --version and --verbose).
    scope = ScopeType.INHERIT,
    versionProvider = TopCommand.Version.class,
    description = "The Update Framework (TUF 1.0.34) for Java: a client for installer scripts, key and repository tools, a server and a demo.",
    subcommands = {
      ClientCommand.class, KeyCommand.class, RepoCommand.class, ProjectCommand.class,
      ServeCommand.class, DemoCommand.class
    })
final class TopCommand {
  final CliContext context;

  TopCommand(CliContext context) {
    this.context = context;
  }

  // Plain inherited options rather than picocli's standard-help mixin, which builds one more
  // command model by reflection for every subcommand: measurably slower start-up.
  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
      description = "Show this help message and exit.")
  private boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, scope = ScopeType.INHERIT,
      description = "Print version information and exit.")
  private boolean version;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace and details; also report each metadata step.")
  void setVerbose(boolean verbose) {
    context.setVerbose(verbose);
  }

  /** The version written into the jar's manifest by the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TopCommand.class.getPackage().getImplementationVersion();
      return new String[] {"tuf4j " + (v == null ? "(development build)" : v)};
    }
  }
}
