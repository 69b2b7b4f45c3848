package dev.tuf4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A static file server for a repository folder on the JDK's HTTP server: GET and HEAD of regular
 * files below the folder, nothing else. No directory listing, no file whose name starts with a
 * dot (the repository's temporary files are named so), and nothing outside the folder: each path
 * segment is decoded on its own and refused if it is empty, {@code .}, {@code ..} or holds a
 * separator, and the file's real path (symbolic links resolved) must still lie inside the
 * folder. Anything refused or missing is a plain 404, so the answer says nothing about what
 * exists outside.
 */
final class ServeServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService pool;
  private final Path root;
  private final URI baseUrl;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  private ServeServer(HttpServer server, ExecutorService pool, Path root, URI baseUrl) {
    this.server = server;
    this.pool = pool;
    this.root = root;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts serving {@code folder} on {@code address} (port 0: any free port), over TLS when
   * {@code tls} is given, else plain HTTP.
   */
  static ServeServer start(Path folder, InetSocketAddress address, @Nullable SSLContext tls) throws IOException {
    Path root = folder.toRealPath();
    if (!Files.isDirectory(root)) {
      throw new IOException(folder + " is not a folder");
    }
    HttpServer server;
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "tuf4j-serve");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    URI base = URI.create((tls != null ? "https" : "http") + "://" + host + ":" + server.getAddress().getPort() + "/");
    ServeServer s = new ServeServer(server, pool, root, base);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** {@code http(s)://host:port/}. */
  URI baseUrl() {
    return baseUrl;
  }

  /** Body bytes sent so far (for the demo's report). */
  long bytesSent() {
    return bytesSent.get();
  }

  long requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendText(exchange, 405, "method not allowed\n", false);
        return;
      }
      Path file = resolve(exchange.getRequestURI().getRawPath());
      if (file == null) {
        sendText(exchange, 404, "not found\n", head);
        return;
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        long length = Files.size(file);
        exchange.getResponseHeaders().set("Content-Type", contentType(file));
        if (head) {
          // The JDK server sends no body for HEAD; the length must be set by hand.
          exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
          exchange.sendResponseHeaders(200, -1);
          return;
        }
        // Length 0 would mean "chunked" to the JDK server; -1 means an empty body.
        exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
          bytesSent.addAndGet(in.transferTo(out));
        }
      } catch (NoSuchFileException e) {
        sendText(exchange, 404, "not found\n", head);
      }
    }
  }

  /**
   * The regular file a raw request path names inside the folder, or null. Percent-encoding is
   * decoded segment by segment, so an encoded {@code /} or {@code ..} stays inside its segment
   * and is refused there.
   */
  @Nullable Path resolve(@Nullable String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return null;
    }
    Path p = root;
    String[] segments = rawPath.substring(1).split("/", -1);
    for (String raw : segments) {
      String s = decode(raw);
      if (s == null || s.isEmpty() || s.startsWith(".") || s.indexOf('/') >= 0 || s.indexOf('\\') >= 0
          || s.indexOf('\0') >= 0) {
        return null;
      }
      p = p.resolve(s);
    }
    try {
      // Symbolic links are followed only as far as they stay inside the folder.
      Path real = p.toRealPath();
      if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      return real;
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** Strict percent-decoding as UTF-8; null for a malformed escape or invalid UTF-8. */
  static @Nullable String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return null; // a raw path is ASCII
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? "application/json" : "application/octet-stream";
  }

  private static void sendText(HttpExchange exchange, int status, String text, boolean head) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops at once: open exchanges are cut, the threads end. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
