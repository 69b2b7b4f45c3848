package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a response body as they came over the wire, guarded against the endless data and
 * slow retrieval attacks (TUF specification 1.0.34, section 1.5.2):
 *
 * <ul>
 *   <li>more than {@code maxWireBytes} in total fails with {@link LengthExceededException} the
 *       moment the buffer holding the excess arrives, before any of it is handed out;
 *   <li>no byte for the stall timeout fails with {@link SlowRetrievalException};
 *   <li>too few bytes over the rate window (see {@link RateMonitor}) fails the same way.
 * </ul>
 *
 * <p>Failures are thrown as {@link TransferFailure}, which carries the typed exception. Every
 * failure, and {@link #close()} before the end, aborts the transfer so the connection is closed
 * rather than drained. Single-threaded, like any input stream.
 */
public final class BodyInputStream extends InputStream {
  private final BodyQueue queue;
  private final URI uri;
  private final long maxWireBytes;
  private final long reportedLimit;
  private final Duration stallTimeout;
  private final long stallNanos;
  private final @Nullable RateMonitor rate;
  private final LongSupplier nanoClock;

  private List<ByteBuffer> pending = List.of();
  private int pendingIndex;
  private long received;
  private long lastByteAt;
  private boolean ended;

  /**
   * @param queue the body, as the HTTP client delivers it
   * @param uri for error messages
   * @param maxWireBytes how many bytes may arrive in total
   * @param reportedLimit the limit to name in a {@link LengthExceededException} (the caller's cap,
   *     which differs from {@code maxWireBytes} for compressed bodies)
   * @param stallTimeout the longest wait for the next byte
   * @param rate the rate floor, or {@code null} for none
   * @param nanoClock a {@link System#nanoTime()}-like clock
   */
  public BodyInputStream(
      BodyQueue queue,
      URI uri,
      long maxWireBytes,
      long reportedLimit,
      Duration stallTimeout,
      @Nullable RateMonitor rate,
      LongSupplier nanoClock) {
    this.queue = Objects.requireNonNull(queue);
    this.uri = Objects.requireNonNull(uri);
    this.maxWireBytes = maxWireBytes;
    this.reportedLimit = reportedLimit;
    this.stallTimeout = stallTimeout;
    this.stallNanos = stallTimeout.toNanos();
    this.rate = rate;
    this.nanoClock = nanoClock;
    this.lastByteAt = nanoClock.getAsLong();
  }

  /** Bytes received so far, as sent on the wire. */
  public long received() {
    return received;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (true) {
      ByteBuffer current = currentBuffer();
      if (current != null) {
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
      }
      if (ended) {
        return -1;
      }
      takeNextEvent();
    }
  }

  @Override
  public int available() {
    ByteBuffer current = currentBuffer();
    return current == null ? 0 : current.remaining();
  }

  /** Aborts the transfer unless the body already ended normally. */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      queue.abort();
    }
    pending = List.of();
  }

  private @Nullable ByteBuffer currentBuffer() {
    while (pendingIndex < pending.size()) {
      ByteBuffer b = pending.get(pendingIndex);
      if (b.hasRemaining()) {
        return b;
      }
      pendingIndex++;
    }
    return null;
  }

  private void takeNextEvent() throws IOException {
    while (true) {
      // Whatever already arrived counts before any judgement, so that time this thread spent
      // elsewhere (a slow sink, a pause) is never blamed on the server.
      BodyQueue.Event event = queue.pollNow();
      if (event == null) {
        long now = nanoClock.getAsLong();
        if (rate != null && rate.isTooSlow(now)) {
          throw fail(
              new SlowRetrievalException(
                  uri,
                  "fewer than "
                      + rate.minBytesPerWindow()
                      + " bytes in the last window (got "
                      + rate.bytesInWindow()
                      + ")"));
        }
        long stallLeft = lastByteAt + stallNanos - now;
        if (stallLeft <= 0) {
          throw fail(new SlowRetrievalException(uri, stallTimeout));
        }
        long wait = rate == null ? stallLeft : Math.min(stallLeft, rate.checkIntervalNanos());
        try {
          event = queue.poll(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw fail(new NetworkException(uri, "interrupted while receiving the body", e));
        }
        if (event == null) {
          continue;
        }
      }
      if (event instanceof BodyQueue.Data) {
        BodyQueue.Data data = (BodyQueue.Data) event;
        long n = data.length();
        received += n;
        if (received > maxWireBytes) {
          throw fail(new LengthExceededException(uri, reportedLimit));
        }
        if (n > 0) {
          long arrived = nanoClock.getAsLong();
          lastByteAt = arrived;
          if (rate != null) {
            rate.record(arrived, n);
          }
        }
        pending = data.buffers();
        pendingIndex = 0;
        queue.requestOne();
        return;
      }
      ended = true;
      if (event instanceof BodyQueue.Completed) {
        return;
      }
      if (event instanceof BodyQueue.Failed) {
        Throwable cause = ((BodyQueue.Failed) event).cause();
        throw new TransferFailure(
            new NetworkException(
                uri, "connection failed while receiving the body: " + describe(cause), cause));
      }
      throw new TransferFailure(new NetworkException(uri, "download cancelled"));
    }
  }

  private TransferFailure fail(DownloadException e) {
    ended = true;
    pending = List.of();
    queue.abort();
    return new TransferFailure(e);
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }
}
