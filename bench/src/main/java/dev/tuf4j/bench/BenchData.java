package dev.tuf4j.bench;

import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark data made by tuf4j's own main API from fixed seeds: the same seed gives the same
 * keys, the same metadata and so the same bytes on every run and machine.
 */
final class BenchData {
  /** The benchmarks' fixed "now"; every expiry is after it, so nothing is ever expired. */
  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  /** A far expiry for every role (PEP 458 gives online roles a day; irrelevant here). */
  static final Instant EXPIRES = NOW.plus(365, ChronoUnit.DAYS);

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private BenchData() {}

  /** {@code count} Ed25519 keys drawn from {@code seed}. */
  static List<SigningKey> ed25519Keys(int count, long seed) {
    SeededRandom random = new SeededRandom(seed);
    List<SigningKey> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(SigningKey.generate(KeyType.ED25519, random));
    }
    return keys;
  }

  /** keyid to metadata key, in the order given. */
  static Map<String, Key> keyMap(List<SigningKey> keys) {
    Map<String, Key> out = new LinkedHashMap<>();
    for (SigningKey k : keys) {
      out.put(k.publicKey().keyId(), Key.of(k.publicKey()));
    }
    return out;
  }

  static List<String> keyIds(List<SigningKey> keys) {
    return keys.stream().map(k -> k.publicKey().keyId()).toList();
  }

  /**
   * {@code count} target files shaped like PyPI's: path {@code ab/cd/<60 hex>/<file name>} where
   * the hex is the BLAKE2b-256 digest PyPI names the file by, {@code sha256} and {@code
   * blake2b-256} hashes, a length, and a {@code custom} object with two fields. The digests are
   * random hex, not digests of real files: nothing here downloads a target.
   */
  static List<TargetFile> pypiTargets(int count, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Map<String, TargetFile> files = new LinkedHashMap<>();
    while (files.size() < count) {
      String blake2b = randomHex(random, 32);
      String project = randomName(random);
      String fileName =
          project
              + "-"
              + random.between(0, 30)
              + "."
              + random.between(0, 20)
              + "."
              + random.between(0, 10)
              + (random.between(0, 2) == 0 ? "-py3-none-any.whl" : ".tar.gz");
      String path =
          blake2b.substring(0, 2)
              + "/"
              + blake2b.substring(2, 4)
              + "/"
              + blake2b.substring(4)
              + "/"
              + fileName;
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put("blake2b-256", blake2b);
      hashes.put("sha256", randomHex(random, 32));
      JsonObject custom =
          JsonObject.builder()
              .put("requires_python", ">=3." + random.between(6, 13))
              .put("yanked", JsonBoolean.of(random.between(0, 50) == 0))
              .build();
      files.put(
          path,
          new TargetFile(path, random.between(1_000L, 50_000_000L), hashes, custom, JsonObject.EMPTY));
    }
    return new ArrayList<>(files.values());
  }

  /** Targets metadata listing {@code files}, without delegations. */
  static Targets targets(List<TargetFile> files, long version) {
    return Targets.of(version, EXPIRES).withTargets(files);
  }

  /** {@code signed}, signed by every key in {@code keys}. */
  static <T extends Signed> Metadata<T> signedBy(T signed, List<SigningKey> keys) {
    Metadata<T> m = Metadata.of(signed);
    for (SigningKey k : keys) {
      m = m.sign(k);
    }
    return m;
  }

  /**
   * A version 1 root (consistent snapshots on) with these keys per top-level role and
   * threshold; keys may be shared between roles.
   */
  static Root root(
      List<SigningKey> rootKeys,
      int rootThreshold,
      List<SigningKey> timestampKeys,
      List<SigningKey> snapshotKeys,
      List<SigningKey> targetsKeys,
      int targetsThreshold) {
    Map<String, Key> keys = new LinkedHashMap<>();
    for (List<SigningKey> group : List.of(rootKeys, timestampKeys, snapshotKeys, targetsKeys)) {
      keys.putAll(keyMap(group));
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    roles.put(Root.TYPE, new Role(keyIds(rootKeys), rootThreshold));
    roles.put("timestamp", new Role(keyIds(timestampKeys), 1));
    roles.put("snapshot", new Role(keyIds(snapshotKeys), 1));
    roles.put(Targets.TYPE, new Role(keyIds(targetsKeys), targetsThreshold));
    return Root.of(EXPIRES, keys, roles);
  }

  static String randomHex(SeededRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Hex.encode(b);
  }

  private static String randomName(SeededRandom random) {
    int length = random.between(4, 15);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(LETTERS.charAt(random.between(0, LETTERS.length())));
    }
    return s.toString();
  }
}
