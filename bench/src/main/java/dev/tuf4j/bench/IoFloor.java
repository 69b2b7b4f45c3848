package dev.tuf4j.bench;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.client.Fetcher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The I/O a cold run cannot avoid, measured on this machine: every request it made, made again
 * over the JDK's plain blocking client ({@link BareUrlConnectionFetcher}: one kept-alive
 * connection, no hostile-server checks), and every file that came back written durably the way a
 * client must store what it trusts (a temporary file forced to disk, renamed, the folder forced
 * once at the end). Nothing is parsed, hashed or verified: that is the other floor.
 */
final class IoFloor {
  private IoFloor() {}

  /** Fetches {@code paths} from {@code server} and stores each body in {@code folder}. */
  static void run(StaticServer server, List<String> paths, Path folder) throws IOException {
    Files.createDirectories(folder);
    int n = 0;
    Fetcher plain = new BareUrlConnectionFetcher();
    for (String path : paths) {
      byte[] body;
      try {
        body = plain.fetchBytes(server.uri(path), Integer.MAX_VALUE - 8);
      } catch (HttpStatusException e) {
        continue; // a 404 for the next root version: asked for, nothing to store
      } catch (DownloadException e) {
        throw new IOException(e.getMessage(), e);
      }
      Path temp = folder.resolve(".f" + n + ".tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(temp, folder.resolve("f" + n++), StandardCopyOption.ATOMIC_MOVE);
    }
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
