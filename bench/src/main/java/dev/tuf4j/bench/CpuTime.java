package dev.tuf4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU time the benchmark thread itself spent, next to JMH's wall-clock time. On a busy
 * machine wall time includes waiting for a core, CPU time does not (nor time blocked in I/O such
 * as fsync, nor the garbage collector's own threads). Reading the thread clock is a system call
 * of about a microsecond (0.7 us measured), so only benchmarks of much longer operations use it.
 *
 * <p>JMH sums both counters over all measurement iterations, so {@code cpuNanos / calls} is the
 * CPU time per operation; the launcher ({@link JmhCommand}) prints that ratio after a run.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Thread CPU nanoseconds spent inside measured operations. */
  public long cpuNanos;

  /** Measured operations. */
  public long calls;

  @Setup(Level.Iteration)
  public void reset() {
    cpuNanos = 0;
    calls = 0;
  }

  /** The current thread's CPU time in nanoseconds; pass it to {@link #stop}. */
  static long start() {
    return THREADS.getCurrentThreadCpuTime();
  }

  void stop(long start) {
    cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    calls++;
  }
}
