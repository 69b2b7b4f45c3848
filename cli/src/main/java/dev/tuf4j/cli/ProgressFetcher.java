package dev.tuf4j.cli;

import dev.tuf4j.DownloadException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows progress on the terminal for target downloads that take long: nothing for the first
 * second (most downloads are done by then and a flash of output is noise), then one line,
 * rewritten at most a few times a second, ended when the download ends. Metadata fetches pass
 * straight through. Used only when there is a terminal.
 */
final class ProgressFetcher implements Fetcher {
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final long UPDATE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Fetcher delegate;
  private final Terminal terminal;
  private final LongSupplier nanoTime;
  private volatile @Nullable Expected expected;

  private record Expected(String name, long length) {}

  ProgressFetcher(Fetcher delegate, Terminal terminal, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /** The next fetch is the target {@code name} of {@code length} bytes. */
  void expect(String name, long length) {
    expected = new Expected(OneLine.of(name), length);
  }

  /** The target download is over (successfully or not). */
  void done() {
    expected = null;
  }

  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    Expected e = expected;
    if (e == null) {
      delegate.fetch(uri, maxLength, sink);
      return;
    }
    Counting counting = new Counting(sink, e);
    try {
      delegate.fetch(uri, maxLength, counting);
    } finally {
      counting.finish();
    }
  }

  /** Counts bytes on their way to the sink and draws the progress line. */
  private final class Counting extends FilterOutputStream {
    private final Expected target;
    private final long start = nanoTime.getAsLong();
    private long bytes;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean drawn;

    Counting(OutputStream sink, Expected target) {
      super(sink);
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      advance(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      advance(len);
    }

    private void advance(long n) {
      bytes += n;
      long now = nanoTime.getAsLong();
      if (now - start < QUIET_NANOS || (drawn && now - lastDrawn < UPDATE_NANOS)) {
        return;
      }
      lastDrawn = now;
      drawn = true;
      terminal.progress(line(target.name(), bytes, target.length()));
    }

    void finish() {
      if (drawn) {
        terminal.progress(line(target.name(), bytes, target.length()));
        terminal.endProgress();
      }
    }
  }

  static String line(String name, long bytes, long length) {
    long percent = length == 0 ? 100 : Math.min(100, bytes * 100 / length);
    return name + ": " + size(bytes) + " of " + size(length) + " (" + percent + "%)";
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
