package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code java -jar tuf4j.jar demo} as a user runs it: the README's first command. */
class DemoIT {
  private static final List<String> STEPS = List.of(
      "make keys", "create PEP 458 repository", "serve it over HTTPS", "bootstrap root, wrong pin",
      "bootstrap root, sha256 pin", "refresh", "download and verify a target", "attack: tampered target",
      "publish a release, refresh", "attack: rolled-back timestamp", "attack: expired snapshot",
      "rotate the root key");

  @Test
  void theDemoHoldsEveryExpectationAndExitsZero() {
    // "Well under a minute" on an idle machine; the limit here leaves room for a loaded CI host.
    CliProcess.Result r = new CliProcess().timeout(Duration.ofSeconds(180)).run("demo").assertSuccess();
    List<String> lines = r.stdoutLines();
    assertTrue(lines.get(0).startsWith("tuf4j demo: PEP 458 repository (16,384 succinct bins, 3,000 targets)"),
        lines.get(0));
    List<String> steps = lines.stream().filter(l -> l.matches(" ?\\d+ .*")).toList();
    assertEquals(STEPS.size(), steps.size(), r.stdout());
    for (int i = 0; i < STEPS.size(); i++) {
      String line = steps.get(i);
      assertTrue(line.startsWith(String.format("%2d ok   %s ", i + 1, STEPS.get(i))), line);
      assertTrue(line.matches(".* \\d+\\.\\d\\d s +(-|[\\d.]+ (B|kB|MB))$"), "time and bytes: " + line);
    }
    assertTrue(lines.get(lines.size() - 1).startsWith("demo: all 12 expectations held in "), r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void aBadOptionFailsWithOneLine() {
    new CliProcess().run("demo", "--bins", "3").assertFailure();
  }
}
