package dev.tuf4j.client.hostile;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.StorageException;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A repository on a {@link RawSocketServer} (127.0.0.1, ephemeral port) that serves good content
 * for every path except one, where it runs a {@link Misbehaviour}. One server serves a whole
 * catalogue: {@link #misbehave} and {@link #behave} switch the hostile path between cases.
 */
final class HostileRepositoryServer implements AutoCloseable {
  private record Hostility(String path, Misbehaviour misbehaviour, RawSocketServer.Script script) {}

  private final Function<String, byte @Nullable []> content;
  private final RawSocketServer server;
  private final AtomicInteger hostileHits = new AtomicInteger();
  private final AtomicInteger goodHits = new AtomicInteger();
  private volatile @Nullable Hostility hostility;

  /**
   * @param content the good body of a path (with its query, if any), or null for 404
   */
  HostileRepositoryServer(Function<String, byte @Nullable []> content) {
    this.content = content;
    this.server = RawSocketServer.start(this::serve);
  }

  /** Serves what {@code repo} serves now: {@code /metadata/...} and {@code /targets/...}. */
  static HostileRepositoryServer serving(RepositorySimulator repo) {
    return new HostileRepositoryServer(path -> simulatorBody(repo, path));
  }

  /** The base URI of the metadata, ending with {@code /}. */
  URI metadataBase() {
    return server.uri("/metadata/");
  }

  URI targetBase() {
    return server.uri("/targets/");
  }

  URI uri(String path) {
    return server.uri(path);
  }

  /**
   * From now on, {@code path} (the query ignored) gets {@code misbehaviour}; {@code elsewhere} is
   * the other origin that redirects point to.
   */
  void misbehave(String path, Misbehaviour misbehaviour, URI elsewhere) {
    byte[] good = content.apply(path);
    // Where the repository has nothing (the next root), the hostile body is a plausible file.
    byte[] body = good != null ? good : content.apply("/metadata/1.root.json");
    hostility = new Hostility(path, misbehaviour, misbehaviour.script(body, elsewhere));
    hostileHits.set(0);
    goodHits.set(0);
  }

  /** Every path served well again. */
  void behave() {
    hostility = null;
  }

  /** Requests that met the misbehaviour since {@link #misbehave}. */
  int hostileHits() {
    return hostileHits.get();
  }

  /** Requests served well since {@link #misbehave} (or since the start). */
  int goodHits() {
    return goodHits.get();
  }

  /** Bytes written into sockets in all; a difference of two readings bounds one case. */
  long bytesWritten() {
    return server.bytesWritten();
  }

  @Override
  public void close() {
    server.close();
  }

  private void serve(RawSocketServer.Exchange exchange) throws IOException {
    String path = exchange.request().path();
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    Hostility h = hostility;
    if (h != null && h.path().equals(bare)) {
      hostileHits.incrementAndGet();
      h.script().serve(exchange);
      return;
    }
    goodHits.incrementAndGet();
    byte[] body = content.apply(path);
    if (body == null) {
      RawSocketServer.status(404).serve(exchange);
      return;
    }
    exchange.write(RawSocketServer.head(200, "Content-Length: " + body.length));
    exchange.write(body);
  }

  private static byte @Nullable [] simulatorBody(RepositorySimulator repo, String path) {
    URI uri;
    if (path.startsWith("/metadata/")) {
      uri = URI.create(RepositorySimulator.METADATA_URL + path.substring("/metadata/".length()));
    } else if (path.startsWith("/targets/")) {
      uri = URI.create(RepositorySimulator.TARGETS_URL + path.substring("/targets/".length()));
    } else {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      repo.fetch(uri, Long.MAX_VALUE, out);
      return out.toByteArray();
    } catch (HttpStatusException e) {
      return null;
    } catch (DownloadException | StorageException e) {
      throw new IllegalStateException("the simulator failed to serve " + path, e);
    }
  }
}
