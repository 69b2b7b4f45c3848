package dev.tuf4j.cli;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Fetches {@code file:} URIs from a local folder, as a static web server would serve it: a
 * missing file is a 404. For {@code repo verify}, which runs the real client against the
 * repository folder without a server.
 */
final class RepoFolderFetcher implements Fetcher {
  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink) throws DownloadException, StorageException {
    if (!"file".equals(uri.getScheme())) {
      throw new IllegalArgumentException("not a file: URI: " + uri);
    }
    Path file = Path.of(uri);
    if (!Files.isRegularFile(file)) {
      throw new HttpStatusException(uri, 404);
    }
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxLength - total + 1))) > 0) {
        total += n;
        if (total > maxLength) {
          throw new LengthExceededException(uri, maxLength);
        }
        try {
          sink.write(buffer, 0, n);
        } catch (IOException e) {
          throw new StorageException(null, "cannot write what was read from " + file, e);
        }
      }
    } catch (NoSuchFileException e) {
      throw new HttpStatusException(uri, 404);
    } catch (IOException e) {
      throw new NetworkException(uri, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
