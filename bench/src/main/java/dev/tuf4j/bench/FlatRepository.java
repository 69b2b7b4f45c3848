package dev.tuf4j.bench;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variant of the PEP 458 repository that sigstore-java's TUF client can read: no delegations,
 * every target listed by the top-level targets role (same PyPI-shaped targets, same Ed25519 keys
 * and hashes). sigstore-java reads {@code targets.json} only up to the length the snapshot gives
 * (about 99 KB without one), so this snapshot lists targets' length and SHA-256. Written with
 * tuf4j's metadata API under consistent-snapshot names; one target is a real file.
 */
final class FlatRepository {
  final Path dir;
  final String target;
  final int targetCount;
  final long targetsBytes;

  private FlatRepository(Path dir, String target, int targetCount, long targetsBytes) {
    this.dir = dir;
    this.target = target;
    this.targetCount = targetCount;
    this.targetsBytes = targetsBytes;
  }

  static FlatRepository build(Path dir, int targetCount, int targetSize, long seed) throws IOException {
    List<SigningKey> keys = BenchData.ed25519Keys(5, seed);
    List<SigningKey> online = keys.subList(4, 5);
    SeededRandom random = new SeededRandom(seed + 1);
    List<TargetFile> files = new ArrayList<>(targetCount);
    for (int i = 1; i < targetCount; i++) {
      files.add(MacroRepository.pypiTarget(random));
    }
    byte[] content = new byte[targetSize];
    random.nextBytes(content);
    String blake2b = Hex.encode(Digester.digest(HashAlgorithm.BLAKE2B_256, content));
    String sha256 = Hex.encode(Digester.digest(HashAlgorithm.SHA256, content));
    String path = MacroRepository.pypiPath(blake2b, "flat-1.0.0-py3-none-any.whl");
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("blake2b-256", blake2b);
    hashes.put("sha256", sha256);
    files.add(files.size() / 2, new TargetFile(path, content.length, hashes));

    Path metadata = Files.createDirectories(dir.resolve("metadata"));
    Path targetDir = Files.createDirectories(dir.resolve("targets").resolve(path.substring(0, path.lastIndexOf('/'))));
    String baseName = path.substring(path.lastIndexOf('/') + 1);
    for (String hash : hashes.values()) { // consistent snapshots: one copy per listed hash
      Files.write(targetDir.resolve(hash + "." + baseName), content);
    }
    byte[] root = BenchData.signedBy(BenchData.root(keys.subList(0, 3), 2, online, online, keys.subList(3, 4), 1),
        keys.subList(0, 2)).toBytes();
    Files.write(metadata.resolve("1.root.json"), root);
    Files.write(metadata.resolve("root.json"), root);
    byte[] targets = BenchData.signedBy(BenchData.targets(files, 1), keys.subList(3, 4)).toBytes();
    Files.write(metadata.resolve("1.targets.json"), targets);
    MetaFile targetsMeta = new MetaFile(1, (long) targets.length,
        Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, targets))), JsonObject.EMPTY);
    byte[] snapshot = BenchData.signedBy(Snapshot.of(1, BenchData.EXPIRES, Map.of("targets.json", targetsMeta)),
        online).toBytes();
    Files.write(metadata.resolve("1.snapshot.json"), snapshot);
    MetaFile snapshotMeta = new MetaFile(1, (long) snapshot.length,
        Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, snapshot))), JsonObject.EMPTY);
    Files.write(metadata.resolve("timestamp.json"),
        BenchData.signedBy(Timestamp.of(1, BenchData.EXPIRES, snapshotMeta), online).toBytes());
    return new FlatRepository(dir, path, targetCount, targets.length);
  }

  byte[] trustedRoot() throws IOException {
    return Files.readAllBytes(dir.resolve("metadata").resolve("1.root.json"));
  }
}
