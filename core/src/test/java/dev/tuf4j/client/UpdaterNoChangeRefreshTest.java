package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.StorageException;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One updater refreshing an unchanged repository again reuses its verified metadata objects
 * (their signatures are not checked again) and, while the stored timestamp is the one it
 * remembers, the bytes it read before; it still reads the clock and enforces expiry.
 */
class UpdaterNoChangeRefreshTest {
  private static final Instant SOON = UpdaterHarness.NOW.plusSeconds(3600);

  @TempDir Path tmp;

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = UpdaterHarness.NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private Updater updaterAt(MovableClock clock, RepositorySimulator repo) throws Exception {
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.clock = clock;
    return h.updater();
  }

  @Test
  void timestampExpiringBetweenTwoRefreshesOfTheSameBytesIsRejected() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.timestamp = repo.timestamp.withExpires(SOON);
    repo.updateTimestamp();
    MovableClock clock = new MovableClock();
    Updater u = updaterAt(clock, repo);
    u.refresh();
    u.refresh(); // unchanged and current: fine
    clock.now = SOON;
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class, u::refresh);
    assertEquals("timestamp", e.role());
  }

  @Test
  void snapshotExpiringBetweenTwoRefreshesOfTheSameBytesIsRejected() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.snapshot = repo.snapshot.withExpires(SOON);
    repo.updateSnapshot();
    MovableClock clock = new MovableClock();
    Updater u = updaterAt(clock, repo);
    u.refresh();
    u.refresh();
    clock.now = SOON;
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class, u::refresh);
    assertEquals("snapshot", e.role());
  }

  /** The folder store, recording which roles are read from it. */
  private static final class RecordingStore extends ForwardingMetadataStore {
    final List<String> loads = new ArrayList<>();

    RecordingStore(Path folder) {
      super(new FileSystemMetadataStore(folder));
    }

    @Override
    public Optional<byte[]> load(String roleName) throws StorageException {
      loads.add(roleName);
      return super.load(roleName);
    }
  }

  private Updater updaterOver(RepositorySimulator repo, UpdaterHarness h, MetadataStore store) {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .metadataStore(store)
        .fetcher(repo)
        .clock(h.clock)
        .build();
  }

  @Test
  void aRefreshWhereTheStoredTimestampIsUnchangedReadsOnlyTimestampAndRootFromTheStore() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    RecordingStore store = new RecordingStore(h.metadataDir);
    Updater u = updaterOver(repo, h, store);
    u.refresh();
    store.loads.clear();
    repo.clearRequests();
    u.refresh();
    assertEquals(List.of("timestamp", "root"), store.loads);
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json"), repo.requests());
  }

  @Test
  void aRefreshAfterAnotherUpdaterStoredANewTimestampReadsTheStoreAgain() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    RecordingStore store = new RecordingStore(h.metadataDir);
    Updater u = updaterOver(repo, h, store);
    u.refresh();
    repo.updateSnapshot();
    h.updater().refresh(); // another process stores timestamp, snapshot and targets v2
    store.loads.clear();
    repo.clearRequests();
    u.refresh();
    assertEquals(List.of("timestamp", "root", "snapshot", "targets"), store.loads);
    // What the other updater stored is used: nothing but the two small requests.
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json"), repo.requests());
    assertEquals(2, u.trustedMetadata("snapshot").orElseThrow().signed().version());
  }

  @Test
  void aStoredSnapshotWithOtherBytesThanTheListedHashesIsRefusedAfterEqualBytesPassedBefore() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater u = h.updater();
    u.refresh(); // snapshot v2's bytes pass the timestamp's hashes
    byte[] listed = repo.metadataBytes("snapshot");
    // Validly signed, same version, other bytes: only the timestamp's hashes tell them apart.
    byte[] other = repo.sign("snapshot", repo.snapshot.withExpires(SOON)).toBytes();
    repo.updateTimestamp(); // timestamp v3, listing the same snapshot bytes as v2
    Files.write(h.metadataDir.resolve("timestamp.json"), repo.metadataBytes("timestamp"));
    Files.write(h.metadataDir.resolve("snapshot.json"), other);
    repo.clearRequests();
    u.refresh();
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json"),
        repo.requests());
    assertArrayEquals(listed, Files.readAllBytes(h.metadataDir.resolve("snapshot.json")));
    assertEquals(repo.snapshot.expires(),
        ((Snapshot) u.trustedMetadata("snapshot").orElseThrow().signed()).expires());
  }

  @Test
  void theRememberedSnapshotIsCheckedAgainstTheHashesOfANewTimestamp() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater u = h.updater();
    u.refresh(); // snapshot v2's bytes pass timestamp v2's hashes
    // The repository signs other bytes as snapshot v2 and a timestamp listing their hashes.
    repo.snapshot = repo.snapshot.withExpires(SOON);
    repo.updateTimestamp();
    repo.clearRequests();
    u.refresh();
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json"),
        repo.requests());
    assertEquals(SOON, ((Snapshot) u.trustedMetadata("snapshot").orElseThrow().signed()).expires());
  }
}
