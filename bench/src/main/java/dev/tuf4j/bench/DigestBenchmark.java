package dev.tuf4j.bench;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
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
 * Streaming hashes with {@link Digester}, fed in 64 KiB chunks as a download arrives: SHA-256
 * (the JDK's), BLAKE2b-256 (Bouncy Castle's), and both in one pass, which is what checking a PyPI
 * target listing both costs. The {@code megabytes} counter gives MB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DigestBenchmark {
  /** Algorithms by TUF name, several joined with {@code +}. */
  @Param({"sha256", "blake2b-256", "sha256+blake2b-256"})
  public String algorithms;

  @Param("4194304")
  public int dataBytes;

  static final int CHUNK = 64 * 1024;

  private byte[] data;
  private Set<HashAlgorithm> selected;

  @Setup
  public void setUp() {
    data = new byte[dataBytes];
    new SeededRandom(Seeds.DIGEST).nextBytes(data);
    selected = EnumSet.noneOf(HashAlgorithm.class);
    for (String name : algorithms.split("\\+")) {
      selected.add(HashAlgorithm.byTufName(name)
          .orElseThrow(() -> new IllegalArgumentException("unknown hash algorithm " + name)));
    }
  }

  @Benchmark
  public Map<HashAlgorithm, byte[]> stream(ByteRate rate, CpuTime cpu) {
    long start = CpuTime.start();
    Digester digester = Digester.of(selected);
    for (int off = 0; off < data.length; off += CHUNK) {
      digester.update(data, off, Math.min(CHUNK, data.length - off));
    }
    rate.add(data.length);
    Map<HashAlgorithm, byte[]> result = digester.digest();
    cpu.stop(start);
    return result;
  }
}
