package dev.tuf4j.bench;

import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.DelegationEntry;
import dev.tuf4j.metadata.DelegationMatching;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.SuccinctRoles;
import dev.tuf4j.metadata.TargetFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Which role a target path belongs to (spec 5.6.7.2, TAP 15), per path, over 1,024 PyPI-shaped
 * paths taken in turn:
 *
 * <ul>
 *   <li>the succinct bin's index and name, and {@code Delegations.rolesForTarget} of a succinct
 *       delegation (what the updater's search calls per hop);
 *   <li>a shell-style path pattern, and a hash-prefix list of one role;
 *   <li>{@code rolesForTarget} of PEP 458's delegation without TAP 15: 16,384 explicit roles
 *       with four 4-digit hash prefixes each, as python-tuf lays out hashed bins.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatchingBenchmark {
  @Param("14")
  public int bitLength;

  /** Explicit hashed-bin roles; a power of two from 1 to 65,536. */
  @Param("16384")
  public int hashedBins;

  static final int PATHS = 1024;
  static final String PATTERN = "*/*/*/*-py3-none-any.whl";

  private String[] paths;
  private long[] binIndexes;
  private Delegations succinct;
  private Delegations hashed;
  private List<String> onePrefixList;

  /** Each thread walks the paths in turn, so no answer can be hoisted out of the loop. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    int next() {
      next = (next + 1) & (PATHS - 1);
      return next;
    }
  }

  @Setup
  public void setUp() {
    if (Integer.bitCount(hashedBins) != 1 || hashedBins > 65_536) {
      throw new IllegalArgumentException("hashedBins must be a power of two up to 65536, got " + hashedBins);
    }
    List<TargetFile> targets = BenchData.pypiTargets(PATHS, Seeds.MATCHING);
    paths = targets.stream().map(TargetFile::path).toArray(String[]::new);
    binIndexes = new long[PATHS];
    for (int i = 0; i < PATHS; i++) {
      binIndexes[i] = DelegationMatching.succinctBinIndex(paths[i], bitLength);
    }
    List<String> keyids = List.of("0".repeat(64));
    succinct = Delegations.succinct(Map.of(), new SuccinctRoles(keyids, 1, bitLength, Pep458Repository.BIN_PREFIX));
    hashed = Delegations.of(Map.of(), hashedBinRoles(hashedBins, keyids));
    onePrefixList = hashedBinRoles(hashedBins, keyids).get(hashedBins / 2).pathHashPrefixes();
    // Every path must land in exactly one hashed bin, as in PEP 458.
    for (String p : paths) {
      if (hashed.rolesForTarget(p).size() != 1) {
        throw new IllegalStateException("not exactly one hashed bin for " + p);
      }
    }
  }

  /** python-tuf's hashed bins: 4-digit hex prefixes split evenly, roles named by their range. */
  static List<DelegatedRole> hashedBinRoles(int bins, List<String> keyids) {
    int prefixes = 65_536;
    int perBin = prefixes / bins;
    List<DelegatedRole> roles = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      List<String> mine = new ArrayList<>(perBin);
      for (int p = b * perBin; p < (b + 1) * perBin; p++) {
        mine.add(String.format("%04x", p));
      }
      String name = mine.get(0) + "-" + mine.get(perBin - 1);
      roles.add(new DelegatedRole(name, keyids, 1, false, null, mine, JsonObject.EMPTY));
    }
    return roles;
  }

  @Benchmark
  public long succinctBinIndex(Cursor c) {
    return DelegationMatching.succinctBinIndex(paths[c.next()], bitLength);
  }

  @Benchmark
  public String succinctBinName(Cursor c) {
    return DelegationMatching.succinctBinName(Pep458Repository.BIN_PREFIX, binIndexes[c.next()], bitLength);
  }

  @Benchmark
  public List<DelegationEntry> succinctRolesForTarget(Cursor c) {
    return succinct.rolesForTarget(paths[c.next()]);
  }

  @Benchmark
  public boolean pathPattern(Cursor c) {
    return DelegationMatching.matchesPathPattern(PATTERN, paths[c.next()]);
  }

  @Benchmark
  public boolean hashPrefix(Cursor c) {
    return DelegationMatching.matchesHashPrefix(onePrefixList, paths[c.next()]);
  }

  @Benchmark
  public List<DelegationEntry> hashedBinsRolesForTarget(Cursor c) {
    return hashed.rolesForTarget(paths[c.next()]);
  }
}
