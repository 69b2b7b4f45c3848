package dev.tuf4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a small simulated repository on 127.0.0.1 until stdin closes, for measuring the start-up
 * time of {@code tuf4j client refresh} by hand (see the module README). Prints the metadata URL,
 * and writes the first root to the file named by the first argument.
 *
 * <pre>
 * java -cp "$(cat cp.txt):cli/target/test-classes" dev.tuf4j.cli.StartupBenchServer /tmp/root.json
 * </pre>
 */
public final class StartupBenchServer {
  private StartupBenchServer() {}

  public static void main(String[] args) throws Exception {
    try (ServedRepository served = ServedRepository.http()) {
      served.repo.addTarget("targets", "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
      served.repo.updateTargets("targets");
      served.publish();
      Files.write(Path.of(args[0]), served.initialRoot());
      System.out.println(served.metadataUrl());
      System.out.println(served.targetsUrl());
      System.out.flush();
      while (System.in.read() != -1) {
        // serve until stdin closes
      }
    }
  }
}
