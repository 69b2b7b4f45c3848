package dev.tuf4j.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * overridable). After a run it prints the figures JMH leaves to the reader: MB/s for benchmarks
 * that count bytes, CPU time per operation for those that measure it.
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
    Options options = quick ? withQuickDefaults(cmd) : cmd;
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

  /**
   * One line per result with MB/s (from {@link ByteRate}) and CPU time per operation (from
   * {@link CpuTime}), where the benchmark records them.
   */
  static void printDerived(Collection<RunResult> results, PrintStream out) {
    boolean header = false;
    for (RunResult r : results) {
      Map<String, Result> secondary = r.getSecondaryResults();
      Result mb = secondary.get("megabytes");
      Result cpu = secondary.get("cpuNanos");
      Result calls = secondary.get("calls");
      boolean hasCpu = cpu != null && calls != null && calls.getScore() > 0;
      if (mb == null && !hasCpu) {
        continue;
      }
      if (!header) {
        out.println();
        out.println("Derived figures (MB = 10^6 bytes; CPU = the benchmark thread's own CPU time):");
        header = true;
      }
      Result primary = r.getPrimaryResult();
      StringBuilder line = new StringBuilder();
      line.append(String.format("  %-55s %12.3f %-6s", label(r), primary.getScore(), primary.getScoreUnit()));
      if (mb != null) {
        line.append(String.format("  %10.1f MB/s", mb.getScore()));
      }
      if (hasCpu) {
        line.append(String.format("  %10.3f ms CPU/op", cpu.getScore() / calls.getScore() / 1e6));
      }
      out.println(line);
    }
  }

  private static String label(RunResult r) {
    String name = r.getParams().getBenchmark();
    StringBuilder s = new StringBuilder(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
    for (String key : r.getParams().getParamsKeys()) {
      s.append(' ').append(key).append('=').append(r.getParams().getParam(key));
    }
    return s.toString();
  }
}
