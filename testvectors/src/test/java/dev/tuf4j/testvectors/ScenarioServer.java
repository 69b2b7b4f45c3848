package dev.tuf4j.testvectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Serves one state of a scenario on 127.0.0.1: every file under {@code states/N/} at its relative
 * path (already percent-encoded as clients must request it), and the step's {@code serve} flags:
 * {@code endless} (a 200 whose body never ends), {@code slow} (a 200 that sends one byte every
 * 200 ms) and {@code status} ({@code {path: code}}).
 */
final class ScenarioServer implements AutoCloseable {
  /** The most an endless body sends before giving up on a client that never stops reading. */
  static final long ENDLESS_CAP = 64L << 20;
  /** How long a slow body trickles at most. */
  static final Duration SLOW_FOR = Duration.ofSeconds(30);

  private final TestServer server = TestServer.http();
  private final Set<String> served = new HashSet<>();
  private final Set<String> overridden = new HashSet<>();

  URI metadataUrl() {
    return server.uri("/metadata/");
  }

  URI targetsUrl() {
    return server.uri("/targets/");
  }

  List<String> requestLines() {
    return server.requestLines();
  }

  /** Serves {@code stateDir} (and nothing else) with {@code serve}'s behaviours. */
  void show(Path stateDir, @Nullable JsonObject serve) {
    served.forEach(server::remove);
    served.clear();
    overridden.forEach(server::clearOverride);
    overridden.clear();
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String path = "/" + stateDir.relativize(f).toString().replace('\\', '/');
        server.put(path, Files.readAllBytes(f));
        served.add(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (serve == null) {
      return;
    }
    for (String kind : serve.keys()) {
      switch (kind) {
        case "endless" -> override(((JsonString) serve.get(kind)).value(), ScenarioServer::endless);
        case "slow" -> override(((JsonString) serve.get(kind)).value(), ScenarioServer::slow);
        case "status" -> {
          JsonObject codes = (JsonObject) serve.get(kind);
          for (String path : codes.keys()) {
            override(path, TestServer.status((int) ((JsonNumber) codes.get(path)).value()));
          }
        }
        default -> throw new IllegalArgumentException("unknown serve flag " + kind);
      }
    }
  }

  private void override(String relative, HttpHandler handler) {
    String path = "/" + relative;
    server.override(path, handler);
    overridden.add(path);
  }

  /** A 200 without a length whose body is zeros until the client hangs up (or 64 MiB). */
  private static void endless(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = exchange.getResponseBody()) {
      for (long sent = 0; sent < ENDLESS_CAP; sent += chunk.length) {
        out.write(chunk);
      }
    } catch (IOException clientHungUp) {
      // What a client that caps its download does.
    }
  }

  /** A 200 without a length that sends a space every 200 ms: slow enough for any rate floor. */
  private static void slow(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    long end = System.nanoTime() + SLOW_FOR.toNanos();
    try (OutputStream out = exchange.getResponseBody()) {
      while (System.nanoTime() < end) {
        out.write(' ');
        out.flush();
        // The trickle itself is the behaviour under test, not a wait for something to happen.
        TimeUnit.MILLISECONDS.sleep(200);
      }
    } catch (IOException clientHungUp) {
      // The client gave up, as it should.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
