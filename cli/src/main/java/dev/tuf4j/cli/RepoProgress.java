package dev.tuf4j.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Progress of long repository work (a publish of thousands of bins, a verify of every target)
 * on the terminal: nothing for the first second, then one line redrawn at most four times a
 * second. Without a terminal it does nothing. Thread-safe: the publisher writes from several
 * threads.
 */
final class RepoProgress {
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long UPDATE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final @Nullable Terminal terminal;
  private final LongSupplier nanoTime;
  private final long start;
  private final AtomicLong count = new AtomicLong();
  private long lastDrawn;
  private boolean shown;
  private String what = "";

  RepoProgress(@Nullable Terminal terminal, LongSupplier nanoTime) {
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  static RepoProgress of(CliContext context) {
    return new RepoProgress(context.terminal(), System::nanoTime);
  }

  /** Names the work counted from now on, e.g. "files written". */
  synchronized void stage(String description) {
    what = description;
    count.set(0);
  }

  /** One more unit done; maybe redraws the line. */
  void step() {
    long n = count.incrementAndGet();
    if (terminal == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    synchronized (this) {
      if (now - start < QUIET_NANOS || (shown && now - lastDrawn < UPDATE_NANOS)) {
        return;
      }
      lastDrawn = now;
      shown = true;
      terminal.progress(n + " " + what);
    }
  }

  /** Ends the progress line, if one was shown. */
  synchronized void done() {
    if (shown && terminal != null) {
      terminal.endProgress();
      shown = false;
    }
  }
}
