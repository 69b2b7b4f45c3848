package dev.tuf4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the benchmark process's CPU time per operation ({@code
 * cpu.process}, in µs/op), for every benchmark. On a machine shared with other work, wall-clock
 * time per operation grows with the competition for cores; CPU time per operation much less so.
 * It counts every thread of the benchmark JVM: the benchmark's own, the garbage collector's (a
 * real cost of the operation) and the JIT compiler's (small once warmed up).
 *
 * <p>The launcher adds it to every run; with plain JMH use {@code -prof
 * dev.tuf4j.bench.CpuProfiler}.
 */
public final class CpuProfiler implements InternalProfiler {
  static final String LABEL = "cpu.process";

  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private long startNanos = -1;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark process per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long end = processCpuNanos();
    long ops = result.getMetadata().getMeasuredOps();
    if (startNanos < 0 || end < 0 || ops <= 0) {
      return List.of();
    }
    double microsPerOp = (end - startNanos) / 1e3 / ops;
    return List.of(new ScalarResult(LABEL, microsPerOp, "us/op", AggregationPolicy.AVG));
  }

  /** The process's CPU time in nanoseconds, or -1 where the JVM does not tell it. */
  private long processCpuNanos() {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
