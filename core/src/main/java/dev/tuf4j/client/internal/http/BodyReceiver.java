package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads response bodies for {@link dev.tuf4j.client.HttpFetcher}: a 200 body streamed into the
 * caller's sink under the length cap, with gzip decoding, the stall timeout and the rate floor; or
 * a small error body discarded. Immutable and thread-safe.
 */
public final class BodyReceiver {
  /** Error and redirect bodies are read only if this small, so the connection can be reused. */
  static final int ERROR_BODY_LIMIT = 4096;

  private static final System.Logger LOG = System.getLogger(BodyReceiver.class.getName());
  private static final Duration ERROR_BODY_WAIT = Duration.ofMillis(500);

  private final boolean gzip;
  private final Duration readTimeout;
  private final long minBytesPerSecond;
  private final Duration rateWindow;

  /**
   * @param gzip whether gzip was asked for, and so is decoded
   * @param readTimeout the longest wait for the next byte
   * @param minBytesPerSecond the rate floor, 0 for none
   * @param rateWindow the window the rate is averaged over
   */
  public BodyReceiver(
      boolean gzip, Duration readTimeout, long minBytesPerSecond, Duration rateWindow) {
    this.gzip = gzip;
    this.readTimeout = readTimeout;
    this.minBytesPerSecond = minBytesPerSecond;
    this.rateWindow = rateWindow;
  }

  /** The same receiver, decoding gzip or not. */
  public BodyReceiver withGzip(boolean gzip) {
    return new BodyReceiver(gzip, readTimeout, minBytesPerSecond, rateWindow);
  }

  /**
   * Streams a 200 response's body from {@code connection} into {@code sink}, at most {@code
   * maxLength} bytes after decoding.
   *
   * @return whether the body was read to its framed end, so the connection may carry another
   *     request
   */
  public boolean receive(
      URI uri, ResponseHead head, HttpConnection connection, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    String encoding = contentEncoding(head);
    boolean decode = gzip && encoding != null;
    if (decode && !(encoding.equals("gzip") || encoding.equals("x-gzip"))) {
      throw new NetworkException(uri, "unsupported Content-Encoding: " + ResponseHead.quote(encoding));
    }
    long wireLimit = decode ? compressedLimit(maxLength) : maxLength;
    long declared = head.declaredLength();
    if (declared > wireLimit) {
      // Fail before reading: the server itself says the body is longer than we accept.
      throw new LengthExceededException(uri, maxLength);
    }
    if (!decode && declared >= 0 && sink instanceof BodyBuffer buffer) {
      buffer.expectLength(declared);
    }
    RateMonitor rate =
        minBytesPerSecond == 0
            ? null
            : new RateMonitor(minBytesPerSecond, rateWindow.toNanos(), 0); // on the read clock
    WireBody wire =
        body(uri, head, connection, wireLimit, maxLength, readTimeout, rate);
    try (InputStream body = decode ? new GzipDecoder(wire) : wire) {
      copy(uri, body, maxLength, sink);
    } catch (IOException e) {
      // Only closing gets here; it releases the inflater and cannot lose bytes.
      LOG.log(System.Logger.Level.DEBUG, "closing a response body failed", e);
    }
    return wire.completed();
  }

  /**
   * Reads a small error or redirect body so the connection can be reused, within a short wait.
   *
   * @return whether the connection may carry another request
   */
  public boolean discard(URI uri, ResponseHead head, HttpConnection connection)
      throws NetworkException {
    if (head.bodiless()) {
      return true;
    }
    long declared = head.declaredLength();
    if (declared < 0 || declared > ERROR_BODY_LIMIT) {
      return false; // unknown or large: closing the connection is cheaper than reading it
    }
    Duration wait = ERROR_BODY_WAIT.compareTo(readTimeout) < 0 ? ERROR_BODY_WAIT : readTimeout;
    // A floor of the whole limit per wait: the small body must be complete within about the
    // wait, however the server paces it; a stalled or trickled error body never holds us.
    long floor = (long) Math.ceil(ERROR_BODY_LIMIT / (wait.toNanos() / 1e9));
    RateMonitor deadline = new RateMonitor(floor, wait.toNanos(), 0); // on the read clock
    WireBody body =
        body(uri, head, connection, ERROR_BODY_LIMIT, ERROR_BODY_LIMIT, wait, deadline);
    try {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        // An interrupt ends the fetch as one, whatever the status was (HttpFetcher#fetch).
        throw new NetworkException(uri, "interrupted while fetching", e);
      }
      return false; // The status is what gets reported; a failure reading its body changes nothing.
    }
    return body.completed();
  }

  private static WireBody body(
      URI uri,
      ResponseHead head,
      HttpConnection connection,
      long maxBytes,
      long reportedLimit,
      Duration stallTimeout,
      @Nullable RateMonitor rate) {
    WireBody.Framing framing =
        head.bodiless()
            ? WireBody.Framing.LENGTH
            : head.chunked()
                ? WireBody.Framing.CHUNKED
                : head.declaredLength() >= 0 ? WireBody.Framing.LENGTH : WireBody.Framing.UNTIL_CLOSE;
    long length = head.bodiless() ? 0 : head.declaredLength();
    return new WireBody(
        connection,
        framing,
        length,
        uri,
        maxBytes,
        reportedLimit,
        stallTimeout,
        rate,
        System::nanoTime);
  }

  /**
   * The most compressed bytes accepted for a body capped at {@code maxLength} decoded bytes: room
   * for incompressible data stored uncompressed (5 bytes per 64 KiB block) plus gzip headers, with
   * plenty to spare, yet bounded, unlike a stream that decodes to nothing forever.
   */
  public static long compressedLimit(long maxLength) {
    long slack = maxLength / 64 + 65536;
    return maxLength > Long.MAX_VALUE - slack ? Long.MAX_VALUE : maxLength + slack;
  }

  private static void copy(URI uri, InputStream body, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    byte[] buffer = new byte[16384];
    long total = 0;
    while (true) {
      // Ask for at most one byte past the cap: enough to know it is exceeded. (Not room + 1
      // first: for a cap of Long.MAX_VALUE that overflows, and a read of 0 bytes loops forever.)
      long room = maxLength - total;
      int want = room >= buffer.length ? buffer.length : (int) room + 1;
      int n;
      try {
        n = body.read(buffer, 0, want);
      } catch (TransferFailure f) {
        throw f.failure();
      } catch (IOException e) {
        // WireBody reports its failures as TransferFailure: this is the gzip decoder.
        throw new NetworkException(uri, "invalid gzip body: " + e.getMessage(), e);
      }
      if (n < 0) {
        return;
      }
      total += n;
      if (total > maxLength) {
        throw new LengthExceededException(uri, maxLength);
      }
      try {
        sink.write(buffer, 0, n);
      } catch (IOException e) {
        throw new StorageException(null, "cannot write the download of " + uri, e);
      }
    }
  }

  private static @Nullable String contentEncoding(ResponseHead head) {
    List<String> values = head.tokens("content-encoding");
    if (values.isEmpty()) {
      return null;
    }
    String joined = String.join(",", values);
    return joined.equals("identity") ? null : joined;
  }
}
