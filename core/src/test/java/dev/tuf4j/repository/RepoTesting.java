package dev.tuf4j.repository;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.crypto.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Keys, clocks, a folder-serving fetcher and a client for repository tests. */
final class RepoTesting {
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  static final URI METADATA_URL = URI.create("https://repo.test/metadata/");
  static final URI TARGETS_URL = URI.create("https://repo.test/targets/");

  private RepoTesting() {}

  /** A deterministic Ed25519 key for {@code name}. */
  static SigningKey key(String name) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(("repository-test-key-" + name).getBytes(StandardCharsets.UTF_8));
      return SigningKey.generate(KeyType.ED25519, r);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A signer that counts its signatures. */
  static final class CountingSigner implements Signer {
    final Signer inner;
    final AtomicInteger count = new AtomicInteger();

    CountingSigner(Signer inner) {
      this.inner = inner;
    }

    @Override
    public PublicKey publicKey() {
      return inner.publicKey();
    }

    @Override
    public byte[] sign(byte[] message) {
      count.incrementAndGet();
      return inner.sign(message);
    }
  }

  /**
   * Serves a published folder the way a static web server does: the URL path below the base is
   * percent-decoded segment by segment and read from {@code <root>/metadata} or {@code
   * <root>/targets}; a missing file is a 404. Records every request.
   */
  static final class FolderFetcher implements Fetcher {
    final Path root;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    FolderFetcher(Path root) {
      this.root = root;
    }

    @Override
    public void fetch(URI uri, long maxLength, OutputStream sink) throws DownloadException, StorageException {
      String s = uri.toString();
      Path file;
      if (s.startsWith(METADATA_URL.toString())) {
        file = resolve(root.resolve("metadata"), s.substring(METADATA_URL.toString().length()));
      } else if (s.startsWith(TARGETS_URL.toString())) {
        file = resolve(root.resolve("targets"), s.substring(TARGETS_URL.toString().length()));
      } else {
        throw new IllegalArgumentException("not a test URL: " + uri);
      }
      requests.add(s.substring("https://repo.test/".length()));
      try (InputStream in = Files.newInputStream(file)) {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxLength + 1));
        if (body.length > maxLength) {
          sink.write(body, 0, (int) maxLength);
          throw new LengthExceededException(uri, maxLength);
        }
        sink.write(body);
      } catch (NoSuchFileException e) {
        throw new HttpStatusException(uri, 404);
      } catch (IOException e) {
        throw new StorageException(file, "test fetcher failed", e);
      }
    }

    private static Path resolve(Path base, String encoded) {
      Path p = base;
      for (String segment : encoded.split("/", -1)) {
        p = p.resolve(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
      return p;
    }
  }

  /** A client of the published folder {@code repoDir}, trusting its {@code 1.root.json}. */
  static Updater client(Path repoDir, Path clientDir, Clock clock) throws IOException {
    return client(repoDir, clientDir, clock, Files.readAllBytes(repoDir.resolve("metadata/1.root.json")));
  }

  static Updater client(Path repoDir, Path clientDir, Clock clock, byte[] trustedRoot) throws IOException {
    Files.createDirectories(clientDir.resolve("metadata"));
    return Updater.builder()
        .metadataBaseUrl(METADATA_URL)
        .targetBaseUrl(TARGETS_URL)
        .metadataDir(clientDir.resolve("metadata"))
        .targetDir(clientDir.resolve("targets"))
        .fetcher(new FolderFetcher(repoDir))
        .clock(clock)
        .trustedRoot(trustedRoot)
        .build();
  }

  /**
   * A published repository with distinct keys: root 2 of 3, targets and bins (and claimed)
   * offline, one online key for the rest.
   */
  static final class Fixture {
    final Path dir;
    final MutableClock clock = new MutableClock(NOW);
    final SigningKey root1 = key("root1");
    final SigningKey root2 = key("root2");
    final SigningKey root3 = key("root3");
    final SigningKey targetsKey = key("targets");
    final SigningKey binsKey = key("bins");
    final SigningKey claimedKey = key("claimed");
    final CountingSigner online = new CountingSigner(key("online"));
    final RepositoryConfig config;
    final RepositoryStorage storage;
    Repository repo;

    Fixture(Path dir, RepositoryConfig config) throws Exception {
      this(dir, config, FileSystemStorage.create(dir, false));
    }

    Fixture(Path dir, RepositoryConfig config, RepositoryStorage storage) throws Exception {
      this.dir = dir;
      this.config = config;
      this.storage = storage;
      repo = Repository.create(config, keys(), storage, clock, List.of(online));
    }

    Map<RoleKind, RoleKeys> keys() {
      Map<RoleKind, RoleKeys> k = new EnumMap<>(RoleKind.class);
      k.put(RoleKind.ROOT, RoleKeys.of(2, root1.publicKey(), root2.publicKey(), root3.publicKey()));
      k.put(RoleKind.TARGETS, RoleKeys.of(targetsKey.publicKey()));
      k.put(RoleKind.BINS, RoleKeys.of(binsKey.publicKey()));
      k.put(RoleKind.SNAPSHOT, RoleKeys.of(online.publicKey()));
      k.put(RoleKind.TIMESTAMP, RoleKeys.of(online.publicKey()));
      k.put(RoleKind.BIN, RoleKeys.of(online.publicKey()));
      k.put(RoleKind.CLAIMED, RoleKeys.of(claimedKey.publicKey()));
      k.put(RoleKind.RECENTLY_CLAIMED, RoleKeys.of(online.publicKey()));
      return k;
    }

    /** Signs every pending offline version with the keys held here (root: 1 and 2). */
    Fixture signOffline() {
      for (SignatureStatus st : repo.pendingSignatures()) {
        String role = st.role();
        if (role.equals("root")) {
          for (SigningKey k : List.of(root1, root2)) {
            if (st.missingKeyids().contains(k.publicKey().keyId())) {
              repo.sign(role, k);
            }
          }
        } else if (role.equals("targets")) {
          repo.sign(role, targetsKey);
        } else if (role.equals("claimed")) {
          repo.sign(role, claimedKey);
        } else {
          repo.sign(role, binsKey);
        }
      }
      return this;
    }

    PublishResult publish() throws Exception {
      return repo.publisher().publish();
    }

    Updater client(Path clientDir) throws IOException {
      return RepoTesting.client(dir, clientDir, clock);
    }

    Repository reopen() throws StorageException {
      repo = Repository.open(config, storage, clock, List.of(online));
      return repo;
    }
  }

  static RepositoryConfig smallConfig(int bins) {
    return RepositoryConfig.builder().binCount(bins).build();
  }
}
