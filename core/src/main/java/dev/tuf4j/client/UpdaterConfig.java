package dev.tuf4j.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the client workflow, with python-tuf's defaults. Each cap bounds a download whose
 * size nothing trusted states yet (endless data attack); where trusted metadata lists a length,
 * that length is the cap instead.
 *
 * @param rootMaxLength cap for {@code N.root.json} (default 512,000 bytes)
 * @param timestampMaxLength cap for {@code timestamp.json} (default 16,384)
 * @param snapshotMaxLength cap for the snapshot when the timestamp lists no length (2,000,000)
 * @param targetsMaxLength cap for targets metadata when the snapshot lists no length (5,000,000)
 * @param maxRootRotations the most new roots one update follows (256)
 * @param maxDelegations the most roles one target search visits (32)
 * @param parallelDownloads threads for {@link Updater#downloadAll} (4)
 * @throws IllegalArgumentException a value is below 1, a length cap is over {@link
 *     #MAX_LENGTH_CAP}, or {@code parallelDownloads} is over {@link #MAX_PARALLEL_DOWNLOADS}
 * @param clockRollbackTolerance how far the clock may read before the time verified metadata was
 *     last accepted before a refresh reports a suspected clock rollback (5 minutes; see {@link
 *     UpdaterListener#clockRollbackSuspected})
 * @param strictClock whether a suspected clock rollback fails the refresh with a {@link
 *     dev.tuf4j.ClockRollbackException} instead of only being reported to the listener (false)
 */
public record UpdaterConfig(
    long rootMaxLength,
    long timestampMaxLength,
    long snapshotMaxLength,
    long targetsMaxLength,
    int maxRootRotations,
    int maxDelegations,
    int parallelDownloads,
    Duration clockRollbackTolerance,
    boolean strictClock) {

  /** The default {@link #clockRollbackTolerance}: absorbs NTP step corrections, not a day's rollback. */
  public static final Duration DEFAULT_CLOCK_ROLLBACK_TOLERANCE = Duration.ofMinutes(5);

  /**
   * The largest length cap: metadata is read into one byte array, and Java arrays end here. A
   * larger cap is a mistake best reported when it is set, not by the first download.
   */
  public static final long MAX_LENGTH_CAP = Integer.MAX_VALUE - 8;

  /** The most parallel target downloads: a thread and a connection each. */
  public static final int MAX_PARALLEL_DOWNLOADS = 256;

  public static final UpdaterConfig DEFAULTS =
      new UpdaterConfig(512_000, 16_384, 2_000_000, 5_000_000, 256, 32, 4,
          DEFAULT_CLOCK_ROLLBACK_TOLERANCE, false);

  public UpdaterConfig {
    inRange("rootMaxLength", rootMaxLength, MAX_LENGTH_CAP);
    inRange("timestampMaxLength", timestampMaxLength, MAX_LENGTH_CAP);
    inRange("snapshotMaxLength", snapshotMaxLength, MAX_LENGTH_CAP);
    inRange("targetsMaxLength", targetsMaxLength, MAX_LENGTH_CAP);
    inRange("maxRootRotations", maxRootRotations, Integer.MAX_VALUE);
    inRange("maxDelegations", maxDelegations, Integer.MAX_VALUE);
    inRange("parallelDownloads", parallelDownloads, MAX_PARALLEL_DOWNLOADS);
    Objects.requireNonNull(clockRollbackTolerance, "clockRollbackTolerance");
    if (clockRollbackTolerance.isNegative()) {
      throw new IllegalArgumentException(
          "clockRollbackTolerance must not be negative, got " + clockRollbackTolerance);
    }
  }

  private static void inRange(String name, long value, long max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + " must be 1.." + max + ", got " + value);
    }
  }

  public UpdaterConfig withMaxDelegations(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, value, parallelDownloads, clockRollbackTolerance, strictClock);
  }

  public UpdaterConfig withMaxRootRotations(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        value, maxDelegations, parallelDownloads, clockRollbackTolerance, strictClock);
  }

  public UpdaterConfig withParallelDownloads(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, value, clockRollbackTolerance, strictClock);
  }

  public UpdaterConfig withTimestampMaxLength(long value) {
    return new UpdaterConfig(rootMaxLength, value, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, parallelDownloads, clockRollbackTolerance, strictClock);
  }

  public UpdaterConfig withClockRollbackTolerance(Duration value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, parallelDownloads, value, strictClock);
  }

  public UpdaterConfig withStrictClock(boolean value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, parallelDownloads, clockRollbackTolerance, value);
  }
}
