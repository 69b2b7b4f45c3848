package dev.tuf4j.cli;

/**
 * The {@code tuf4j} command: {@code java -jar tuf4j.jar COMMAND ...}. Exits 0 on full success
 * and 1 on any failure (see {@link Cli}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.run(args, CliContext.system());
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}
