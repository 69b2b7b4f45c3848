package dev.tuf4j.bench;

import dev.tuf4j.TufException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.repository.FileSystemStorage;
import dev.tuf4j.repository.PublishResult;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.RepositoryConfig;
import dev.tuf4j.repository.RoleKeys;
import dev.tuf4j.repository.RoleKind;
import dev.tuf4j.repository.SignatureStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A PEP 458 repository built on disk with tuf4j's repository API ({@link Repository}, {@link
 * FileSystemStorage}): targets, bins and {@code bins} signed offline, timestamp, snapshot and
 * every {@code bin-n} (TAP 15 succinct) by one online key. Targets carry PyPI-shaped paths
 * ({@code packages/xx/yy/<60 hex>/<name>-<version>-py3-none-any.whl}, the hex being the
 * BLAKE2b-256 PyPI names the file by), sha256 and blake2b-256, and a length. All of them are
 * info only, except the files added by {@link #uploadFile}, which exist and can be downloaded.
 *
 * <p>Keys and targets come from a seed; the system clock dates the metadata (clients run at once,
 * with their own clocks).
 */
final class MacroRepository {
  private final Path dir;
  private final Repository repo;
  private final SeededRandom random;
  private final SigningKey root1;
  private final SigningKey root2;
  private final SigningKey offline;
  private int uploads;

  private MacroRepository(Path dir, Repository repo, SeededRandom random, List<SigningKey> keys) {
    this.dir = dir;
    this.repo = repo;
    this.random = random;
    this.root1 = keys.get(0);
    this.root2 = keys.get(1);
    this.offline = keys.get(3);
  }

  /**
   * A new repository in {@code dir} (which must not hold one) with {@code bins} empty bins,
   * nothing published yet.
   */
  static MacroRepository create(Path dir, int bins, long expectedTargets, boolean durable, long seed)
      throws TufException {
    // root: 3 keys, threshold 2; targets and bins: one offline key; one online key for the rest.
    List<SigningKey> keys = BenchData.ed25519Keys(5, seed);
    Map<RoleKind, RoleKeys> roles = new EnumMap<>(RoleKind.class);
    roles.put(RoleKind.ROOT, RoleKeys.of(2, keys.get(0).publicKey(), keys.get(1).publicKey(), keys.get(2).publicKey()));
    roles.put(RoleKind.TARGETS, RoleKeys.of(keys.get(3).publicKey()));
    roles.put(RoleKind.BINS, RoleKeys.of(keys.get(3).publicKey()));
    for (RoleKind k : List.of(RoleKind.SNAPSHOT, RoleKind.TIMESTAMP, RoleKind.BIN, RoleKind.RECENTLY_CLAIMED,
        RoleKind.CLAIMED)) {
      roles.put(k, RoleKeys.of(keys.get(4).publicKey()));
    }
    RepositoryConfig config =
        RepositoryConfig.builder().binCount(bins).expectedTargets(Math.max(1, expectedTargets)).build();
    Repository repo =
        Repository.create(config, roles, FileSystemStorage.create(dir, durable), Clock.systemUTC(), List.of(keys.get(4)));
    return new MacroRepository(dir, repo, new SeededRandom(seed + 1), keys);
  }

  /** Signs the pending offline versions (root with two of its three keys) and publishes all. */
  PublishResult publishAll() throws TufException {
    for (SignatureStatus st : repo.pendingSignatures()) {
      if (st.role().equals("root")) {
        repo.sign("root", root1);
        repo.sign("root", root2);
      } else {
        repo.sign(st.role(), offline);
      }
    }
    return repo.publisher().publish();
  }

  /** Adds {@code count} PyPI-shaped targets (info only), streamed, without publishing. */
  void addTargets(long count) throws TufException {
    repo.addTargets(new Iterator<TargetFile>() {
      long left = count;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public TargetFile next() {
        if (left-- <= 0) {
          throw new NoSuchElementException();
        }
        return pypiTarget(random);
      }
    });
  }

  /** {@code count} new PyPI-shaped targets (info only) as one batch, then an online publish. */
  PublishResult uploadBatch(int count) throws TufException {
    List<TargetFile> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(pypiTarget(random));
    }
    repo.addTargets(batch);
    return repo.publisher().publishOnline();
  }

  /**
   * One upload of a real file ({@code size} seeded bytes under {@code work}): its hashes are
   * computed, it is copied into the published tree, and timestamp, snapshot and its bin are
   * published (or everything, before the first publish).
   *
   * @return the new target's path
   */
  String uploadFile(Path work, int size, boolean publish) throws TufException, IOException {
    byte[] content = new byte[size];
    random.nextBytes(content);
    Path file = Files.createDirectories(work).resolve("upload-" + uploads + ".whl");
    Files.write(file, content);
    String name = "bench-" + uploads++ + "." + random.between(0, 100) + "-py3-none-any.whl";
    String blake2b = dev.tuf4j.crypto.Hex.encode(
        dev.tuf4j.crypto.Digester.digest(dev.tuf4j.crypto.HashAlgorithm.BLAKE2B_256, content));
    String path = pypiPath(blake2b, name);
    repo.addTargetFiles(Map.of(path, file), null);
    if (publish) {
      repo.publisher().publishOnline();
    }
    return path;
  }

  Path metadataDir() {
    return dir.resolve("metadata");
  }

  Path targetsDir() {
    return dir.resolve("targets");
  }

  /** The published {@code 1.root.json}: the root clients ship. */
  byte[] trustedRoot() throws IOException {
    return Files.readAllBytes(metadataDir().resolve("1.root.json"));
  }

  /** Bytes of every file under the repository folder. */
  long bytesOnDisk() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
  }

  /**
   * Sizes of the current metadata: root, timestamp, snapshot, targets, bins, and the median and
   * largest {@code bin-n}, read from the folder (the versions the current snapshot names).
   */
  Map<String, Long> metadataSizes() throws IOException {
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("root", Files.size(metadataDir().resolve("root.json")));
    sizes.put("timestamp", Files.size(metadataDir().resolve("timestamp.json")));
    sizes.put("snapshot", Files.size(metadataDir().resolve(repo.publishedVersion("snapshot") + ".snapshot.json")));
    sizes.put("targets", Files.size(metadataDir().resolve(repo.publishedVersion("targets") + ".targets.json")));
    sizes.put("bins", Files.size(metadataDir().resolve(repo.publishedVersion("bins") + ".bins.json")));
    int count = repo.config().binCount();
    String prefix = repo.config().binNamePrefix();
    int digits = Integer.toHexString(count - 1).length();
    long[] bins = new long[count];
    for (int i = 0; i < count; i++) {
      String role = prefix + "-" + String.format("%0" + digits + "x", i);
      bins[i] = Files.size(metadataDir().resolve(repo.publishedVersion(role) + "." + role + ".json"));
    }
    java.util.Arrays.sort(bins);
    sizes.put("bin (median)", bins[count / 2]);
    sizes.put("bin (largest)", bins[count - 1]);
    return sizes;
  }

  /** A PyPI-shaped target: path named by its BLAKE2b-256, random hashes and a length. */
  static TargetFile pypiTarget(SeededRandom random) {
    String blake2b = BenchData.randomHex(random, 32);
    String name = randomName(random) + "-" + random.between(0, 30) + "." + random.between(0, 20) + "."
        + random.between(0, 10) + "-py3-none-any.whl";
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("blake2b-256", blake2b);
    hashes.put("sha256", BenchData.randomHex(random, 32));
    return new TargetFile(pypiPath(blake2b, name), random.between(1_000L, 50_000_000L), hashes);
  }

  /** PyPI's layout: {@code packages/<2 hex>/<2 hex>/<60 hex>/<file name>}. */
  static String pypiPath(String blake2b, String fileName) {
    return "packages/" + blake2b.substring(0, 2) + "/" + blake2b.substring(2, 4) + "/" + blake2b.substring(4)
        + "/" + fileName;
  }

  private static String randomName(SeededRandom random) {
    int length = random.between(4, 15);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.between(0, 26)));
    }
    return s.toString();
  }
}
