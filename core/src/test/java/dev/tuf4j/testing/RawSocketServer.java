package dev.tuf4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately misbehaving HTTP server on 127.0.0.1 (an ephemeral port), for what the JDK's
 * server will not do: close without answering, send garbage, lie about {@code Content-Length},
 * trickle or stall, never end a body, send a gzip bomb, speak HTTP/1.0 without a length.
 *
 * <p>Each connection carries one request: the server reads the request head, records it, runs the
 * {@link Script} (ready-made ones are the static methods here), then closes the connection. Every
 * loop in a script is bounded, and every wait ends when the server is closed, so a test that fails
 * half-way still ends. Thread-safe.
 *
 * <pre>{@code
 * try (RawSocketServer server = RawSocketServer.start(RawSocketServer.endlessBody())) {
 *   assertThrows(LengthExceededException.class, () -> fetcher.fetchBytes(server.uri("/x"), 1024));
 *   assertTrue(server.bytesWritten() < ...);
 * }
 * }</pre>
 */
public final class RawSocketServer implements AutoCloseable {
  /** The longest any script waits, whatever it was asked, so no test hangs. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Bound on the bytes the endless scripts send. */
  public static final long ENDLESS_LIMIT = 1L << 30;

  private static final int MAX_REQUEST_HEAD = 64 * 1024;

  /** What the server does with one connection, after reading its request head. */
  @FunctionalInterface
  public interface Script {
    void serve(Exchange exchange) throws IOException;
  }

  /** One request head as received. {@code connection} counts from 0 in accept order. */
  public record RawRequest(
      int connection,
      String method,
      String path,
      String version,
      Map<String, List<String>> headers) {
    public RawRequest {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      headers = Collections.unmodifiableMap(copy);
    }

    public @Nullable String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code "GET /path"}. */
    public String line() {
      return method + " " + path;
    }
  }

  /** A script's view of its connection. */
  public final class Exchange {
    private final RawRequest request;
    private final Socket socket;
    private final OutputStream out;

    private Exchange(RawRequest request, Socket socket) throws IOException {
      this.request = request;
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    public RawRequest request() {
      return request;
    }

    /**
     * Reads and records the next request on this connection, for scripts that keep connections
     * alive; {@code null} when the client closed it or sent something that is not a request head.
     */
    public @Nullable RawRequest nextRequest() throws IOException {
      RawRequest next = readHead(socket.getInputStream(), request.connection());
      if (next != null) {
        requests.add(next);
      }
      return next;
    }

    /** Sends bytes (counted in {@link #bytesWritten()}) and flushes them. */
    public void write(byte[] bytes) throws IOException {
      write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int off, int len) throws IOException {
      out.write(bytes, off, len);
      out.flush();
      bytesWritten.addAndGet(len);
    }

    /** Sends text as ISO-8859-1, the encoding of HTTP heads. */
    public void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Waits {@code duration} (at most {@link #MAX_WAIT}); false if the server closed meanwhile, in
     * which case the script should return.
     */
    public boolean pause(Duration duration) {
      Duration d = duration.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : duration;
      try {
        return !closedSignal.await(d.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Keeps the connection open, sending nothing, until the server closes (or MAX_WAIT). */
    public void holdOpen() {
      pause(MAX_WAIT);
    }

    /**
     * Aborts the connection with a TCP reset instead of an orderly close: {@code SO_LINGER 0}
     * makes the close discard unsent data and send RST. The script should return afterwards.
     */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }
  }

  private final ServerSocket serverSocket;
  private final Script script;
  private final ExecutorService threads;
  private final CountDownLatch closedSignal = new CountDownLatch(1);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<RawRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final java.util.concurrent.Semaphore finished = new java.util.concurrent.Semaphore(0);
  private volatile boolean closed;

  private RawSocketServer(Script script) throws IOException {
    this.script = script;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "raw-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::acceptLoop);
  }

  /** Starts a server that runs {@code script} for every connection. */
  public static RawSocketServer start(Script script) {
    try {
      return new RawSocketServer(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT} + {@code path} (which starts with {@code /}). */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** Every request head received so far, in arrival order. */
  public List<RawRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many connections were accepted (with or without a request). */
  public int connectionCount() {
    return connections.get();
  }

  /**
   * Waits until {@code count} connections have been served to the end and closed by the server
   * (at most {@link #MAX_WAIT}); false if that did not happen in time.
   */
  public boolean awaitConnectionsClosed(int count) throws InterruptedException {
    if (!finished.tryAcquire(count, MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    finished.release(count);
    return true;
  }

  /** How many bytes scripts managed to write (into socket buffers) in all. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  @Override
  public void close() {
    closed = true;
    closedSignal.countDown();
    closeAll(serverSocket, open, threads);
  }

  /**
   * Closes a test server's listening socket and open connections, then stops its threads (waiting
   * at most 5 s): shared with {@link TunnelProxy}.
   */
  static void closeAll(ServerSocket listener, Set<Socket> open, ExecutorService threads) {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // closed
      }
      int index = connections.getAndIncrement();
      open.add(socket);
      try {
        threads.execute(() -> handle(socket, index));
      } catch (RuntimeException e) {
        closeQuietly(socket);
        return; // shutting down
      }
    }
  }

  private void handle(Socket socket, int index) {
    try (socket) {
      socket.setSoTimeout((int) MAX_WAIT.toMillis());
      socket.setTcpNoDelay(true);
      socket.setSendBufferSize(16 * 1024);
      RawRequest request = readHead(socket.getInputStream(), index);
      if (request == null) {
        return;
      }
      requests.add(request);
      script.serve(new Exchange(request, socket));
    } catch (IOException e) {
      // The client went away, or the server is closing: what hostile scripts expect.
    } finally {
      open.remove(socket);
      finished.release();
    }
  }

  private static @Nullable RawRequest readHead(InputStream in, int index) throws IOException {
    String head = readHeadText(in);
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n");
    String[] start = lines[0].split(" ", 3);
    if (start.length != 3) {
      return null;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : Arrays.asList(lines).subList(1, lines.length)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(line.substring(colon + 1).strip());
      }
    }
    return new RawRequest(index, start[0], start[1], start[2], headers);
  }

  /**
   * A request head up to and without its blank line, read byte by byte (nothing after it is
   * consumed); {@code null} at the end of the stream or past {@value #MAX_REQUEST_HEAD} bytes.
   * Shared with {@link TunnelProxy}.
   */
  static @Nullable String readHeadText(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0 || head.size() >= MAX_REQUEST_HEAD) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing to do.
    }
  }

  // ---- Ready-made scripts. ----

  /** Closes the connection without sending a byte. */
  public static Script closeWithoutResponse() {
    return exchange -> {};
  }

  /** Accepts the request and never answers (until the server closes). */
  public static Script silent() {
    return Exchange::holdOpen;
  }

  /** Sends {@code text} (not HTTP) and closes. */
  public static Script garbage(String text) {
    return exchange -> exchange.write(text);
  }

  /** An HTTP/1.0 response without {@code Content-Length}: the body ends when the server closes. */
  public static Script http10(byte[] body) {
    byte[] copy = body.clone();
    return exchange -> {
      exchange.write("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
      exchange.write(copy);
    };
  }

  /**
   * A 200 that declares {@code Content-Length: declared} but sends {@code actual}; then, if {@code
   * holdOpen}, keeps the connection open without sending more, else closes it.
   */
  public static Script contentLength(long declared, byte[] actual, boolean holdOpen) {
    byte[] copy = actual.clone();
    return exchange -> {
      exchange.write(head(200, "Content-Length: " + declared));
      exchange.write(copy);
      if (holdOpen) {
        exchange.holdOpen();
      }
    };
  }

  /**
   * A 200 without {@code Content-Length} whose body never ends: zeros until the client goes away
   * (or {@link #ENDLESS_LIMIT} bytes).
   */
  public static Script endlessBody() {
    return exchange -> {
      exchange.write(head(200));
      byte[] zeros = new byte[16 * 1024];
      for (long sent = 0; sent < ENDLESS_LIMIT; sent += zeros.length) {
        exchange.write(zeros);
      }
    };
  }

  /**
   * A response head that never ends: header lines until the client goes away (or {@link
   * #ENDLESS_LIMIT} bytes).
   */
  public static Script endlessHeaders() {
    return exchange -> {
      exchange.write("HTTP/1.1 200 OK\r\n");
      String line = "X-Filler: " + "a".repeat(1000) + "\r\n";
      for (long sent = 0; sent < ENDLESS_LIMIT; sent += line.length()) {
        exchange.write(line);
      }
    };
  }

  /**
   * Serves {@code body} (with its true {@code Content-Length}) {@code bytesPerStep} bytes at a
   * time, pausing {@code every} between steps: the slow retrieval attack.
   */
  public static Script trickle(byte[] body, int bytesPerStep, Duration every) {
    byte[] copy = body.clone();
    return exchange -> {
      exchange.write(head(200, "Content-Length: " + copy.length));
      for (int off = 0; off < copy.length; off += bytesPerStep) {
        if (!exchange.pause(every)) {
          return;
        }
        exchange.write(copy, off, Math.min(bytesPerStep, copy.length - off));
      }
    };
  }

  /**
   * Declares {@code body}'s length, sends its first {@code sent} bytes, then holds the connection
   * open without sending more.
   */
  public static Script stallAfter(byte[] body, int sent) {
    byte[] copy = body.clone();
    return exchange -> {
      exchange.write(head(200, "Content-Length: " + copy.length));
      exchange.write(copy, 0, sent);
      exchange.holdOpen();
    };
  }

  /**
   * Declares {@code body}'s length, sends its first {@code sent} bytes, then resets the
   * connection (TCP RST via {@code SO_LINGER 0}) instead of closing it.
   */
  public static Script resetAfter(byte[] body, int sent) {
    byte[] copy = body.clone();
    return exchange -> {
      exchange.write(head(200, "Content-Length: " + copy.length));
      exchange.write(copy, 0, sent);
      exchange.reset();
    };
  }

  /**
   * A response head of about {@code headerBytes} bytes of header lines (each 1000 bytes), then a
   * 200 body with its true length: the huge headers attack, finite, so that only a client-side
   * cap on the head can refuse it.
   */
  public static Script hugeHeaders(long headerBytes, byte[] body) {
    byte[] copy = body.clone();
    return exchange -> {
      exchange.write("HTTP/1.1 200 OK\r\nContent-Length: " + copy.length + "\r\n");
      String line = "X-Filler: " + "a".repeat(988) + "\r\n";
      for (long sent = 0; sent < headerBytes; sent += line.length()) {
        exchange.write(line);
      }
      exchange.write("Connection: close\r\n\r\n");
      exchange.write(copy);
    };
  }

  /**
   * A redirect loop: the request path without a query is sent to the same path with {@code
   * ?again}, and that one back to the path without a query.
   */
  public static Script redirectLoop(int status) {
    return exchange -> {
      String path = exchange.request().path();
      int q = path.indexOf('?');
      exchange.write(
          head(
              status,
              "Location: " + (q < 0 ? path + "?again" : path.substring(0, q)),
              "Content-Length: 0"));
    };
  }

  /**
   * A 200 with {@code Content-Type: text/html} and an HTML error page as body, as a captive
   * portal, a misconfigured CDN or a proxy's error handler would send.
   */
  public static Script htmlErrorPage() {
    byte[] page =
        ("<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n"
                + "<body><h1>Service Unavailable</h1><p>The server is temporarily unable to"
                + " service your request. Please try again later.</p></body></html>\n")
            .getBytes(StandardCharsets.US_ASCII);
    return exchange -> {
      exchange.write(
          head(200, "Content-Type: text/html; charset=utf-8", "Content-Length: " + page.length));
      exchange.write(page);
    };
  }

  /** Answers {@code status} with {@code Location: location} and an empty body. */
  public static Script redirect(int status, String location) {
    return exchange -> exchange.write(head(status, "Location: " + location, "Content-Length: 0"));
  }

  /** Answers {@code status} with a short body. */
  public static Script status(int status) {
    return exchange -> {
      byte[] body = ("status " + status + "\n").getBytes(StandardCharsets.US_ASCII);
      exchange.write(head(status, "Content-Length: " + body.length));
      exchange.write(body);
    };
  }

  /**
   * A gzip bomb: {@code Content-Encoding: gzip}, no {@code Content-Length}, and a valid gzip stream
   * of {@code decodedSize} zero bytes (a multiple of 1 MiB) that is about a thousand times smaller.
   * Sent as fast as the client reads it.
   */
  public static Script gzipBomb(long decodedSize) {
    int mib = 1 << 20;
    if (decodedSize <= 0 || decodedSize % mib != 0) {
      throw new IllegalArgumentException("decodedSize must be a positive multiple of 1 MiB");
    }
    byte[] zeros = new byte[mib];
    // One MiB of zeros, deflated from a fresh state and flushed to a byte boundary: a block
    // that can be repeated, since it refers to nothing before it.
    byte[] block = deflateFlushed(zeros);
    byte[] last = deflateEnd();
    CRC32 crc = new CRC32();
    for (long i = 0; i < decodedSize / mib; i++) {
      crc.update(zeros);
    }
    byte[] trailer = littleEndian(crc.getValue(), decodedSize);
    byte[] gzipHeader = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    long blocks = decodedSize / mib;
    return exchange -> {
      exchange.write(head(200, "Content-Encoding: gzip"));
      exchange.write(gzipHeader);
      for (long i = 0; i < blocks; i++) {
        exchange.write(block);
      }
      exchange.write(last);
      exchange.write(trailer);
    };
  }

  /**
   * A response head: {@code HTTP/1.1 status}, the given header lines, and {@code Connection: close}
   * (each connection carries one request).
   */
  public static String head(int status, String... headerLines) {
    StringBuilder sb =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reason(status))
            .append("\r\n");
    for (String line : headerLines) {
      sb.append(line).append("\r\n");
    }
    return sb.append("Connection: close\r\n\r\n").toString();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 307:
        return "Temporary Redirect";
      case 404:
        return "Not Found";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  /** Raw deflate of {@code input}, ended with a full flush (a byte-aligned, non-final end). */
  private static byte[] deflateFlushed(byte[] input) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length || !deflater.needsInput());
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** A final, empty fixed-Huffman deflate block: ends a raw deflate stream. */
  private static byte[] deflateEnd() {
    return new byte[] {0x03, 0x00};
  }

  private static byte[] littleEndian(long crc, long size) {
    byte[] b = new byte[8];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (crc >>> (8 * i));
      b[4 + i] = (byte) (size >>> (8 * i));
    }
    return b;
  }
}
