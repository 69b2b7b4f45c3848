package dev.tuf4j.client;

import dev.tuf4j.TufException;
import java.net.URI;
import java.time.Instant;

/**
 * Events of an {@link Updater}, for progress output and audit logs. Every method has an empty
 * default; implementations must be quick and thread-safe (downloads run in parallel).
 */
public interface UpdaterListener {
  UpdaterListener NONE = new UpdaterListener() {};

  /** A refresh began. */
  default void refreshStarted() {}

  /** A refresh ended; {@code failure} is null on success. */
  default void refreshFinished(TufException failure) {}

  /**
   * Metadata for {@code role} was verified and is now trusted.
   *
   * @param fromCache whether the bytes came from the local cache rather than the network
   */
  default void metadataAccepted(String role, long version, boolean fromCache) {}

  /** Bytes offered as {@code role} were refused; the trusted state did not change. */
  default void metadataRejected(String role, boolean fromCache, TufException reason) {}

  /** A download finished with {@code bytes} bytes (metadata or target). */
  default void downloaded(URI uri, long bytes) {}

  /**
   * At the start of a refresh the clock read {@code now}, more than {@link
   * UpdaterConfig#clockRollbackTolerance} before {@code lastAccepted}, when this client's metadata
   * store last recorded accepting verified metadata: the clock may have been set back, which would
   * let expired (frozen) metadata pass as current. Unless {@link UpdaterConfig#strictClock} is set,
   * the refresh goes on; tools should warn the user.
   */
  default void clockRollbackSuspected(Instant now, Instant lastAccepted) {}
}
