package dev.tuf4j.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher of {@code tuf4j-bench.jar}: {@code java -jar tuf4j-bench.jar [command] [args]}.
 *
 * <p>Without a known command name first, every argument goes to JMH, so the jar behaves like a
 * plain JMH benchmark jar ({@code java -jar tuf4j-bench.jar -f 1 Parse}). Each command is a
 * {@link Command} registered in {@link #commands()}; a new one is one more class and one more line there
 * ({@code pep458}, the macro benchmark, is {@link Pep458Command}).
 */
public final class Main {
  private Main() {}

  /** One subcommand of the launcher. */
  interface Command {
    /** The word that selects it, lower case. */
    String name();

    /** One line for {@code help}. */
    String summary();

    /**
     * Runs with the arguments after the command name.
     *
     * @return the process exit status: 0 for success
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
  }

  /** The commands, by name, in the order {@code help} lists them. */
  static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c :
        List.of(JmhCommand.full(), JmhCommand.quick(), new SizesCommand(), new Pep458Command(),
            new HelpCommand())) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Dispatches {@code args}; the default command is {@code jmh} with all of them. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, Command> commands = commands();
    if (args.length > 0 && commands.containsKey(args[0])) {
      return commands.get(args[0]).run(Arrays.asList(args).subList(1, args.length), out, err);
    }
    return commands.get(JmhCommand.NAME).run(Arrays.asList(args), out, err);
  }

  /** Lists the commands. */
  private static final class HelpCommand implements Command {
    @Override
    public String name() {
      return "help";
    }

    @Override
    public String summary() {
      return "this list";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
      out.println("usage: java -jar tuf4j-bench.jar [command] [arguments]");
      out.println();
      out.println("Without a command, all arguments go to JMH (see: jmh -h).");
      out.println();
      for (Command c : commands().values()) {
        out.printf("  %-8s %s%n", c.name(), c.summary());
      }
      return 0;
    }
  }
}
