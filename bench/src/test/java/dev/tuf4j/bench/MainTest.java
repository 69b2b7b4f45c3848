package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    assertEquals(0, run("help"));
    for (String name : Main.commands().keySet()) {
      assertTrue(out().contains("  " + name + " "), name + " missing from: " + out());
    }
  }

  @Test
  void withoutACommandTheArgumentsGoToJmh() throws Exception {
    assertEquals(0, run("-l"));
    assertTrue(out().contains("dev.tuf4j.bench.ParseBenchmark.parseSnapshot"), out());
  }

  @Test
  void aBadJmhOptionExitsWithStatusTwo() throws Exception {
    assertEquals(2, run("jmh", "--no-such-option"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Error parsing"));
  }

  @Test
  void aPatternMatchingNoBenchmarkExitsWithStatusOne() throws Exception {
    assertEquals(1, run("jmh", "NoSuchBenchmark"));
  }

  @Test
  void quickFillsInShortDefaults() throws Exception {
    Options o = JmhCommand.withQuickDefaults(new CommandLineOptions());
    assertEquals(1, o.getForkCount().get());
    assertEquals(1, o.getWarmupIterations().get());
    assertEquals(TimeValue.milliseconds(500), o.getWarmupTime().get());
    assertEquals(2, o.getMeasurementIterations().get());
    assertEquals(TimeValue.seconds(1), o.getMeasurementTime().get());
  }

  @Test
  void quickKeepsWhatTheUserGave() throws Exception {
    Options o = JmhCommand.withQuickDefaults(new CommandLineOptions("-f", "3", "-i", "7", "-p", "bitLength=4"));
    assertEquals(3, o.getForkCount().get());
    assertEquals(7, o.getMeasurementIterations().get());
    assertEquals(1, o.getWarmupIterations().get());
    assertTrue(o.getParameter("bitLength").get().contains("4"));
  }

  @Test
  void theDefaultCommandRunsJmhAndPrintsMegabytesAndCpuPerOperation() throws Exception {
    int status = run("-f", "0", "-wi", "0", "-i", "1", "-r", "50ms",
        "-p", "bitLength=4", "-p", "largeTargets=5", "-p", "binTargets=5", "ParseBenchmark.parseSnapshot");
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(out().contains("ParseBenchmark.parseSnapshot "), out());
    assertTrue(out().contains("MB/s"), out());
    assertTrue(out().contains("process CPU/op"), out());
  }

  @Test
  void theCpuProfilerIsAddedOnceAndKeepsTheUsersProfilers() throws Exception {
    Options withGc = JmhCommand.withCpuProfiler(new CommandLineOptions("-prof", "gc"));
    assertEquals(2, withGc.getProfilers().size());
    Options already = new CommandLineOptions("-prof", CpuProfiler.class.getName());
    assertEquals(1, JmhCommand.withCpuProfiler(already).getProfilers().size());
  }

  @Test
  void megabytesPerSecondFromARate() {
    assertEquals(250.0, JmhCommand.megabytesPerSecond(new ScalarResult("megabytes", 0.25, "ops/ms", AggregationPolicy.AVG)), 1e-9);
    assertEquals(40.0, JmhCommand.megabytesPerSecond(new ScalarResult("megabytes", 40, "ops/s", AggregationPolicy.AVG)), 1e-9);
  }

  @Test
  void megabytesPerSecondFromATimePerMegabyte() {
    assertEquals(500.0, JmhCommand.megabytesPerSecond(new ScalarResult("megabytes", 2, "ms/op", AggregationPolicy.AVG)), 1e-9);
    assertEquals(0.5, JmhCommand.megabytesPerSecond(new ScalarResult("megabytes", 2, "s/op", AggregationPolicy.AVG)), 1e-9);
  }

  @Test
  void secondsPerOperationInEitherMode() {
    assertEquals(0.004, JmhCommand.secondsPerOp(new ScalarResult("x", 250, "ops/s", AggregationPolicy.AVG)), 1e-12);
    assertEquals(0.004, JmhCommand.secondsPerOp(new ScalarResult("x", 4, "ms/op", AggregationPolicy.AVG)), 1e-12);
  }

  @Test
  void sizesRejectsAnUnknownArgument() throws Exception {
    assertEquals(2, run("sizes", "--huge"));
  }

  @Test
  void sizesPrintsTheRepositoryItBuilt() throws Exception {
    assertEquals(0, run("sizes", "--bits", "2", "--targets", "10"));
    assertTrue(out().contains("repository: 2^2 bins, 10 targets, 8 files"), out());
  }
}
