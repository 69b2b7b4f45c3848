package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The smoke test CI runs: every benchmark, through JMH's generated code, once, in this JVM, on
 * tiny data. Each benchmark's setup checks that what it is about to time works (signatures
 * verify, the client finds its target), so a benchmark that broke fails here. No timing is
 * asserted.
 */
class EveryBenchmarkRunsTest {
  private static Collection<RunResult> results;
  private static String output;

  /** Tiny values for every parameter, so that the whole run takes seconds. */
  static OptionsBuilder tinyRun() {
    OptionsBuilder b = new OptionsBuilder();
    b.forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .shouldFailOnError(true)
        .param("largeTargets", "20")
        .param("binTargets", "5")
        .param("bitLength", "4")
        .param("hashedBins", "16")
        .param("keyCount", "3")
        .param("threshold", "2")
        .param("delegateTargets", "10")
        .param("messageBytes", "64")
        .param("dataBytes", "100000")
        .param("repoTargets", "40");
    return b;
  }

  @BeforeAll
  static void runAll() throws RunnerException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Options options = JmhCommand.withCpuProfiler(tinyRun().include("dev\\.tuf4j\\.bench\\..*").build());
    results = new Runner(options, OutputFormatFactory.createFormatInstance(out, VerboseMode.SILENT)).run();
    JmhCommand.printDerived(results, out);
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyListedBenchmarkProducesOneResult() throws IOException {
    Set<String> ran =
        results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed = listedBenchmarks();
    assertEquals(listed, ran);
    // One value per parameter except the ones the benchmarks enumerate themselves.
    assertEquals(listed.size() + 2, results.size(), "DigestBenchmark runs three hash sets");
  }

  @Test
  void everyResultMeasuredSomething() {
    for (RunResult r : results) {
      assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark() + " has no score");
    }
  }

  @Test
  void everyResultHasTheProcessCpuTimePerOperation() {
    for (RunResult r : results) {
      assertTrue(r.getSecondaryResults().get(CpuProfiler.LABEL).getScore() > 0, r.getParams().getBenchmark());
    }
  }

  @Test
  void byteCountingBenchmarksReportMegabytesPerSecond() {
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      if (name.contains("ParseBenchmark") || name.contains("DigestBenchmark") || name.contains("CanonicalJson")) {
        assertTrue(r.getSecondaryResults().containsKey("megabytes"), name + " counts no bytes");
        assertTrue(r.getSecondaryResults().get("megabytes").getScore() > 0, name + " counted zero bytes");
      }
    }
  }

  @Test
  void allButTheNanosecondBenchmarksReportThreadCpuTimePerOperation() {
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      if (!name.contains("MatchingBenchmark")) {
        assertTrue(r.getSecondaryResults().get("calls").getScore() >= 1, name);
        assertTrue(r.getSecondaryResults().get("cpuNanos").getScore() > 0, name);
      }
    }
  }

  @Test
  void derivedFiguresGiveMegabytesPerSecondForParsing() {
    String line = derivedLine("ParseBenchmark.parseSnapshot");
    assertTrue(line.matches(".*ops/s +[0-9.]+ +[0-9.]+ +[0-9.]+ (us|ms) +[0-9.]+ (us|ms) *"), line);
  }

  @Test
  void derivedFiguresGiveProcessAndThreadCpuForTheUpdater() {
    String line = derivedLine("UpdaterBenchmark.noChangeRefresh");
    assertTrue(line.matches(".*ms/op +[0-9.]+ (us|ms) +[0-9.]+ (us|ms) *"), line);
  }

  private static String derivedLine(String benchmark) {
    return output.lines()
        .filter(l -> l.startsWith("  " + benchmark + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no derived line for " + benchmark + " in\n" + output));
  }

  /** The benchmarks JMH's annotation processor listed in META-INF/BenchmarkList. */
  static Set<String> listedBenchmarks() throws IOException {
    Set<String> names = new TreeSet<>();
    try (InputStream in = EveryBenchmarkRunsTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
      for (BenchmarkListEntry e : BenchmarkList.readBenchmarkList(in)) {
        names.add(e.getUsername());
      }
    }
    assertTrue(names.size() >= 20, "BenchmarkList has too few benchmarks: " + names);
    return names;
  }
}
