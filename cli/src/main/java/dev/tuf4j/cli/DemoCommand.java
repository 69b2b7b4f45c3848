package dev.tuf4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tuf4j demo}: see {@link Demo}. */
@Command(name = "demo",
    description = {
      "Show TUF at work: a repository, a client, three attacks, a key rotation.",
      "In a temporary folder: make keys; create a PEP 458 repository (16,384",
      "succinct hash bins, 3,000 targets); serve it over HTTPS on 127.0.0.1 under a",
      "fresh CA; bootstrap a client from the root fetched over HTTPS under its",
      "SHA-256 pin; refresh; download and verify a target; then three attacks the",
      "client must refuse (a tampered target, a rolled-back timestamp, an expired",
      "snapshot) and a root key rotation it must follow. One line per step:",
      "expected, got, time, bytes. Exit status: 0 only if every expectation held."
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand private TopCommand top;
  @Spec private CommandSpec spec;

  @Option(names = "--targets", paramLabel = "N", defaultValue = "3000",
      description = "Targets in the repository (default 3000).")
  private int targets;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "16384",
      description = "Hash bins, a power of two from 2 to 65536 (default 16384, PEP 458's).")
  private int bins;

  @Option(names = "--durable",
      description = "Write the repository durably (fsync), as a real one must; slower.")
  private boolean durable;

  @Option(names = "--keep", description = "Keep the temporary folder and say where it is.")
  private boolean keep;

  @Override
  public Integer call() throws IOException {
    if (bins < 2 || bins > 65_536 || Integer.bitCount(bins) != 1) {
      throw new ParameterException(spec.commandLine(), "--bins must be a power of two from 2 to 65536, got " + bins);
    }
    if (targets < 3 || targets > 1_000_000) {
      throw new ParameterException(spec.commandLine(), "--targets must be 3 to 1000000, got " + targets);
    }
    return new Demo(top.context, new Demo.Settings(bins, targets, durable, keep), Demo.Sabotage.NONE).run();
  }
}
