package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.repository.FileSystemStorage;
import dev.tuf4j.repository.PublishResult;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.RepositoryConfig;
import dev.tuf4j.repository.RoleKeys;
import dev.tuf4j.repository.RoleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The repository side of {@code tuf4j demo}: a PEP 458 repository with succinct hash bins,
 * written to a folder that {@link ServeServer} serves, and the operator's (and an attacker's)
 * changes to it. Keys are fresh Ed25519 keys from a {@link SecureRandom}; they live only in this
 * process. The repository's clock can be set back, which is how it signs an expired snapshot.
 */
final class DemoRepository {
  /** Timestamp stays valid for a week, so that a snapshot signed two days ago has expired but its timestamp has not. */
  private static final Duration TIMESTAMP_EXPIRY = Duration.ofDays(7);

  private final Path folder;
  private final Path uploads;
  private final ShiftedClock clock;
  private final Repository repository;
  private final SecureRandom random;
  private SigningKey rootKey;
  private final List<String> targetPaths;
  private final PublishResult first;

  private DemoRepository(Path folder, Path uploads, ShiftedClock clock, Repository repository, SecureRandom random,
      SigningKey rootKey, List<String> targetPaths, PublishResult first) {
    this.folder = folder;
    this.uploads = uploads;
    this.clock = clock;
    this.repository = repository;
    this.random = random;
    this.rootKey = rootKey;
    this.targetPaths = targetPaths;
    this.first = first;
  }

  /** The five keys of a PEP 458 repository: root, targets and bins offline; one online key. */
  record Keys(SigningKey root, SigningKey targets, SigningKey bins, SigningKey online) {
    static Keys generate(SecureRandom random) {
      return new Keys(SigningKey.generate(KeyType.ED25519, random), SigningKey.generate(KeyType.ED25519, random),
          SigningKey.generate(KeyType.ED25519, random), SigningKey.generate(KeyType.ED25519, random));
    }
  }

  /**
   * Creates the repository under {@code work/repository} with {@code targetCount} target files
   * (made under {@code work/uploads}), signs the offline roles and publishes version 1.
   */
  static DemoRepository create(Path work, Keys keys, int binCount, int targetCount, boolean durable,
      SecureRandom random) throws TufException, IOException {
    Path folder = work.resolve("repository");
    Path uploads = work.resolve("uploads");
    ShiftedClock clock = new ShiftedClock();
    RepositoryConfig config = RepositoryConfig.builder()
        .binCount(binCount)
        .expiry(RoleKind.TIMESTAMP, TIMESTAMP_EXPIRY)
        .expectedTargets(targetCount)
        .build();
    Map<RoleKind, RoleKeys> roleKeys = new EnumMap<>(RoleKind.class);
    roleKeys.put(RoleKind.ROOT, RoleKeys.of(keys.root().publicKey()));
    roleKeys.put(RoleKind.TARGETS, RoleKeys.of(keys.targets().publicKey()));
    roleKeys.put(RoleKind.BINS, RoleKeys.of(keys.bins().publicKey()));
    roleKeys.put(RoleKind.SNAPSHOT, RoleKeys.of(keys.online().publicKey()));
    roleKeys.put(RoleKind.TIMESTAMP, RoleKeys.of(keys.online().publicKey()));
    roleKeys.put(RoleKind.BIN, RoleKeys.of(keys.online().publicKey()));
    Repository repository = Repository.create(config, roleKeys, FileSystemStorage.create(folder, durable), clock,
        List.of(keys.online()));

    Map<String, Path> files = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>(targetCount);
    for (int i = 0; i < targetCount; i++) {
      String path = String.format("packages/demo-%05d/demo_%05d-1.0-py3-none-any.whl", i, i);
      files.put(path, writeUpload(uploads, path, content(i)));
      paths.add(path);
    }
    repository.addTargetFiles(files, null);
    repository.sign("root", keys.root());
    repository.sign("targets", keys.targets());
    repository.sign(config.roleName(RoleKind.BINS), keys.bins());
    PublishResult first = repository.publisher().publish();
    return new DemoRepository(folder, uploads, clock, repository, random, keys.root(), List.copyOf(paths), first);
  }

  /** What the first publish wrote. */
  PublishResult firstPublish() {
    return first;
  }

  /** The served folder: {@code metadata/} and {@code targets/}. */
  Path folder() {
    return folder;
  }

  List<String> targetPaths() {
    return targetPaths;
  }

  /** The file a target was made from, to compare a download with. */
  Path upload(String targetPath) {
    return uploads.resolve(targetPath);
  }

  /** Adds one target and publishes: new bin, snapshot and timestamp versions. */
  PublishResult release(String targetPath, byte[] content) throws TufException, IOException {
    Path file = writeUpload(uploads, targetPath, content);
    repository.addTargetFiles(Map.of(targetPath, file), null);
    return repository.publisher().publishOnline();
  }

  /**
   * Publishes {@code targetPath} with new content as if it were {@code shift} from now (negative:
   * in the past): its bin, snapshot and timestamp get versions signed "then". Only one bin is
   * re-signed, where a bump of every online role's expiry would read all of them.
   */
  PublishResult releaseAt(Duration shift, String targetPath, byte[] content) throws TufException, IOException {
    clock.shift = shift;
    try {
      return release(targetPath, content);
    } finally {
      clock.shift = Duration.ZERO;
    }
  }

  /**
   * Root key rotation (spec 5.3.4 on the client side): the next root trusts a new key only and
   * is signed by the old key and the new one; publishes it. Returns the new key.
   */
  PublicKey rotateRootKey() throws TufException {
    SigningKey next = SigningKey.generate(KeyType.ED25519, random);
    repository.rotateRootKeys(RoleKeys.of(next.publicKey()));
    repository.sign("root", rootKey);
    repository.sign("root", next);
    repository.publisher().publish();
    rootKey = next;
    return next.publicKey();
  }

  long publishedVersion(String role) {
    return repository.publishedVersion(role);
  }

  /** A published metadata file, as the server sends it. */
  byte[] metadata(String name) throws IOException {
    return Files.readAllBytes(folder.resolve("metadata").resolve(name));
  }

  /** Replaces a published metadata file behind the repository's back: what an attacker on the server does. */
  void overwriteMetadata(String name, byte[] bytes) throws IOException {
    Files.write(folder.resolve("metadata").resolve(name), bytes);
  }

  /**
   * The served files of a target: one per listed hash under consistent snapshots ({@code
   * dir/HASH.name}); they may be hard links to one another.
   */
  List<Path> servedFiles(TargetFile info) {
    String path = info.path();
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    String base = path.substring(slash + 1);
    List<Path> out = new ArrayList<>();
    for (String hash : info.hashes().values()) {
      out.add(folder.resolve("targets").resolve(dir + hash + "." + base));
    }
    return out;
  }

  /** Deterministic content of target {@code i}: 1 to 4 KiB. */
  static byte[] content(int i) {
    SplittableRandom r = new SplittableRandom(i);
    byte[] b = new byte[1024 + r.nextInt(3 * 1024)];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static Path writeUpload(Path uploads, String targetPath, byte[] content) throws IOException {
    Path file = uploads.resolve(targetPath);
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  /** The system clock, shifted while the repository signs "in the past". */
  private static final class ShiftedClock extends Clock {
    volatile Duration shift = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the demo clock is UTC only");
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }
}
