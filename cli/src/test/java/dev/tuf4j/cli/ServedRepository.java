package dev.tuf4j.cli;

import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * A {@link RepositorySimulator} published into a real {@link TestServer} on 127.0.0.1, which logs
 * every request: metadata under {@code /metadata/}, targets under {@code /targets/}.
 */
final class ServedRepository implements AutoCloseable {
  final RepositorySimulator repo;
  final TestServer server;

  private ServedRepository(RepositorySimulator repo, TestServer server) {
    this.repo = repo;
    this.server = server;
  }

  static ServedRepository http() {
    return new ServedRepository(new RepositorySimulator(), TestServer.http());
  }

  static ServedRepository https(SSLContext serverContext) {
    return new ServedRepository(new RepositorySimulator(), TestServer.https(serverContext));
  }

  /** Puts the repository as it is now on the server (call again after changing it). */
  ServedRepository publish() {
    repo.publishTo(server);
    return this;
  }

  String metadataUrl() {
    return server.baseUri() + "metadata/";
  }

  String targetsUrl() {
    return server.baseUri() + "targets/";
  }

  byte[] initialRoot() {
    return repo.signedRoots.get(0);
  }

  /** Writes the first root to {@code file}, for {@code client init}. */
  Path writeInitialRoot(Path file) {
    try {
      return Files.write(file, initialRoot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
