package dev.tuf4j.client.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.TufException;
import dev.tuf4j.client.Fetcher;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.client.internal.Names;
import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Misbehaviour} against the whole {@link Updater} over real sockets, applied in turn
 * to each request of an update that follows a good one: the next root, the timestamp, the
 * snapshot, the top-level targets, a delegated role, and the target file.
 *
 * <p>Each case starts from a copy of the folders a first good update left (so there is trusted
 * state), runs refresh, look-up and download of a new target against a repository that has moved
 * on, and asserts: the typed error {@link Misbehaviour#updaterFailure} names; an end within the
 * bound in the test's name (the measured time is in the message and the MEASURE output line); no
 * more bytes buffered than the cap the updater asked for, and that cap no more than the config's
 * or the target's length; the metadata folder byte-for-byte what it was, except for the roles
 * verified before the hostile step (which the spec persists as it goes: 5.3.7, 5.4.5, 5.5.7,
 * 5.6.6) holding exactly the good new bytes; the target folder unchanged; and that a following
 * update against the repository behaving again succeeds.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileUpdaterCatalogueTest {
  private static final String OLD_TARGET = "packages/a-1.0.whl";
  private static final String NEW_TARGET = "packages/b-2.0.whl";
  private static final byte[] OLD_CONTENT = HostileFetcherCatalogueTest.randomBytes(1_000, 1);
  private static final byte[] NEW_CONTENT = HostileFetcherCatalogueTest.randomBytes(4_000, 2);
  /** Socket buffers on both sides plus the client's bounded prefetch. */
  private static final long WIRE_SLACK = 16L << 20;

  /** The requests of an update, in order, with the roles verified and stored before each. */
  enum Step {
    ROOT("next root", List.of()),
    TIMESTAMP("timestamp", List.of()),
    SNAPSHOT("snapshot", List.of("timestamp")),
    TARGETS("targets", List.of("timestamp", "snapshot")),
    DELEGATED("delegated role", List.of("timestamp", "snapshot", "targets")),
    TARGET_FILE("target file", List.of("timestamp", "snapshot", "targets", "project"));

    final String label;
    final List<String> storedBefore;

    Step(String label, List<String> storedBefore) {
      this.label = label;
      this.storedBefore = storedBefore;
    }

    /** The path the updater requests for this step from the repository as it is now. */
    String path() {
      boolean consistent = repo.root.consistentSnapshot();
      switch (this) {
        case ROOT:
          return "/metadata/" + (repo.signedRoots.size() + 1) + ".root.json";
        case TIMESTAMP:
          return "/metadata/timestamp.json";
        case SNAPSHOT:
          return "/metadata/" + repo.snapshot.version() + ".snapshot.json";
        case TARGETS:
          return "/metadata/" + repo.targets.get("targets").version() + ".targets.json";
        case DELEGATED:
          return "/metadata/" + repo.targets.get("project").version() + "."
              + Names.encodeRoleName("project") + ".json";
        default:
          String hash = Hex.encode(Digester.digest(HashAlgorithm.SHA256, NEW_CONTENT));
          return "/targets/" + TargetUrls.path(NEW_TARGET, consistent ? hash : null);
      }
    }

    /** The cap the updater must fetch this step with. */
    long cap() {
      switch (this) {
        case ROOT:
          return HostileSettings.CONFIG.rootMaxLength();
        case TIMESTAMP:
          return HostileSettings.CONFIG.timestampMaxLength();
        case SNAPSHOT:
          return HostileSettings.CONFIG.snapshotMaxLength();
        case TARGETS:
        case DELEGATED:
          return HostileSettings.CONFIG.targetsMaxLength();
        default:
          return NEW_CONTENT.length;
      }
    }
  }

  @TempDir static Path shared;
  static RepositorySimulator repo;
  static HostileRepositoryServer server;
  static HostileRepositoryServer elsewhere;
  static Path templateMetadata;
  static Path templateTargets;

  @BeforeAll
  static void firstGoodUpdate() throws Exception {
    repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("project", List.of(), 1, List.of("packages/*")));
    repo.addTarget("project", OLD_TARGET, OLD_CONTENT);
    repo.updateTargets("targets");
    server = HostileRepositoryServer.serving(repo);
    elsewhere = HostileRepositoryServer.serving(repo);

    templateMetadata = Files.createDirectories(shared.resolve("md"));
    templateTargets = shared.resolve("targets");
    Files.write(templateMetadata.resolve("root.json"), repo.signedRoots.get(0));
    try (HttpFetcher http = HostileSettings.fetcher()) {
      Updater u = updater(templateMetadata, templateTargets, http);
      u.refresh();
      u.download(u.targetInfo(OLD_TARGET).orElseThrow());
    }

    // The repository moves on: every role has a new version, and there is a new target.
    repo.addTarget("project", NEW_TARGET, NEW_CONTENT);
    repo.updateTargets("project");
    repo.updateTargets("targets");
  }

  @AfterAll
  static void stop() {
    server.close();
    elsewhere.close();
  }

  static Stream<Arguments> catalogue() {
    List<Arguments> out = new ArrayList<>();
    for (Step step : Step.values()) {
      for (Misbehaviour m : Misbehaviour.values()) {
        out.add(Arguments.of(step, m, step.label + ": " + m.label() + " -> "
            + m.updaterFailure(step == Step.TARGET_FILE).getSimpleName() + " in <= "
            + HostileFetcherCatalogueTest.seconds(bound(m))));
      }
    }
    return out.stream();
  }

  /** The fetch's own bound plus slack for the good requests and verification before it. */
  static Duration bound(Misbehaviour m) {
    return m.fetchBound().plus(HostileSettings.SLACK);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("catalogue")
  void endsTypedBoundedAndLeavesTrustedStateAlone(Step step, Misbehaviour m, String name, @TempDir Path tmp)
      throws Exception {
    Path md = copyTree(templateMetadata, tmp.resolve("md"));
    Path td = copyTree(templateTargets, tmp.resolve("targets"));
    Map<String, String> metadataBefore = hashes(md);
    Map<String, String> targetsBefore = hashes(td);
    String path = step.path();
    server.misbehave(path, m, elsewhere.uri("/"));
    int elsewhereBefore = elsewhere.goodHits();
    long wireBefore = server.bytesWritten();

    try (HttpFetcher http = HostileSettings.fetcher()) {
      CountingFetcher fetcher = new CountingFetcher(http);
      Updater u = updater(md, td, fetcher);
      long start = System.nanoTime();
      TufException e = assertThrows(TufException.class, () -> update(u));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      long wire = server.bytesWritten() - wireBefore;
      List<CountingFetcher.Call> hostileCalls = fetcher.calls().stream()
          .filter(c -> c.uri().getRawPath().equals(path)).toList();
      long buffered = hostileCalls.stream().mapToLong(CountingFetcher.Call::bytesToSink).max().orElse(-1);
      System.out.printf("MEASURE updater %-85s measured %5d ms, %6d bytes buffered (cap %d)%n",
          name, elapsed.toMillis(), buffered, step.cap());

      assertEquals(m.updaterFailure(step == Step.TARGET_FILE), e.getClass(), () -> name + ": " + e);
      assertTrue(elapsed.compareTo(bound(m)) <= 0,
          name + " (measured " + HostileFetcherCatalogueTest.seconds(elapsed) + ")");
      assertTrue(server.hostileHits() >= 1 && !hostileCalls.isEmpty(), "the hostile step was never reached");
      for (CountingFetcher.Call c : hostileCalls) {
        assertTrue(c.maxLength() <= step.cap(), "fetched with cap " + c.maxLength());
        assertTrue(c.bytesToSink() <= c.maxLength(), c.bytesToSink() + " bytes buffered");
      }
      assertTrue(wire <= step.cap() + WIRE_SLACK, "the server wrote " + wire + " bytes");
      assertEquals(elsewhereBefore, elsewhere.goodHits(), "a request reached the other origin");
    } finally {
      server.behave();
    }

    assertEquals(expectedMetadata(metadataBefore, step), withoutRefreshRecord(hashes(md), step),
        "the metadata folder");
    assertEquals(targetsBefore, hashes(td), "the target folder");

    try (HttpFetcher http = HostileSettings.fetcher()) {
      Path file = update(updater(md, td, http));
      assertArrayEquals(NEW_CONTENT, Files.readAllBytes(file), "the update after the attack");
    }
  }

  /** Refresh, look up the new target, download it: every request of an update. */
  private static Path update(Updater u) throws TufException {
    u.refresh();
    TargetFile info = u.targetInfo(NEW_TARGET)
        .orElseThrow(() -> new AssertionError(NEW_TARGET + " not found"));
    return u.download(info);
  }

  private static Updater updater(Path md, Path td, Fetcher fetcher) {
    return Updater.builder()
        .metadataBaseUrl(server.metadataBase())
        .targetBaseUrl(server.targetBase())
        .metadataDir(md)
        .targetDir(td)
        .fetcher(fetcher)
        .config(HostileSettings.CONFIG)
        .build();
  }

  /** The folder as before, except the roles stored before {@code step} hold their good new bytes. */
  private static Map<String, String> expectedMetadata(Map<String, String> before, Step step) {
    Map<String, String> expected = withoutRefreshRecord(new TreeMap<>(before), step);
    for (String role : step.storedBefore) {
      expected.put(Names.encodeRoleName(role) + ".json", sha256(repo.metadataBytes(role)));
    }
    return expected;
  }

  /**
   * A refresh that completed before the hostile step (it stored the top-level targets) records
   * when it accepted new metadata ({@code .tuf4j.last-accepted}, the clock-rollback baseline:
   * ClockRollbackTest), so only there the record may change; before that it must not.
   */
  private static Map<String, String> withoutRefreshRecord(Map<String, String> files, Step step) {
    if (step.storedBefore.contains("targets")) {
      files.remove(".tuf4j.last-accepted");
    }
    return files;
  }

  /** Relative path of every regular file below {@code dir} to its SHA-256. */
  static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes));
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return to;
  }
}
