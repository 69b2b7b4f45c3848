package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One updater refreshing an unchanged repository again reuses its verified metadata objects
 * (their signatures are not checked again), but still reads the clock and enforces expiry.
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
}
