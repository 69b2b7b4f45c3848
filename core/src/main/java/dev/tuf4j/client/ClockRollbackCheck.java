package dev.tuf4j.client;

import dev.tuf4j.ClockRollbackException;
import dev.tuf4j.StorageException;
import java.time.Instant;
import java.util.Optional;

/**
 * One refresh's check of the clock against the store's record of when metadata was last
 * accepted. A clock set back lets expired metadata pass the expiry checks (5.4.4, 5.5.6, 5.6.5),
 * which is how a freeze attack would go unnoticed. A suspected rollback is reported to the
 * listener, and fatal only under {@link UpdaterConfig#strictClock}.
 *
 * <p>{@link #check} at the start of a refresh reads the record; {@link #updateRecord} at its
 * successful end moves the record forward.
 *
 * @param now the refresh's fixed start time (5.1)
 * @param lastAccepted the store's record as read at the start, if it has one
 */
record ClockRollbackCheck(Instant now, Optional<Instant> lastAccepted) {

  /**
   * Reads the store's record and compares the clock with it.
   *
   * @throws ClockRollbackException under {@link UpdaterConfig#strictClock} when {@code now} is
   *     more than the configured tolerance before the record
   */
  static ClockRollbackCheck check(
      Instant now, MetadataStore store, UpdaterConfig config, UpdaterListener listener)
      throws StorageException, ClockRollbackException {
    Optional<Instant> lastAccepted = store.lastAccepted();
    if (lastAccepted.isPresent()
        && now.isBefore(lastAccepted.get().minus(config.clockRollbackTolerance()))) {
      listener.clockRollbackSuspected(now, lastAccepted.get());
      if (config.strictClock()) {
        throw new ClockRollbackException(now, lastAccepted.get(), config.clockRollbackTolerance());
      }
    }
    return new ClockRollbackCheck(now, lastAccepted);
  }

  /**
   * Records {@code now} as when the newest metadata was accepted. A refresh that stored nothing
   * new leaves the record alone (no write per refresh), and a clock set back never lowers it.
   */
  void updateRecord(MetadataStore store, boolean storedNew) throws StorageException {
    if (lastAccepted.isEmpty() || (storedNew && now.isAfter(lastAccepted.get()))) {
      store.storeLastAccepted(now);
    }
  }
}
