package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.UpdaterListener;
import java.net.URI;
import java.time.Instant;

/**
 * The client workflow's events on stderr: a warning when the clock looks set back (unless {@code
 * --strict-clock} turns that into the run's error), and under {@code --verbose} one line per step.
 */
final class StderrListener implements UpdaterListener {
  private final CliContext context;
  private final boolean strictClock;

  StderrListener(CliContext context, boolean strictClock) {
    this.context = context;
    this.strictClock = strictClock;
  }

  @Override
  public void clockRollbackSuspected(Instant now, Instant lastAccepted) {
    if (!strictClock) { // strict: the refresh fails, and its one error line says the same
      context.warn("the system clock reads " + now + ", before " + lastAccepted
          + " when metadata in the metadata folder was last accepted; it may have been set back"
          + " (an attacker could then pass off expired metadata); use --strict-clock to refuse");
    }
  }

  @Override
  public void refreshStarted() {
    context.debug("refresh started");
  }

  @Override
  public void refreshFinished(TufException failure) {
    context.debug(failure == null ? "refresh finished" : "refresh failed");
  }

  @Override
  public void metadataAccepted(String role, long version, boolean fromCache) {
    context.debug("trusted " + role + " version " + version + (fromCache ? " (local copy)" : " (downloaded)"));
  }

  @Override
  public void metadataRejected(String role, boolean fromCache, TufException reason) {
    context.debug("rejected " + (fromCache ? "the local copy of " : "the downloaded ") + role + ": " + reason.getMessage());
  }

  @Override
  public void downloaded(URI uri, long bytes) {
    context.debug("fetched " + uri + " (" + bytes + " bytes)");
  }
}
