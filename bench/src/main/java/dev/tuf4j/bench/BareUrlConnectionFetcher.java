package dev.tuf4j.bench;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/**
 * An experiment, not a client to use: the JDK's blocking {@link HttpURLConnection} on the calling
 * thread, with the length cap and nothing else (no timeouts, rate floor, redirect rules, retries
 * or gzip). The benchmark runs the same updater over it next to {@link
 * dev.tuf4j.client.HttpFetcher} to show what the transport itself costs.
 */
final class BareUrlConnectionFetcher implements Fetcher {
  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink) throws DownloadException, StorageException {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      c.setUseCaches(false);
      c.setInstanceFollowRedirects(false);
      int status = c.getResponseCode();
      if (status != 200) {
        try (InputStream error = c.getErrorStream()) {
          if (error != null) {
            error.readAllBytes(); // small here; read so the connection is kept alive
          }
        }
        throw new HttpStatusException(uri, status);
      }
      try (InputStream in = c.getInputStream()) {
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
          total += n;
          if (total > maxLength) {
            c.disconnect();
            throw new LengthExceededException(uri, maxLength);
          }
          try {
            sink.write(buffer, 0, n);
          } catch (IOException e) {
            throw new StorageException(null, "cannot write the download of " + uri, e);
          }
        }
      }
    } catch (IOException e) {
      throw new NetworkException(uri, String.valueOf(e.getMessage()), e);
    }
  }
}
