package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo in-process on a small repository (16 bins, 20 targets): every expectation holds, and
 * when one step is sabotaged, exactly that step fails and the run exits 1 - its checks can fail.
 */
class DemoTest {
  private static final Demo.Settings SMALL = new Demo.Settings(16, 20, false, false);

  private record Run(int exitCode, List<String> stepLines, String stdout, String stderr) {}

  private static Run run(Demo.Sabotage sabotage) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null, Clock.systemUTC());
    int code = new Demo(context, SMALL, sabotage).run();
    String stdout = out.toString(StandardCharsets.UTF_8);
    List<String> steps = stdout.lines().filter(l -> l.matches(" ?\\d+ .*")).toList();
    return new Run(code, steps, stdout, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyExpectationHoldsOnASmallRepository() throws Exception {
    Run r = run(Demo.Sabotage.NONE);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals(12, r.stepLines().size(), r.stdout());
    r.stepLines().forEach(l -> assertTrue(l.substring(3).startsWith("ok "), l));
    assertEquals("", r.stderr());
    assertTrue(r.stdout().contains("demo: all 12 expectations held in "), r.stdout());
  }

  @ParameterizedTest
  @CsvSource({
      "LEAVE_TARGET_INTACT, attack: tampered target, accepted",
      "SERVE_CURRENT_TIMESTAMP, attack: rolled-back timestamp, accepted",
      "SIGN_FRESH_SNAPSHOT, attack: expired snapshot, accepted",
      "SKIP_ROOT_ROTATION, rotate the root key, 'root v1, root keys'"})
  void aBrokenExpectationFailsTheRun(Demo.Sabotage sabotage, String step, String got) throws Exception {
    Run r = run(sabotage);
    assertEquals(1, r.exitCode(), r.stdout());
    List<String> failed = r.stepLines().stream().filter(l -> l.substring(3).startsWith("FAIL ")).toList();
    assertEquals(1, failed.size(), r.stdout());
    assertTrue(failed.get(0).contains(step), failed.get(0));
    assertTrue(failed.get(0).contains(got), failed.get(0));
    assertEquals(12, r.stepLines().size(), "the steps after it still run: " + r.stdout());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("error: 1 of 12 expectations did not hold (" + step + ": got "), r.stderr());
  }
}
