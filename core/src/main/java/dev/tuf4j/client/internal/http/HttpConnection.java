package dev.tuf4j.client.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection, plain or TLS, used by one exchange at a time.
 *
 * <p>The socket is a {@link SocketChannel}'s blocking socket adaptor (with TLS layered on it)
 * rather than a plain {@link Socket}, for two reasons a security library cannot do without:
 * interrupting the thread that reads closes the channel and ends the read ({@link
 * java.nio.channels.ClosedByInterruptException}), and {@link #abort()} from any other thread ends a
 * blocked read at once. On JDK 17 a plain socket does neither.
 *
 * <p>Every read has a deadline, an absolute {@link System#nanoTime()} reading; a read that finds
 * nothing by then throws {@link SocketTimeoutException}, after which the connection must be
 * aborted. Bytes already received are returned even when the deadline has passed, so time the
 * caller spent elsewhere is never blamed on the server. The deadline holds for every read of the
 * socket below, the TLS handshake's and those TLS makes to complete a record included ({@link
 * DeadlineSocket}).
 */
public final class HttpConnection {
  private static final int BUFFER = 16384;

  private final Route route;
  private final SocketChannel channel;
  private @Nullable DeadlineSocket raw; // once connected
  private InputStream in;
  private OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private int pos;
  private int limit;
  private long bytesRead;
  private long idleSince;

  /**
   * An unconnected connection on {@code route}: it can be tracked (and aborted) before {@link
   * #connect} starts.
   */
  public HttpConnection(Route route) throws IOException {
    this.route = route;
    this.channel = SocketChannel.open();
  }

  /** Supplies the TLS socket factory when the first HTTPS connection needs it. */
  @FunctionalInterface
  public interface TlsFactory {
    SSLSocketFactory get() throws IOException;
  }

  /**
   * Connects: TCP, then the proxy tunnel if any, then the TLS handshake with host name
   * verification, all before {@code deadline}. On failure the connection is closed.
   *
   * @throws SocketTimeoutException the deadline passed (a connect or handshake timeout)
   * @throws Route.TunnelRefused the proxy answered {@code CONNECT} with another status than 2xx
   * @throws IOException any other failure
   */
  public void connect(long deadline, String userAgent, TlsFactory tls) throws IOException {
    boolean done = false;
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Socket adaptor = channel.socket();
      adaptor.connect(route.connectAddress(), millisUntil(deadline));
      raw = new DeadlineSocket(adaptor);
      in = raw.getInputStream();
      out = raw.getOutputStream();
      if (route.tunnels()) {
        openTunnel(deadline, userAgent);
      }
      if (route.tls()) {
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(raw, route.host(), route.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818 host name checks
        ssl.setSSLParameters(parameters);
        raw.deadline = deadline;
        ssl.startHandshake();
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
      }
      done = true;
    } finally {
      if (!done) {
        abort();
      }
    }
  }

  /** Asks the proxy for a tunnel (RFC 9110, section 9.3.6); only a 2xx opens it. */
  private void openTunnel(long deadline, String userAgent) throws IOException {
    write(route.connectRequest(userAgent));
    ResponseHead head = ResponseHead.read(this, deadline);
    if (head.status() < 200 || head.status() > 299) {
      throw new Route.TunnelRefused(
          "the proxy " + route.proxy() + " refused the tunnel with status " + head.status());
    }
    if (pos != limit) {
      throw new ProtocolException("the proxy sent bytes after accepting the tunnel");
    }
  }

  public Route route() {
    return route;
  }

  /** Bytes received since the connection opened, for telling whether a response has begun. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Sends a request head. */
  public void write(byte[] request) throws IOException {
    out.write(request);
    out.flush();
  }

  /**
   * Reads at most {@code len} bytes, waiting until {@code deadline} for the first.
   *
   * @return the number read, at least 1, or -1 at the end of the stream
   */
  public int read(byte[] b, int off, int len, long deadline) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (pos == limit) {
      if (len >= buffer.length) {
        return readSocket(b, off, len, deadline);
      }
      if (!fill(deadline)) {
        return -1;
      }
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buffer, pos, b, off, n);
    pos += n;
    return n;
  }

  /**
   * Reads one line ending in LF (a CR before it is dropped) as ISO-8859-1 text.
   *
   * @param budget how many bytes the line may take, its terminator included
   * @return the line, or {@code null} at the end of the stream before any byte of it
   * @throws ProtocolException the line is longer than {@code budget}
   * @throws EOFException the stream ended within the line
   */
  public String readLine(int budget, long deadline) throws IOException {
    StringBuilder line = null;
    int used = 0;
    while (true) {
      if (pos == limit && !fill(deadline)) {
        if (line == null) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a line");
      }
      int start = pos;
      int end = start;
      int stop = Math.min(limit, start + (budget - used));
      while (end < stop && buffer[end] != '\n') {
        end++;
      }
      if (line == null) {
        line = new StringBuilder(Math.max(16, end - start));
      }
      boolean found = end < stop;
      appendLatin1(line, start, end);
      used += end - start + (found ? 1 : 0);
      pos = found ? end + 1 : end;
      if (found) {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return line.toString();
      }
      if (used >= budget) {
        throw new ProtocolException("a line longer than " + budget + " bytes");
      }
    }
  }

  private void appendLatin1(StringBuilder sb, int from, int to) {
    for (int i = from; i < to; i++) {
      sb.append((char) (buffer[i] & 0xff));
    }
  }

  private boolean fill(long deadline) throws IOException {
    int n = readSocket(buffer, 0, buffer.length, deadline);
    if (n < 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private int readSocket(byte[] b, int off, int len, long deadline) throws IOException {
    raw.deadline = deadline;
    int n;
    do {
      n = in.read(b, off, len);
    } while (n == 0);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  /**
   * Milliseconds from now until {@code deadline}, rounded up and at least 1: a socket timeout of 0
   * would mean forever, and 1 still returns what has already arrived.
   */
  static int millisUntil(long deadline) {
    long nanos = deadline - System.nanoTime();
    if (nanos <= 0) {
      return 1;
    }
    long millis = (nanos + 999_999) / 1_000_000;
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  /** Marks the connection idle now, as it goes back to the pool. */
  void markIdle(long now) {
    idleSince = now;
  }

  long idleSince() {
    return idleSince;
  }

  /**
   * Closes the connection at once, from any thread: a read blocked on it ends with an {@link
   * java.nio.channels.AsynchronousCloseException}. TLS is not closed politely (no {@code
   * close_notify}): that could block on a peer that does not read, and HTTP framing, not TLS
   * closure, tells a client where a response ends. Idempotent.
   */
  public void abort() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing is left to release.
    }
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Whether this idle connection can carry a request: open, and nothing arrived while it sat idle.
   * A server that closed it would make the request fail; bytes that no request asked for would be
   * taken for the next response (a desynchronised connection). Checked without blocking.
   */
  boolean quietWhileIdle() {
    if (!channel.isOpen() || pos != limit) {
      return false;
    }
    try {
      channel.configureBlocking(false);
      try {
        return channel.read(ByteBuffer.allocate(1)) == 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException e) {
      return false;
    }
  }
}
