package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.http.RateMonitor;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sliding-window rate floor, on a clock the test controls. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RateMonitorTest {
  private static final long MS = 1_000_000;
  private static final long START = 5_000 * MS; // any origin: nanoTime has none

  @Test
  void judgesNothingBeforeAFullWindowHasPassed() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);

    assertFalse(rate.isTooSlow(START));
    assertFalse(rate.isTooSlow(START + 999 * MS));
  }

  @Test
  void isTooSlowAfterAWindowWithTooFewBytes() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    rate.record(START + 100 * MS, 999);

    assertTrue(rate.isTooSlow(START + 1000 * MS));
  }

  @Test
  void isFineAfterAWindowWithEnoughBytes() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    rate.record(START + 500 * MS, 1000);

    assertFalse(rate.isTooSlow(START + 1000 * MS));
  }

  @Test
  void forgetsBytesThatSlidOutOfTheWindow() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    rate.record(START + 50 * MS, 100_000); // a burst, then nothing

    assertFalse(rate.isTooSlow(START + 1000 * MS));
    assertTrue(rate.isTooSlow(START + 2100 * MS));
    assertEquals(0, rate.bytesInWindow());
  }

  @Test
  void aSteadyRateAboveTheFloorIsNeverTooSlow() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    for (long t = 0; t < 10_000; t += 10) {
      rate.record(START + t * MS, 11); // 1100 bytes/s
      assertFalse(rate.isTooSlow(START + t * MS), "at " + t + " ms");
    }
  }

  @Test
  void aSteadyRateExactlyAtTheFloorIsNeverTooSlow() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    for (long t = 0; t < 10_000; t += 10) {
      rate.record(START + t * MS, 10); // 1000 bytes/s
      assertFalse(rate.isTooSlow(START + t * MS), "at " + t + " ms");
    }
  }

  @Test
  void aSteadyTrickleBelowTheFloorIsCaughtWithinAboutOneWindow() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    long caughtAt = -1;
    for (long t = 0; t < 10_000 && caughtAt < 0; t += 10) {
      rate.record(START + t * MS, 5); // 500 bytes/s
      if (rate.isTooSlow(START + t * MS)) {
        caughtAt = t;
      }
    }
    assertEquals(1000, caughtAt);
  }

  @Test
  void zeroFloorNeverJudgesTooSlow() {
    RateMonitor rate = new RateMonitor(0, 1000 * MS, START);
    assertFalse(rate.isTooSlow(START + 1_000_000 * MS));
  }

  @Test
  void rejectsANegativeFloorOrAnEmptyWindow() {
    assertThrows(IllegalArgumentException.class, () -> new RateMonitor(-1, 1000 * MS, START));
    assertThrows(IllegalArgumentException.class, () -> new RateMonitor(1, 0, START));
  }

  @Property(seed = "20260101", tries = 200)
  void bytesInWindowNeverExceedWhatWasRecorded(
      @ForAll @IntRange(min = 1, max = 50) int steps,
      @ForAll @LongRange(min = 0, max = 400) long stepMillis,
      @ForAll @IntRange(min = 0, max = 100_000) int bytesPerStep) {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    long total = 0;
    long now = START;
    for (int i = 0; i < steps; i++) {
      now += stepMillis * MS;
      rate.record(now, bytesPerStep);
      total += bytesPerStep;
      rate.isTooSlow(now);
      assertTrue(rate.bytesInWindow() <= total);
      assertTrue(rate.bytesInWindow() >= bytesPerStep);
    }
  }

  @Test
  void withTheFloorOffNoIdleTimeFails() {
    assertEquals(Long.MAX_VALUE, new RateMonitor(0, 1000 * MS, START).idleFailureTime(START));
  }

  @Test
  void anIdleTransferFailsWhenTheWindowSlidesPastItsBytes() {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    rate.record(START + 150 * MS, 5000);

    // The 5000 bytes sit in slot 1 (100-200 ms); a window counts 11 slots, so they leave it
    // when slot 12 begins, at 1200 ms.
    assertEquals(START + 1200 * MS, rate.idleFailureTime(START + 300 * MS));
  }

  /**
   * The earliest idle failure is exact: with no more bytes, the monitor is not too slow at any
   * millisecond before it, and is too slow at it. The fetcher waits on the socket exactly until
   * then, so a wait that runs out is the verdict.
   */
  @Property(tries = 300)
  void theIdleFailureTimeIsTheFirstMomentTheFloorWouldFail(
      @ForAll @IntRange(min = 0, max = 30) int arrivals,
      @ForAll @LongRange(min = 1, max = 400) long gapMs,
      @ForAll @IntRange(min = 0, max = 3000) int bytesEach,
      @ForAll @LongRange(min = 0, max = 3000) long idleMs) {
    RateMonitor rate = new RateMonitor(1000, 1000 * MS, START);
    RateMonitor replica = new RateMonitor(1000, 1000 * MS, START);
    long t = START;
    for (int i = 0; i < arrivals; i++) {
      t += gapMs * MS;
      rate.record(t, bytesEach + i);
      replica.record(t, bytesEach + i);
    }
    long now = t + idleMs * MS;

    long failure = rate.idleFailureTime(now);

    assertTrue(failure >= now);
    for (long probe = now; probe < failure; probe += MS) {
      assertFalse(replica.isTooSlow(probe), "too slow already at " + (probe - START) / MS + " ms");
    }
    assertTrue(replica.isTooSlow(failure));
  }
}
