package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.SlowRetrievalException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TargetNotFoundException;
import dev.tuf4j.TufException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives tuf4j's {@link Updater} through every scenario of the vector suite, served on 127.0.0.1,
 * and checks each step's outcome, trusted role versions and downloaded content.
 */
class Tuf4jScenarioTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyScenarioGivesTheExpectedOutcomesAndTrustedVersions() {
    return VectorSuite.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> run(s)));
  }

  private void run(VectorSuite.Scenario s) throws IOException {
    Path home = Files.createTempDirectory(tmp, s.name());
    List<String> failures = new ArrayList<>();
    try (ScenarioServer server = new ScenarioServer(); HttpFetcher fetcher = fetcher()) {
      Player player = new Player(home, server, fetcher);
      Files.createDirectories(player.metadata);
      Files.copy(s.trustedRoot(), player.metadata.resolve("root.json"));
      for (VectorSuite.Step step : s.steps()) {
        server.show(s.stateDir(step.state()), step.serve());
        SortedSet<String> before = VectorSuite.listing(player.targets);
        int requestsBefore = server.requestLines().size();
        VectorSuite.Result r = player.play(step);
        String problem = compare(step, r);
        List<String> requests = server.requestLines();
        for (String extra : new String[] {VectorSuite.leftovers(r, before, VectorSuite.listing(player.targets)),
            VectorSuite.forbiddenRequests(step, requests.subList(requestsBefore, requests.size()))}) {
          if (extra != null) {
            problem = problem == null ? extra : problem + "; " + extra;
          }
        }
        if (problem != null) {
          failures.add(s.name() + " " + step + ": " + problem + "\n    requests: " + server.requestLines());
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }

  /** Null when the result is what the step expects, else what differs. */
  static String compare(VectorSuite.Step step, VectorSuite.Result r) {
    List<String> out = new ArrayList<>();
    if (!step.outcome().equals(r.outcome())) {
      out.add("expected " + step.outcome() + ", got " + r.outcome() + " (" + r.detail() + ")");
    }
    if (!step.trusted().equals(r.trusted())) {
      out.add("expected trusted " + step.trusted() + ", got " + r.trusted());
    }
    if (step.sha256() != null && r.outcome().equals("success") && !step.sha256().equals(r.sha256())) {
      out.add("downloaded content has SHA-256 " + r.sha256() + ", expected " + step.sha256());
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }

  /** Short timeouts and no retries: every server here answers at once unless told to misbehave. */
  static HttpFetcher fetcher() {
    return HttpFetcher.builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(3))
        .minimumRate(64, Duration.ofSeconds(2)).retries(1, Duration.ZERO).build();
  }

  /**
   * The suite's error kind of a tuf4j exception. A trusted root that tuf4j cannot use is a {@link
   * StorageException} naming the file (the client's own state, not the repository, is broken);
   * the suite's kind is that of its cause, the verification failure.
   */
  static String kind(TufException e) {
    if (e instanceof StorageException && e.getCause() instanceof TufException cause) {
      return kind(cause);
    }
    if (e instanceof ExpiredMetadataException) {
      return "expired";
    } else if (e instanceof BadVersionException) {
      return "bad-version";
    } else if (e instanceof UnsignedMetadataException) {
      return "unsigned";
    } else if (e instanceof LengthOrHashMismatchException) {
      return "length-or-hash-mismatch";
    } else if (e instanceof MetadataFormatException) {
      return "format";
    } else if (e instanceof MissingMetadataException) {
      return "missing-metadata";
    } else if (e instanceof TargetNotFoundException) {
      return "not-found";
    } else if (e instanceof LengthExceededException) {
      return "download-limit";
    } else if (e instanceof SlowRetrievalException) {
      return "slow-retrieval";
    } else if (e instanceof HttpStatusException) {
      return "http-status";
    }
    return e.getClass().getSimpleName();
  }

  /** One client: a metadata and a target folder, and a new {@link Updater} per step. */
  static final class Player {
    final Path metadata;
    final Path targets;
    private final ScenarioServer server;
    private final HttpFetcher fetcher;

    Player(Path home, ScenarioServer server, HttpFetcher fetcher) {
      this.metadata = home.resolve("metadata");
      this.targets = home.resolve("targets");
      this.server = server;
      this.fetcher = fetcher;
    }

    VectorSuite.Result play(VectorSuite.Step step) {
      String outcome = "success";
      String detail = "";
      String sha256 = null;
      try {
        Updater updater = Updater.builder().metadataBaseUrl(server.metadataUrl()).targetBaseUrl(server.targetsUrl())
            .metadataDir(metadata).targetDir(targets).fetcher(fetcher)
            .clock(Clock.fixed(step.clock(), ZoneOffset.UTC)).build();
        updater.refresh();
        if (!step.action().equals("refresh")) {
          TargetFile info = updater.targetInfo(step.target()).orElseThrow(
              () -> new TargetNotFoundException(step.target(), "no trusted targets metadata lists it"));
          if (step.action().equals("download")) {
            Optional<Path> cached = updater.findCachedTarget(info);
            Path file = cached.isPresent() ? cached.get() : updater.download(info);
            sha256 = Hex.encode(Digester.digest(HashAlgorithm.SHA256, Files.readAllBytes(file)));
          }
        }
      } catch (TufException e) {
        outcome = kind(e);
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new VectorSuite.Result(outcome, ClientPair.stored(metadata), sha256, detail);
    }
  }
}
