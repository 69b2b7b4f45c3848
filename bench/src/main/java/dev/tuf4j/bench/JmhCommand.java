package dev.tuf4j.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH with its own command line ({@code jmh}), or with short defaults for a first look
 * ({@code quick}: 1 fork, 1 warm-up iteration of 500 ms, 2 measured iterations of 1 s, each
 * overridable). Every run gets {@link CpuProfiler}. After a run it prints the figures JMH leaves to
 * the reader: MB/s for benchmarks that count bytes, and CPU time per operation.
 */
final class JmhCommand implements Main.Command {
  static final String NAME = "jmh";

  private final boolean quick;

  private JmhCommand(boolean quick) {
    this.quick = quick;
  }

  static JmhCommand full() {
    return new JmhCommand(false);
  }

  static JmhCommand quick() {
    return new JmhCommand(true);
  }

  @Override
  public String name() {
    return quick ? "quick" : NAME;
  }

  @Override
  public String summary() {
    return quick
        ? "JMH with short defaults (-f 1 -wi 1 -w 500ms -i 2 -r 1s), for a first look"
        : "JMH with its own options (the default command); -h lists them";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(args.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      err.println("Error parsing the command line: " + e.getMessage());
      return 2;
    }
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return 0;
    }
    if (cmd.shouldListProfilers()) {
      cmd.listProfilers();
      return 0;
    }
    if (cmd.shouldListResultFormats()) {
      cmd.listResultFormats();
      return 0;
    }
    Options options = withCpuProfiler(quick ? withQuickDefaults(cmd) : cmd);
    OutputFormat format =
        OutputFormatFactory.createFormatInstance(
            out, options.verbosity().orElse(VerboseMode.NORMAL));
    Runner runner = new Runner(options, format);
    if (cmd.shouldList()) {
      runner.list();
      return 0;
    }
    if (cmd.shouldListWithParams()) {
      runner.listWithParams(cmd);
      return 0;
    }
    Collection<RunResult> results;
    try {
      results = runner.run();
    } catch (NoBenchmarksException e) {
      err.println("No benchmark matches " + cmd.getIncludes() + "; -l lists them.");
      return 1;
    } catch (RunnerException e) {
      err.println("Benchmark run failed: " + e.getMessage());
      return 1;
    }
    printDerived(results, out);
    return 0;
  }

  /** The user's options, with the quick run's values wherever the user gave none. */
  static Options withQuickDefaults(CommandLineOptions cmd) {
    OptionsBuilder b = new OptionsBuilder();
    b.parent(cmd);
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(1);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.milliseconds(500));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(2);
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(1));
    }
    return b.build();
  }

  /** {@code base} with {@link CpuProfiler} added, unless it is there already. */
  static Options withCpuProfiler(Options base) {
    boolean present =
        base.getProfilers().stream().anyMatch(p -> p.getKlass().equals(CpuProfiler.class.getName()));
    if (present) {
      return base;
    }
    return new OptionsBuilder().parent(base).addProfiler(CpuProfiler.class).build();
  }

  /**
   * A table of what JMH's own table leaves to the reader: MB/s (from {@link ByteRate}), the
   * process's CPU time per operation (from {@link CpuProfiler}) and the benchmark thread's own
   * CPU time per operation (from {@link CpuTime}), where a benchmark records them.
   */
  static void printDerived(Collection<RunResult> results, PrintStream out) {
    if (results.isEmpty()) {
      return;
    }
    out.println();
    out.println("Derived figures. MB = 10^6 bytes. MB/s: per second of wall time; CPU MB/s: per second");
    out.println("of the benchmark thread's CPU time. CPU/op: process = every thread of the benchmark JVM");
    out.println("(garbage collector included), thread = the benchmark thread alone.");
    out.printf("  %-60s %16s %9s %9s %15s %15s%n",
        "benchmark", "score", "MB/s", "CPU MB/s", "process CPU/op", "thread CPU/op");
    Set<String> varying = varyingParameters(results);
    for (RunResult r : results) {
      Map<String, Result> secondary = r.getSecondaryResults();
      Result primary = r.getPrimaryResult();
      Result mb = secondary.get("megabytes");
      Result process = secondary.get(CpuProfiler.LABEL);
      Result threadCpu = secondary.get("cpuNanos");
      Result calls = secondary.get("calls");
      double threadSecondsPerOp =
          threadCpu == null || calls == null || calls.getScore() <= 0
              ? Double.NaN
              : threadCpu.getScore() / calls.getScore() / 1e9;
      double megabytesPerOp = mb == null ? Double.NaN : megabytesPerSecond(mb) * secondsPerOp(primary);
      out.printf(
          "  %-60s %16s %9s %9s %15s %15s%n",
          label(r, varying),
          String.format("%.3f %s", primary.getScore(), primary.getScoreUnit()),
          mb == null ? "" : String.format("%.1f", megabytesPerSecond(mb)),
          Double.isNaN(megabytesPerOp) || Double.isNaN(threadSecondsPerOp)
              ? ""
              : String.format("%.1f", megabytesPerOp / threadSecondsPerOp),
          process == null ? "" : micros(process.getScore()),
          Double.isNaN(threadSecondsPerOp) ? "" : micros(threadSecondsPerOp * 1e6));
    }
  }

  /** Seconds per operation from a primary result in any mode ({@code ops/s} or {@code ms/op}, ...). */
  static double secondsPerOp(Result primary) {
    String unit = primary.getScoreUnit();
    int slash = unit.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a rate or a time per operation: " + unit);
    }
    if (unit.startsWith("ops/")) {
      return seconds(unit.substring(slash + 1)) / primary.getScore();
    }
    return primary.getScore() * seconds(unit.substring(0, slash));
  }

  /**
   * MB/s from a {@link ByteRate} result: JMH reports an operations counter as a rate ({@code
   * ops/s}, {@code ops/ms}, ...) in throughput mode and as time per unit ({@code ms/op}, ...) in
   * the time-based modes.
   */
  static double megabytesPerSecond(Result megabytes) {
    String unit = megabytes.getScoreUnit();
    double score = megabytes.getScore();
    int slash = unit.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a rate or a time per operation: " + unit);
    }
    String before = unit.substring(0, slash);
    String after = unit.substring(slash + 1);
    if (before.equals("ops")) {
      return score / seconds(after);
    }
    return 1 / (score * seconds(before));
  }

  private static double seconds(String unit) {
    switch (unit) {
      case "ns":
        return 1e-9;
      case "us":
        return 1e-6;
      case "ms":
        return 1e-3;
      case "s":
        return 1;
      case "min":
        return 60;
      case "hr":
        return 3600;
      case "day":
        return 86_400;
      default:
        throw new IllegalArgumentException("unknown time unit " + unit);
    }
  }

  /** A duration given in microseconds, in µs below a millisecond and in ms above. */
  static String micros(double us) {
    return us >= 1000 ? String.format("%.3f ms", us / 1000) : String.format("%.3f us", us);
  }

  /** Class and method, and the parameters whose values differ between the results. */
  private static String label(RunResult r, Set<String> varying) {
    String name = r.getParams().getBenchmark();
    StringBuilder s = new StringBuilder(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
    for (String key : r.getParams().getParamsKeys()) {
      if (varying.contains(key)) {
        s.append(' ').append(key).append('=').append(r.getParams().getParam(key));
      }
    }
    return s.toString();
  }

  private static Set<String> varyingParameters(Collection<RunResult> results) {
    Map<String, Set<String>> values = new HashMap<>();
    for (RunResult r : results) {
      for (String key : r.getParams().getParamsKeys()) {
        values.computeIfAbsent(key, k -> new HashSet<>()).add(r.getParams().getParam(key));
      }
    }
    Set<String> varying = new HashSet<>();
    values.forEach((key, v) -> {
      if (v.size() > 1) {
        varying.add(key);
      }
    });
    return varying;
  }
}
