package dev.tuf4j.client.internal.http;

/**
 * Tells whether a transfer's average rate over a sliding window has fallen below a floor: the slow
 * retrieval attack, where a server (or someone in the path) sends just enough bytes to avoid a read
 * timeout but never finishes (TUF specification 1.0.34, section 1.5.2, "slow retrieval attacks").
 *
 * <p>The window is cut into {@value #SLOTS} slots, so memory is constant however fast the bytes
 * come. The bytes counted are those of the last {@value #SLOTS} whole slots plus the current,
 * partial one: at least one full window, at most 1.1 windows, so the resolution errs in the
 * server's favour and a transfer exactly at the floor is never cut off. Nothing is judged until a
 * full window has passed since the start, so every transfer gets one window to get going.
 *
 * <p>Times are {@link System#nanoTime()}-style readings passed in by the caller, which makes this
 * class deterministic to test. Not thread-safe: one monitor belongs to one reading thread.
 */
public final class RateMonitor {
  static final int SLOTS = 10;

  private final long minBytesPerWindow;
  private final long windowNanos;
  private final long slotNanos;
  private final long startNanos;
  private final long[] slots = new long[SLOTS + 1];

  /** Index of the slot that holds the current time, counted from the start. */
  private long currentSlot;

  /**
   * @param minBytesPerSecond the floor; 0 disables the check
   * @param windowNanos the window length, at least {@value #SLOTS} nanoseconds
   * @param startNanos when the transfer started
   */
  public RateMonitor(long minBytesPerSecond, long windowNanos, long startNanos) {
    if (minBytesPerSecond < 0) {
      throw new IllegalArgumentException("minimum rate must be >= 0");
    }
    if (windowNanos < SLOTS) {
      throw new IllegalArgumentException("window too short");
    }
    this.windowNanos = windowNanos;
    this.slotNanos = windowNanos / SLOTS;
    this.startNanos = startNanos;
    // Bytes the floor requires per window, rounded up; saturating for absurd floors.
    double perWindow = Math.ceil(minBytesPerSecond * (windowNanos / 1e9));
    this.minBytesPerWindow = perWindow >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) perWindow;
  }

  /** Counts {@code bytes} as received at {@code nowNanos}. */
  public void record(long nowNanos, long bytes) {
    advanceTo(nowNanos);
    slots[(int) (currentSlot % slots.length)] += bytes;
  }

  /**
   * Whether, at {@code nowNanos}, a full window has passed and the bytes received during the last
   * window are fewer than the floor requires.
   */
  public boolean isTooSlow(long nowNanos) {
    if (minBytesPerWindow == 0 || nowNanos - startNanos < windowNanos) {
      return false;
    }
    advanceTo(nowNanos);
    return bytesInWindow() < minBytesPerWindow;
  }

  /**
   * The earliest time, at or after {@code nowNanos}, at which {@link #isTooSlow} would hold if no
   * more bytes arrived; {@link Long#MAX_VALUE} when the floor is off. Without new bytes the count
   * only drops, and only as the window slides past a slot, so the answer is {@code nowNanos}, the
   * end of the first window, or a slot boundary. Changes nothing.
   */
  public long idleFailureTime(long nowNanos) {
    if (minBytesPerWindow == 0) {
      return Long.MAX_VALUE;
    }
    long earliest = Math.max(nowNanos, startNanos + windowNanos);
    long firstSlot = Math.max(currentSlot, Math.max(0, earliest - startNanos) / slotNanos);
    for (long slot = firstSlot; ; slot++) {
      long at = Math.max(earliest, startNanos + slot * slotNanos);
      if (bytesInWindowEndingAt(slot) < minBytesPerWindow) {
        return at;
      }
    }
  }

  /** The bytes recorded so far that a window ending in slot {@code slot} (not before now) counts. */
  private long bytesInWindowEndingAt(long slot) {
    long sum = 0;
    for (long i = Math.max(0, Math.max(slot - SLOTS, currentSlot - SLOTS)); i <= currentSlot; i++) {
      sum += slots[(int) (i % slots.length)];
    }
    return sum;
  }

  /** The bytes counted in the current window (as of the last call that passed a time). */
  public long bytesInWindow() {
    long sum = 0;
    for (long s : slots) {
      sum += s;
    }
    return sum;
  }

  /** The floor's bytes per window, for error messages. */
  public long minBytesPerWindow() {
    return minBytesPerWindow;
  }

  private void advanceTo(long nowNanos) {
    long target = Math.max(0, nowNanos - startNanos) / slotNanos;
    if (target <= currentSlot) {
      return;
    }
    // Clear the slots that the window slid past; after a long gap, at most all of them.
    long steps = Math.min(target - currentSlot, slots.length);
    for (long i = 1; i <= steps; i++) {
      slots[(int) ((currentSlot + i) % slots.length)] = 0;
    }
    currentSlot = target;
  }
}
