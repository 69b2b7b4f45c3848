package dev.tuf4j.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A well-behaved HTTP or HTTPS server on 127.0.0.1 (an ephemeral port) for tests, built on the
 * JDK's {@link HttpServer}. It serves a mutable map of paths to bytes (200 with {@code
 * Content-Length}, else 404), records every request in arrival order, and lets a test override what
 * one path does: a status, a redirect, gzip, a wait on a latch, or any handler.
 *
 * <p>Paths are the raw request path as sent on the wire, starting with {@code /} and still
 * percent-encoded ({@code "/metadata/a%2Fb.json"}); a query string is part of the path.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.http()) {
 *   server.put("/1.root.json", bytes);
 *   server.failTimes("/timestamp.json", 503, 2);
 *   ... fetch server.uri("/1.root.json") ...
 *   assertEquals(List.of("GET /1.root.json"), server.requestLines());
 * }
 * }</pre>
 *
 * Thread-safe. For misbehaviour the JDK server cannot produce, use {@link RawSocketServer}.
 */
public final class TestServer implements AutoCloseable {
  /** How long a {@link #awaiting} handler waits for its latch at most, so no test hangs. */
  public static final Duration MAX_HOLD = Duration.ofSeconds(30);

  /** One request as the server saw it. */
  public record RecordedRequest(String method, String path, Map<String, List<String>> headers) {
    public RecordedRequest {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header (names are case-insensitive), or null. */
    public @Nullable String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code "GET /path"}. */
    public String line() {
      return method + " " + path;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String scheme;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();

  private TestServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-server-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** A plain HTTP server, started. */
  public static TestServer http() {
    try {
      return new TestServer(HttpServer.create(loopback(), 0), "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server using {@code serverContext} (see {@link TestCa#serverSslContext()}). */
  public static TestServer https(SSLContext serverContext) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
      return new TestServer(server, "https");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/} (or https), ending in a slash. */
  public URI baseUri() {
    return URI.create(scheme + "://127.0.0.1:" + port() + "/");
  }

  /** The URI of {@code path}, which starts with {@code /}, used exactly as given. */
  public URI uri(String path) {
    requirePath(path);
    return URI.create(scheme + "://127.0.0.1:" + port() + path);
  }

  /** Serves {@code body} at {@code path} from now on. */
  public void put(String path, byte[] body) {
    files.put(requirePath(path), body.clone());
  }

  /** Stops serving {@code path}: it answers 404 (unless overridden). */
  public void remove(String path) {
    files.remove(path);
  }

  /** Lets {@code handler} answer every request for {@code path}, instead of the file map. */
  public void override(String path, HttpHandler handler) {
    overrides.put(requirePath(path), handler);
  }

  /** Undoes {@link #override} and {@link #failTimes} for {@code path}. */
  public void clearOverride(String path) {
    overrides.remove(path);
  }

  /**
   * Answers {@code path} with {@code status} for the next {@code times} requests, then normally.
   */
  public void failTimes(String path, int status, int times) {
    AtomicInteger left = new AtomicInteger(times);
    HttpHandler normal = this::serveFile;
    override(
        path,
        exchange -> {
          if (left.getAndDecrement() > 0) {
            status(status).handle(exchange);
          } else {
            normal.handle(exchange);
          }
        });
  }

  /** Every request so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** {@code "GET /path"} for every request so far, in arrival order. */
  public List<String> requestLines() {
    return requests().stream().map(RecordedRequest::line).toList();
  }

  /** How many requests asked for {@code path}. */
  public int requestCount(String path) {
    return (int) requests().stream().filter(r -> r.path().equals(path)).count();
  }

  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- Ready-made handlers for override(). ----

  /** Answers {@code status} with a short text body. */
  public static HttpHandler status(int status) {
    byte[] body = ("status " + status + "\n").getBytes(StandardCharsets.US_ASCII);
    return exchange -> respond(exchange, status, body);
  }

  /** Answers {@code status} (301, 302, 303, 307, 308) with {@code Location: location}. */
  public static HttpHandler redirect(int status, String location) {
    return exchange -> {
      exchange.getResponseHeaders().set("Location", location);
      respond(exchange, status, new byte[0]);
    };
  }

  /** Serves {@code body} gzip-compressed, with {@code Content-Encoding: gzip}. */
  public static HttpHandler gzipped(byte[] body) {
    byte[] compressed = gzip(body);
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      respond(exchange, 200, compressed);
    };
  }

  /**
   * Waits until {@code latch} opens (at most {@link #MAX_HOLD}), then lets {@code then} answer: for
   * tests that must hold a response while they look at the client.
   */
  public static HttpHandler awaiting(CountDownLatch latch, HttpHandler then) {
    return exchange -> {
      try {
        latch.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
      then.handle(exchange);
    };
  }

  /** Serves {@code body} with status 200 (for {@link #awaiting} and custom handlers). */
  public static HttpHandler ok(byte[] body) {
    byte[] copy = body.clone();
    return exchange -> respond(exchange, 200, copy);
  }

  /** gzip-compresses bytes. */
  public static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI target = exchange.getRequestURI();
      String path =
          target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      synchronized (requests) {
        requests.add(
            new RecordedRequest(
                exchange.getRequestMethod(), path, copy(exchange.getRequestHeaders())));
      }
      exchange.getRequestBody().readAllBytes();
      HttpHandler override = overrides.get(path);
      if (override != null) {
        override.handle(exchange);
      } else {
        serveFile(exchange);
      }
    }
  }

  private void serveFile(HttpExchange exchange) throws IOException {
    URI target = exchange.getRequestURI();
    String path =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    if (!exchange.getRequestMethod().equals("GET")) {
      respond(exchange, 405, new byte[0]);
      return;
    }
    byte[] body = files.get(path);
    if (body == null) {
      status(404).handle(exchange);
    } else {
      respond(exchange, 200, body);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    // The JDK server writes "Content-length: 0" for -1, and chunks for 0; send what we mean.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, List<String>> copy(Headers headers) {
    Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return result;
  }

  private static String requirePath(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("paths start with '/': " + path);
    }
    return path;
  }

  private static InetSocketAddress loopback() throws IOException {
    return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
  }
}
