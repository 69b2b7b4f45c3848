package dev.tuf4j.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A static file server on 127.0.0.1 (an ephemeral port), as a CDN in front of a published
 * repository would be: {@code GET /<mount>/<path>} answers the file under the mounted folder, or
 * 404. Counts requests and body bytes sent, so that each client run can report what it
 * downloaded ({@link #resetCounters}, {@link #bytesSent}).
 */
final class StaticServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Path> mounts = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  StaticServer() throws IOException {
    // Without TCP_NODELAY the JDK server's small responses wait for the client's delayed ACK
    // (about 40-200 ms per request on Linux): the benchmark would time the network stack.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "static-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code folder} under {@code http://127.0.0.1:port/<name>/}; returns that URL. */
  URI mount(String name, Path folder) {
    mounts.put(name, folder);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
  }

  /** The address of a raw path on this server, as {@link #paths} gives them. */
  URI uri(String rawPath) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + rawPath);
  }

  void resetCounters() {
    bytes.set(0);
    requests.set(0);
    paths.clear();
  }

  /** The raw paths requested since the last reset, in the order they arrived. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  /**
   * Whether a thread by this name serves requests here: the executor's, and the JDK server's
   * dispatcher and timer threads. Client CPU figures leave them out.
   */
  static boolean isServerThread(String name) {
    return name.startsWith("static-server") || name.startsWith("HTTP-Dispatcher")
        || name.startsWith("server-timer") || name.startsWith("idle-timeout");
  }

  /**
   * The body a raw path answers, read from the mounted folder now, or null for a 404: the same
   * bytes a request would get, without a request. Counts nothing.
   */
  byte[] body(String rawPath) throws IOException {
    Path file = resolve(rawPath);
    try {
      return file == null ? null : Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Body bytes sent since the last reset. */
  long bytesSent() {
    return bytes.get();
  }

  /** Requests answered (found or not) since the last reset. */
  long requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      paths.add(exchange.getRequestURI().getRawPath());
      Path file = resolve(exchange.getRequestURI().getRawPath());
      byte[] body;
      try {
        body = file == null ? null : Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        body = null;
      }
      if (body == null || !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(body == null ? 404 : 405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      bytes.addAndGet(body.length);
    }
  }

  /** The file a raw URL path names, or null; never a file outside the mounted folder. */
  private Path resolve(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    if (segments.length < 3 || !segments[0].isEmpty()) {
      return null;
    }
    Path base = mounts.get(segments[1]);
    if (base == null) {
      return null;
    }
    Path p = base;
    for (int i = 2; i < segments.length; i++) {
      String s = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("/") || s.contains("\\")) {
        return null;
      }
      p = p.resolve(s);
    }
    return Files.isRegularFile(p) ? p : null;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
