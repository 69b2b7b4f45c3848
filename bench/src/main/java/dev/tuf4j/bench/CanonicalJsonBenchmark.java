package dev.tuf4j.bench;

import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical JSON encoding of the {@code signed} object of a large targets file (about 16,000
 * PyPI-shaped targets, about 5 MB): what signing such a file costs besides the signature, and
 * what verifying it would cost per key if the canonical bytes were not cached.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CanonicalJsonBenchmark {
  @Param("16000")
  public int largeTargets;

  private JsonObject signed;

  @Setup
  public void setUp() {
    signed = BenchData.targets(BenchData.pypiTargets(largeTargets, Seeds.LARGE_TARGETS), 1).toJson();
  }

  @Benchmark
  public byte[] encodeSignedTargets(ByteRate rate, CpuTime cpu) {
    long start = CpuTime.start();
    byte[] bytes = CanonicalJson.encode(signed);
    cpu.stop(start);
    rate.add(bytes.length);
    return bytes;
  }
}
