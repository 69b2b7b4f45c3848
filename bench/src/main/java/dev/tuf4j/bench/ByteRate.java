package dev.tuf4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH counter of input bytes: JMH divides it by the iteration's time, so the secondary result
 * {@code megabytes} is throughput in MB/s (10^6 bytes per second), whatever the benchmark mode.
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
