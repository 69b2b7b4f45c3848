package dev.tuf4j.bench;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
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
 * Threshold signature checks by a delegator (V3), on metadata parsed beforehand, so that only
 * verification is timed:
 *
 * <ul>
 *   <li>a root with 20 root keys and threshold 10 checking itself ({@code Root.verifyDelegate}),
 *       signed by all 20 keys or by exactly 10;
 *   <li>a 5,000-target delegated targets file signed by 20 keys (threshold 10) checked by its
 *       delegator ({@code Targets.verifyDelegate}), next to parsing the same file and to one
 *       canonical encoding of its {@code signed} object.
 * </ul>
 *
 * <p>Canonicalisation happens once per file: {@code Metadata} keeps the canonical bytes it made
 * while parsing, and a check only hashes those bytes once per signature. So {@code
 * verifyTargets5000} costs about 20 Ed25519 checks over the file's bytes and nothing like 20
 * times {@code canonicalizeTargets5000}; compare the three numbers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerifyBenchmark {
  @Param("20")
  public int keyCount;

  @Param("10")
  public int threshold;

  @Param("5000")
  public int delegateTargets;

  static final String ROLE = "project";

  private final SchemeRegistry registry = SchemeRegistry.defaults();
  private Metadata<Root> rootAllSigned;
  private Metadata<Root> rootThresholdSigned;
  private Targets delegator;
  private byte[] delegateBytes;
  private Metadata<Targets> delegate;
  private JsonObject delegateSigned;

  @Setup
  public void setUp() throws MetadataFormatException {
    List<SigningKey> keys = BenchData.ed25519Keys(keyCount, Seeds.VERIFY);
    List<SigningKey> one = keys.subList(0, 1);
    Root root = BenchData.root(keys, threshold, one, one, one, 1);
    rootAllSigned = Metadata.parseRoot(BenchData.signedBy(root, keys).toBytes());
    rootThresholdSigned =
        Metadata.parseRoot(BenchData.signedBy(root, keys.subList(0, threshold)).toBytes());

    DelegatedRole role =
        DelegatedRole.forPaths(ROLE, BenchData.keyIds(keys), threshold, List.of("*/*/*/*"));
    Targets top =
        BenchData.targets(List.of(), 1)
            .withDelegations(Delegations.of(BenchData.keyMap(keys), List.of(role)));
    delegator = Metadata.parseTargets(BenchData.signedBy(top, one).toBytes(), Targets.TYPE).signed();
    delegateBytes =
        BenchData.signedBy(BenchData.targets(BenchData.pypiTargets(delegateTargets, Seeds.VERIFY), 1), keys)
            .toBytes();
    delegate = Metadata.parseTargets(delegateBytes, ROLE);
    delegateSigned = delegate.signed().toJson();

    CpuTime untimed = new CpuTime();
    require(verifyRootAllSigned(untimed), keyCount);
    require(verifyRootThresholdSigned(untimed), threshold);
    require(verifyTargets5000(untimed), keyCount);
  }

  private static void require(VerificationResult r, int signers) {
    if (!r.verified() || r.signedBy().size() != signers) {
      throw new IllegalStateException("expected " + signers + " valid signatures, got " + r);
    }
  }

  /** 20 of 20 keys signed: every signature is checked, though 10 would meet the threshold. */
  @Benchmark
  public VerificationResult verifyRootAllSigned(CpuTime cpu) {
    long start = CpuTime.start();
    VerificationResult result = rootAllSigned.signed().verifyDelegate(Root.TYPE, rootAllSigned, registry);
    cpu.stop(start);
    return result;
  }

  /** 10 of 20 keys signed: 10 checks, the other keys have no signature to check. */
  @Benchmark
  public VerificationResult verifyRootThresholdSigned(CpuTime cpu) {
    long start = CpuTime.start();
    VerificationResult result = rootAllSigned.signed().verifyDelegate(Root.TYPE, rootThresholdSigned, registry);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public Metadata<Targets> parseTargets5000(CpuTime cpu) throws MetadataFormatException {
    long start = CpuTime.start();
    Metadata<Targets> result = Metadata.parseTargets(delegateBytes, ROLE);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public VerificationResult verifyTargets5000(CpuTime cpu) {
    long start = CpuTime.start();
    VerificationResult result = delegator.verifyDelegate(ROLE, delegate, registry);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public VerificationResult parseAndVerifyTargets5000(CpuTime cpu) throws MetadataFormatException {
    long start = CpuTime.start();
    VerificationResult result = delegator.verifyDelegate(ROLE, Metadata.parseTargets(delegateBytes, ROLE), registry);
    cpu.stop(start);
    return result;
  }

  /** What each of the 20 checks would add if it canonicalised {@code signed} itself. */
  @Benchmark
  public byte[] canonicalizeTargets5000(CpuTime cpu) {
    long start = CpuTime.start();
    byte[] result = CanonicalJson.encode(delegateSigned);
    cpu.stop(start);
    return result;
  }
}
