package dev.tuf4j.bench;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.SuccinctRoles;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PEP 458 repository with TAP 15 succinct hash bins, built in memory from a seed: every
 * metadata file as the bytes a server would publish, under its consistent-snapshot name ({@code
 * 1.root.json}, {@code timestamp.json}, {@code V.snapshot.json}, {@code V.targets.json}, {@code
 * V.bins-0a3f.json}).
 *
 * <p>Layout: root (3 offline keys, threshold 2) delegates to targets (1 offline key), which
 * delegates succinctly to {@code 2^bitLength} bins named {@code bins-XXXX}. Timestamp, snapshot
 * and all bins share one online key, as the Repository Service for TUF signs them. The snapshot
 * lists targets and every bin, version only (python-tuf's default); the timestamp lists the
 * snapshot's version, length and SHA-256. Bin versions are up to six digits, as for bins that
 * were re-signed many times; with 16,384 bins that makes a snapshot of about 600 KB.
 */
public final class Pep458Repository {
  /** The succinct bins' {@code name_prefix}. */
  public static final String BIN_PREFIX = "bins";

  private final int bitLength;
  private final Map<String, byte[]> files;
  private final byte[] rootBytes;
  private final List<String> targetPaths;
  private final SuccinctRoles bins;

  private Pep458Repository(
      int bitLength, Map<String, byte[]> files, byte[] rootBytes, List<String> targetPaths, SuccinctRoles bins) {
    this.bitLength = bitLength;
    this.files = Collections.unmodifiableMap(files);
    this.rootBytes = rootBytes;
    this.targetPaths = List.copyOf(targetPaths);
    this.bins = bins;
  }

  /**
   * Builds the repository: {@code 2^bitLength} bins holding {@code targetCount} PyPI-shaped
   * targets between them, every file signed.
   */
  public static Pep458Repository build(int bitLength, int targetCount, long seed) {
    Keys keys = new Keys(seed);
    SuccinctRoles bins = new SuccinctRoles(BenchData.keyIds(keys.online), 1, bitLength, BIN_PREFIX);
    List<TargetFile> targets = BenchData.pypiTargets(targetCount, seed + 1);
    Map<String, List<TargetFile>> byBin = new HashMap<>();
    for (TargetFile t : targets) {
      byBin.computeIfAbsent(bins.roleForTarget(t.path()), k -> new ArrayList<>()).add(t);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    long[] binVersions = binVersions(bitLength, seed + 2);
    Map<String, MetaFile> snapshotMeta = new LinkedHashMap<>();
    long targetsVersion = 7;
    snapshotMeta.put("targets.json", MetaFile.ofVersion(targetsVersion));
    for (int i = 0; i < binVersions.length; i++) {
      String name = bins.binName(i);
      Targets bin = BenchData.targets(byBin.getOrDefault(name, List.of()), binVersions[i]);
      files.put(binVersions[i] + "." + name + ".json", BenchData.signedBy(bin, keys.online).toBytes());
      snapshotMeta.put(name + ".json", MetaFile.ofVersion(binVersions[i]));
    }
    Targets top =
        BenchData.targets(List.of(), targetsVersion)
            .withDelegations(Delegations.succinct(BenchData.keyMap(keys.online), bins));
    files.put(targetsVersion + ".targets.json", BenchData.signedBy(top, keys.targets).toBytes());
    long snapshotVersion = 4321;
    byte[] snapshot = snapshotBytes(snapshotVersion, snapshotMeta, keys.online);
    files.put(snapshotVersion + ".snapshot.json", snapshot);
    Timestamp timestamp =
        Timestamp.of(
            98765,
            BenchData.EXPIRES,
            new MetaFile(
                snapshotVersion,
                (long) snapshot.length,
                Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, snapshot))),
                JsonObject.EMPTY));
    files.put("timestamp.json", BenchData.signedBy(timestamp, keys.online).toBytes());
    byte[] root = BenchData.signedBy(keys.root(), keys.root).toBytes();
    files.put("1.root.json", root);
    return new Pep458Repository(
        bitLength, files, root, targets.stream().map(TargetFile::path).toList(), bins);
  }

  /**
   * Just the snapshot of a repository with {@code 2^bitLength} bins (same shape, keys and sizes as
   * {@link #build}'s, without building the bins).
   */
  public static byte[] snapshotOnly(int bitLength, long seed) {
    Keys keys = new Keys(seed);
    SuccinctRoles bins = new SuccinctRoles(BenchData.keyIds(keys.online), 1, bitLength, BIN_PREFIX);
    long[] binVersions = binVersions(bitLength, seed + 2);
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    meta.put("targets.json", MetaFile.ofVersion(7));
    for (int i = 0; i < binVersions.length; i++) {
      meta.put(bins.binName(i) + ".json", MetaFile.ofVersion(binVersions[i]));
    }
    return snapshotBytes(4321, meta, keys.online);
  }

  private static byte[] snapshotBytes(long version, Map<String, MetaFile> meta, List<SigningKey> online) {
    return BenchData.signedBy(Snapshot.of(version, BenchData.EXPIRES, meta), online).toBytes();
  }

  private static long[] binVersions(int bitLength, long seed) {
    SeededRandom random = new SeededRandom(seed);
    long[] versions = new long[1 << bitLength];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = random.between(10_000L, 1_000_000L);
    }
    return versions;
  }

  /** The bit length of the succinct delegation: {@code 2^bitLength} bins. */
  public int bitLength() {
    return bitLength;
  }

  /** Every metadata file, by its name relative to the metadata base URL. */
  public Map<String, byte[]> files() {
    return files;
  }

  /** The root the client ships (version 1); also published as {@code 1.root.json}. */
  public byte[] trustedRoot() {
    return rootBytes.clone();
  }

  /** Every target path, in generation order. */
  public List<String> targetPaths() {
    return targetPaths;
  }

  /** The published bytes of {@code timestamp.json}. */
  public byte[] timestamp() {
    return files.get("timestamp.json");
  }

  /** The published bytes of the current snapshot. */
  public byte[] snapshot() {
    return uniqueFile(".snapshot.json");
  }

  /** The published bytes of the current top-level targets. */
  public byte[] targets() {
    return uniqueFile(".targets.json");
  }

  /** The name of the bin a target path belongs to, e.g. {@code bins-0a3f}. */
  public String binFor(String targetPath) {
    return bins.roleForTarget(targetPath);
  }

  /** The published bytes of the bin {@code targetPath} belongs to. */
  public byte[] binBytesFor(String targetPath) {
    return uniqueFile("." + binFor(targetPath) + ".json");
  }

  private byte[] uniqueFile(String suffix) {
    byte[] found = null;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String name = e.getKey();
      int dot = name.indexOf('.');
      if (dot > 0 && name.substring(dot).equals(suffix)) {
        if (found != null) {
          throw new IllegalStateException("two files end in " + suffix);
        }
        found = e.getValue();
      }
    }
    if (found == null) {
      throw new IllegalStateException("no file ends in " + suffix);
    }
    return found;
  }

  /** The repository's keys, all Ed25519, all from the seed. */
  private static final class Keys {
    final List<SigningKey> root;
    final List<SigningKey> targets;
    final List<SigningKey> online;

    Keys(long seed) {
      List<SigningKey> all = BenchData.ed25519Keys(5, seed);
      root = all.subList(0, 3);
      targets = all.subList(3, 4);
      online = all.subList(4, 5);
    }

    Root root() {
      return BenchData.root(root, 2, online, online, targets, 1);
    }
  }
}
