package dev.tuf4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH counter of input bytes, reported like operations: in throughput mode with seconds as the
 * time unit (as the byte-counting benchmarks are set up) the secondary result {@code megabytes}
 * is MB/s (10^6 bytes per second); in average-time mode JMH reports it as time per megabyte
 * instead. The launcher's closing table converts either to MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteRate {
  /** Megabytes (10^6 bytes) handled in this iteration. Public: JMH reports public fields. */
  public double megabytes;

  @Setup(Level.Iteration)
  public void reset() {
    megabytes = 0;
  }

  void add(int bytes) {
    megabytes += bytes / 1e6;
  }
}
