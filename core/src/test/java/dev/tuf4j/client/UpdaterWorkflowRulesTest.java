package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.StorageException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflow rules of CLIENT-WORKFLOW.md not covered by the larger tables. */
class UpdaterWorkflowRulesTest {
  @TempDir Path tmp;

  /** A clock that counts how often it is read. */
  static final class CountingClock extends Clock {
    final AtomicInteger reads = new AtomicInteger();

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
      reads.incrementAndGet();
      return UpdaterHarness.NOW.plusSeconds(reads.get());
    }
  }

  @Test
  void rule1TheClockIsReadOncePerUpdate() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.bumpRoot();
    repo.updateTargets("targets");
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    CountingClock clock = new CountingClock();
    h.clock = clock;
    Updater u = h.updater();
    u.refresh();
    assertEquals(1, clock.reads.get());
    u.refresh();
    assertEquals(2, clock.reads.get());
  }

  @Test
  void rule2AnAnchorThatDoesNotVerifyIsRefusedBeforeAnyRequest() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    repo.signers.put("root", List.of(repo.newKey()));
    repo.publishRoot();
    Files.write(h.metadataDir.resolve("root.json"), repo.signedRoots.get(1));
    // A stored anchor that fails is local damage: a StorageException naming the file, with the
    // verification failure as its cause.
    StorageException e = assertThrows(StorageException.class, h::refresh);
    assertInstanceOf(UnsignedMetadataException.class, e.getCause());
    h.assertRequests();
  }

  @Test
  void rule3A403EndsTheRootChain() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.bumpRoot();
    repo.statuses.put("metadata/2.root.json", 403);
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    h.assertStored(1, 1, 1, 1);
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/1.snapshot.json", "metadata/1.targets.json");
  }

  @Test
  void rule3AnyOtherFailureOfTheRootChainFailsTheUpdate() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.statuses.put("metadata/2.root.json", 500);
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    HttpStatusException e = assertThrows(HttpStatusException.class, h::refresh);
    assertEquals(500, e.status());
    h.assertRequests("metadata/2.root.json");
    h.assertStored(1, 0, 0, 0);
  }

  @Test
  void rule3AtMostMaxRootRotationsRootsPerUpdate() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    for (int i = 0; i < 5; i++) {
      repo.bumpRoot();
    }
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.config = UpdaterConfig.DEFAULTS.withMaxRootRotations(2);
    h.refresh();
    h.assertStored(3, 1, 1, 1);
    h.assertRequests("metadata/2.root.json", "metadata/3.root.json", "metadata/timestamp.json",
        "metadata/1.snapshot.json", "metadata/1.targets.json");
    h.refresh();
    h.assertStored(5, 1, 1, 1);
  }

  @Test
  void rule5EveryAcceptedRootIsKeptInTheHistory() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.bumpRoot();
    repo.bumpRoot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    for (int v = 2; v <= 3; v++) {
      assertArrayEquals(repo.signedRoots.get(v - 1), Files.readAllBytes(h.metadataDir.resolve("root_history/" + v + ".root.json")));
    }
    assertArrayEquals(repo.signedRoots.get(2), Files.readAllBytes(h.metadataDir.resolve("root.json")));
  }

  @Test
  void rule8ConsistentSnapshotComesFromTheFinalRoot() throws Exception {
    RepositorySimulator repo = new RepositorySimulator(true);
    repo.root = repo.root.withConsistentSnapshot(false);
    repo.bumpRoot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/3.root.json", "metadata/timestamp.json",
        "metadata/snapshot.json", "metadata/targets.json");
  }

  @Test
  void rule14TheSnapshotIsCappedAtTheLengthTheTimestampLists() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
    byte[] real = repo.metadataBytes("snapshot");
    byte[] longer = java.util.Arrays.copyOf(real, real.length + 10);
    java.util.Arrays.fill(longer, real.length, longer.length, (byte) ' ');
    repo.overrides.put("metadata/2.snapshot.json", longer);
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    dev.tuf4j.LengthExceededException e = assertThrows(dev.tuf4j.LengthExceededException.class, h::refresh);
    assertEquals(real.length, e.limit());
  }
}
