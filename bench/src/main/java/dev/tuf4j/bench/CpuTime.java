package dev.tuf4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
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

  /**
   * A reading of the CPU time of every live thread of this JVM except the in-process test server's
   * ({@link StaticServer#isServerThread}): the calling thread and the metadata store's writer. The
   * JIT and GC threads are not Java threads and are not counted. The calling thread is read last
   * here and first in {@link #elapsedNanos}, so walking the other threads, which costs more than
   * many a measured step, is not counted as the client's.
   */
  static final class ClientThreads {
    private final long callerId = Thread.currentThread().getId();
    private final Map<Long, Long> others = otherClientThreads(callerId);
    private final long caller = THREADS.getCurrentThreadCpuTime();

    /**
     * The CPU time the client's threads spent since this reading, thread by thread: a thread that
     * started since counts in full; one that ended since counts nothing more (its time before the
     * reading is never subtracted, as a plain difference of two sums would, which undercounted
     * each run by the writer thread of the updater closed just before it). A thread that started
     * and ended in between is lost, so the clients' threads must outlive a measured run (the
     * store writer idles for a second before ending). Call it on the thread that made the reading.
     */
    long elapsedNanos() {
      long total = THREADS.getCurrentThreadCpuTime() - caller;
      for (Map.Entry<Long, Long> e : otherClientThreads(callerId).entrySet()) {
        total += e.getValue() - others.getOrDefault(e.getKey(), 0L);
      }
      return total;
    }
  }

  /** A reading to pass the work's end to: {@link ClientThreads#elapsedNanos}. */
  static ClientThreads clientThreads() {
    return new ClientThreads();
  }

  private static Map<Long, Long> otherClientThreads(long callerId) {
    Map<Long, Long> cpu = new HashMap<>();
    for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null || info.getThreadId() == callerId
          || StaticServer.isServerThread(info.getThreadName())) {
        continue;
      }
      long t = THREADS.getThreadCpuTime(info.getThreadId());
      if (t > 0) {
        cpu.put(info.getThreadId(), t);
      }
    }
    return cpu;
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
