package dev.tuf4j.bench;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.VerificationResult;
import java.util.List;
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
 * Parsing untrusted metadata bytes into the model ({@code Metadata.parse...}: strict JSON parse,
 * every structural check, and the canonical bytes of {@code signed} for later signature checks),
 * for the three sizes a PEP 458 client meets: a 40 KB bin, the 600 KB snapshot of 16,384 bins,
 * and a 5 MB targets file. The {@code megabytes} counter gives MB/s.
 *
 * <p>{@link #parseAndVerifyLargeTargets} adds one Ed25519 signature check by the root's targets
 * key, for the goal "parse and verify a 5 MB targets file at 150 MB/s or more".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBenchmark {
  /** Targets in the bin; 120 PyPI-shaped entries make about 40 KB. */
  @Param("120")
  public int binTargets;

  /** Bins of the snapshot: 2^14 = 16,384, so the snapshot lists 16,385 roles. */
  @Param("14")
  public int bitLength;

  /** Targets in the large file; 16,000 make about 5 MB. */
  @Param("16000")
  public int largeTargets;

  private byte[] bin;
  private byte[] snapshot;
  private byte[] large;
  private Root root;
  private final SchemeRegistry registry = SchemeRegistry.defaults();
  private static final StrictJsonParser JSON = StrictJsonParser.withDefaults();

  @Setup
  public void setUp() throws MetadataFormatException {
    List<SigningKey> key = BenchData.ed25519Keys(1, Seeds.KEYS);
    bin = BenchData.signedBy(BenchData.targets(BenchData.pypiTargets(binTargets, Seeds.BIN), 1234), key)
        .toBytes();
    snapshot = Pep458Repository.snapshotOnly(bitLength, Seeds.SNAPSHOT);
    large = BenchData.signedBy(
            BenchData.targets(BenchData.pypiTargets(largeTargets, Seeds.LARGE_TARGETS), 1), key)
        .toBytes();
    root = Metadata.parseRoot(BenchData.signedBy(BenchData.root(key, 1, key, key, key, 1), key).toBytes())
        .signed();
    // The check must pass before it is timed.
    verifyLarge(Metadata.parseTargets(large, Targets.TYPE));
  }

  @Benchmark
  public Metadata<Targets> parseBin(ByteRate rate, CpuTime cpu) throws MetadataFormatException {
    long start = CpuTime.start();
    rate.add(bin.length);
    Metadata<Targets> result = Metadata.parseTargets(bin, "bins-0000");
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public Metadata<Snapshot> parseSnapshot(ByteRate rate, CpuTime cpu) throws MetadataFormatException {
    long start = CpuTime.start();
    rate.add(snapshot.length);
    Metadata<Snapshot> result = Metadata.parseSnapshot(snapshot);
    cpu.stop(start);
    return result;
  }

  /**
   * Only the strict JSON tree of the snapshot and the bytes of its {@code signed} member, no
   * model: how much of {@link #parseSnapshot} the generic parse is.
   */
  @Benchmark
  public StrictJsonParser.Parsed jsonTreeSnapshot(ByteRate rate, CpuTime cpu)
      throws MetadataFormatException {
    long start = CpuTime.start();
    rate.add(snapshot.length);
    StrictJsonParser.Parsed result = JSON.parseWithMember(snapshot, "signed");
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public Metadata<Targets> parseLargeTargets(ByteRate rate, CpuTime cpu) throws MetadataFormatException {
    long start = CpuTime.start();
    rate.add(large.length);
    Metadata<Targets> result = Metadata.parseTargets(large, Targets.TYPE);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public VerificationResult parseAndVerifyLargeTargets(ByteRate rate, CpuTime cpu)
      throws MetadataFormatException {
    long start = CpuTime.start();
    rate.add(large.length);
    VerificationResult result = verifyLarge(Metadata.parseTargets(large, Targets.TYPE));
    cpu.stop(start);
    return result;
  }

  private VerificationResult verifyLarge(Metadata<Targets> targets) {
    VerificationResult result = root.verifyDelegate(Targets.TYPE, targets, registry);
    if (!result.verified()) {
      throw new IllegalStateException("the large targets file does not verify: " + result);
    }
    return result;
  }
}
