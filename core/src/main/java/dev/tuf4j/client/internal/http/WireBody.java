package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A response body as it comes off the connection, its HTTP/1.1 framing removed (RFC 9112, section
 * 6.3: a {@code Content-Length}, {@code chunked}, or until the server closes), guarded against the
 * endless data and slow retrieval attacks (TUF specification 1.0.34, section 1.5.2):
 *
 * <ul>
 *   <li>more than {@code maxBytes} in total fails with {@link LengthExceededException} as soon as
 *       the read that holds the excess returns, before any of it is handed out;
 *   <li>no byte for the stall timeout fails with {@link SlowRetrievalException};
 *   <li>too few bytes over the rate window (see {@link RateMonitor}) fails the same way.
 * </ul>
 *
 * <p>Both run on the body's read clock: the time spent waiting in reads of the connection, not
 * the time the caller spends elsewhere between reads (a slow disk, a hash), which is never the
 * server's doing. Each read waits on the socket only until the earlier of the two moments at
 * which, with no more bytes, the stall timeout or the rate floor would end the transfer; so a wait
 * that runs out is itself the verdict, and an idle connection costs no wake-ups. Past that moment
 * a read takes only bytes that have already arrived ({@link HttpConnection}), and bytes that do
 * come while the rate is below the floor end the transfer too: a server pacing its bytes finely
 * gets no grace from either. Failures are thrown as {@link
 * TransferFailure}, carrying the typed exception. Single-threaded, like any input stream; it never
 * closes the connection: whoever owns it asks {@link #completed()} whether it may be reused.
 */
public final class WireBody extends InputStream {
  /** Chunk-size lines, extensions included, and each trailer line are at most this long. */
  static final int MAX_CHUNK_LINE = 4096;

  /** Chunk framing may add this much to the body, plus as much again as the body itself. */
  static final long FRAMING_ALLOWANCE = 64 * 1024;

  /** How the end of the body is known. */
  public enum Framing {
    /** {@code Content-Length} bytes. */
    LENGTH,
    /** {@code Transfer-Encoding: chunked}. */
    CHUNKED,
    /** Everything until the server closes the connection (no reuse afterwards). */
    UNTIL_CLOSE
  }

  private final HttpConnection connection;
  private final Framing framing;
  private final long declaredLength;
  private final URI uri;
  private final long maxBytes;
  private final long reportedLimit;
  private final Duration stallTimeout;
  private final long stallNanos;
  private final @Nullable RateMonitor rate;
  private final LongSupplier nanoClock;

  private long received;
  private long wireSeen;
  private long framingBytes;
  private long chunkLeft;
  private boolean inChunk;
  // The read clock, in nanoseconds, and when on it the last byte came.
  private long readTime;
  private long lastByteAt;
  private boolean ended;
  private boolean completed;

  /**
   * @param connection where the body comes from, right after the response head
   * @param framing how the body ends
   * @param declaredLength the {@code Content-Length} for {@link Framing#LENGTH}, else ignored
   * @param uri for error messages
   * @param maxBytes how many body bytes may arrive in total
   * @param reportedLimit the limit to name in a {@link LengthExceededException} (the caller's cap,
   *     which differs from {@code maxBytes} for compressed bodies)
   * @param stallTimeout the longest wait for the next byte
   * @param rate the rate floor, or {@code null} for none; started at 0, as it runs on the body's
   *     read clock
   * @param nanoClock a {@link System#nanoTime()}-like clock, the one the connection's deadlines use
   */
  public WireBody(
      HttpConnection connection,
      Framing framing,
      long declaredLength,
      URI uri,
      long maxBytes,
      long reportedLimit,
      Duration stallTimeout,
      @Nullable RateMonitor rate,
      LongSupplier nanoClock) {
    this.connection = Objects.requireNonNull(connection);
    this.framing = Objects.requireNonNull(framing);
    this.declaredLength = declaredLength;
    this.uri = Objects.requireNonNull(uri);
    this.maxBytes = maxBytes;
    this.reportedLimit = reportedLimit;
    this.stallTimeout = stallTimeout;
    this.stallNanos = stallTimeout.toNanos();
    this.rate = rate;
    this.nanoClock = nanoClock;
    this.wireSeen = connection.bytesRead();
    if (framing == Framing.LENGTH && declaredLength == 0) {
      ended = completed = true;
    }
  }

  /**
   * Whether the body was read to its framed end, so the connection sits at the start of the next
   * response. Never true for {@link Framing#UNTIL_CLOSE}.
   */
  public boolean completed() {
    return completed && framing != Framing.UNTIL_CLOSE;
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
    if (ended) {
      return -1;
    }
    try {
      return switch (framing) {
        case LENGTH -> readLength(b, off, len);
        case CHUNKED -> readChunked(b, off, len);
        case UNTIL_CLOSE -> readUntilClose(b, off, len);
      };
    } catch (TransferFailure f) {
      ended = true;
      throw f;
    } catch (SocketTimeoutException e) {
      throw fail(timedOut());
    } catch (ProtocolException e) {
      throw fail(new NetworkException(uri, "malformed chunked body: " + e.getMessage(), e));
    } catch (EOFException e) {
      throw fail(
          new NetworkException(
              uri, "connection closed while receiving the body: " + e.getMessage(), e));
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw fail(new NetworkException(uri, "interrupted while receiving the body", e));
      }
      throw fail(
          new NetworkException(
              uri, "connection failed while receiving the body: " + RequestFailures.describe(e), e));
    }
  }

  /** Marks the body abandoned; the connection's owner closes it (it is not {@link #completed()}). */
  @Override
  public void close() {
    ended = true;
  }

  private int readLength(byte[] b, int off, int len) throws IOException {
    long left = declaredLength - received;
    int n = wireRead(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new EOFException(
          "got " + received + " of the " + declaredLength + " bytes of Content-Length");
    }
    count(n);
    if (received == declaredLength) {
      ended = completed = true;
    }
    return n;
  }

  private int readUntilClose(byte[] b, int off, int len) throws IOException {
    int n = wireRead(b, off, len);
    if (n < 0) {
      ended = completed = true;
      return -1;
    }
    count(n);
    return n;
  }

  private int readChunked(byte[] b, int off, int len) throws IOException {
    while (!inChunk) {
      long size = chunkSize(framingLine());
      if (size == 0) {
        readTrailers();
        ended = completed = true;
        return -1;
      }
      chunkLeft = size;
      inChunk = true;
    }
    int n = wireRead(b, off, (int) Math.min(len, chunkLeft));
    if (n < 0) {
      throw new EOFException("within a chunk");
    }
    count(n);
    chunkLeft -= n;
    if (chunkLeft == 0) {
      if (!framingLine().isEmpty()) {
        throw new ProtocolException("chunk data longer than its size");
      }
      inChunk = false;
    }
    return n;
  }

  private void readTrailers() throws IOException {
    while (!framingLine().isEmpty()) {
      // Trailer fields carry nothing a download needs; bounded by the framing allowance.
    }
  }

  private String framingLine() throws IOException {
    long start = nanoClock.getAsLong();
    String line;
    try {
      line = connection.readLine(MAX_CHUNK_LINE, deadlineFrom(start));
    } finally {
      readTime += nanoClock.getAsLong() - start;
    }
    if (line == null) {
      throw new EOFException("in the chunk framing");
    }
    long n = line.length() + 1;
    framingBytes += n;
    if (framingBytes > FRAMING_ALLOWANCE + received) {
      throw new ProtocolException("more framing than data");
    }
    count(0);
    return line;
  }

  private static long chunkSize(String line) throws ProtocolException {
    int end = line.indexOf(';');
    // RFC 9112, 7.1.1: only blanks (SP, HTAB) may follow the size, before an extension.
    String hex = end < 0 ? line : line.substring(0, end);
    int length = hex.length();
    while (length > 0 && (hex.charAt(length - 1) == ' ' || hex.charAt(length - 1) == '\t')) {
      length--;
    }
    hex = hex.substring(0, length);
    if (hex.isEmpty() || hex.length() > 15) {
      throw new ProtocolException("invalid chunk size: " + ResponseHead.quote(line));
    }
    long size = 0;
    for (int i = 0; i < hex.length(); i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw new ProtocolException("invalid chunk size: " + ResponseHead.quote(line));
      }
      size = size * 16 + digit;
    }
    return size;
  }

  /**
   * Counts {@code bodyBytes} more of body, failing past the cap, and whatever arrived from the
   * socket since the last count (framing included) for the stall and rate checks. Fails when the
   * transfer is below the rate floor even though bytes came: a server pacing its bytes finely
   * enough would otherwise never let a read wait until the floor's deadline.
   */
  private void count(long bodyBytes) throws TransferFailure {
    received += bodyBytes;
    if (received > maxBytes) {
      throw fail(new LengthExceededException(uri, reportedLimit));
    }
    long arrived = connection.bytesRead() - wireSeen;
    if (arrived > 0) {
      wireSeen += arrived;
      lastByteAt = readTime;
      if (rate != null) {
        rate.record(readTime, arrived);
        if (rate.isTooSlow(readTime)) {
          throw fail(timedOut());
        }
      }
    }
  }

  /** A read of the connection, its wait counted on the read clock. */
  private int wireRead(byte[] b, int off, int len) throws IOException {
    long start = nanoClock.getAsLong();
    try {
      return connection.read(b, off, len, deadlineFrom(start));
    } finally {
      readTime += nanoClock.getAsLong() - start;
    }
  }

  /**
   * When, on the connection's clock, a read starting at {@code now} stops waiting: the moment at
   * which, with no more bytes, the stall timeout or the rate floor ends the transfer.
   */
  private long deadlineFrom(long now) {
    long end = lastByteAt + stallNanos;
    if (rate != null) {
      end = Math.min(end, rate.idleFailureTime(readTime));
    }
    return now + Math.max(0, end - readTime); // at most the stall timeout ahead: no overflow
  }

  private DownloadException timedOut() {
    if (rate != null && rate.isTooSlow(readTime)) {
      return new SlowRetrievalException(
          uri,
          "fewer than "
              + rate.minBytesPerWindow()
              + " bytes in the last window (got "
              + rate.bytesInWindow()
              + ")");
    }
    return new SlowRetrievalException(uri, stallTimeout);
  }

  private TransferFailure fail(DownloadException e) {
    ended = true;
    return new TransferFailure(e);
  }
}
