package dev.tuf4j;

import java.time.Duration;
import java.time.Instant;

/**
 * The system clock reads more than a tolerance before the time at which this client last accepted
 * verified metadata: the clock was set back, perhaps by an attacker who wants expired metadata to
 * look current (the freeze attack that the expiry checks of spec 5.1 and 5.4-5.6 rely on a correct
 * clock to stop). Reported only when the application asked for a strict clock; the trusted state
 * is unchanged.
 */
public final class ClockRollbackException extends RepositoryException {
  private final Instant now;
  private final Instant lastAccepted;

  public ClockRollbackException(Instant now, Instant lastAccepted, Duration tolerance) {
    super(null, "the system clock reads " + now + ", more than " + tolerance
        + " before " + lastAccepted + " when this client last accepted verified metadata;"
        + " the clock may have been set back (a freeze attack would do that)");
    this.now = now;
    this.lastAccepted = lastAccepted;
  }

  /** The clock's reading at the start of the refresh. */
  public Instant now() {
    return now;
  }

  /** When verified metadata was last accepted, as recorded by the metadata store. */
  public Instant lastAccepted() {
    return lastAccepted;
  }
}
