package dev.tuf4j.bench;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Fetcher} over a map of URI to bytes, so that a benchmark measures the client and not a
 * network. A URI not in the map answers 404, as a server without the file would (which is how
 * the root chain ends). The length cap is honoured as the {@link Fetcher} contract asks: a body
 * longer than the cap delivers exactly the cap and fails.
 */
public final class InMemoryFetcher implements Fetcher {
  private final Map<String, byte[]> bodies;
  private final AtomicLong requests = new AtomicLong();

  /**
   * @param baseUri prefix of every URI served; ends with {@code /}
   * @param files body by name relative to {@code baseUri}; not copied, must not change
   */
  public InMemoryFetcher(URI baseUri, Map<String, byte[]> files) {
    String base = baseUri.toString();
    if (!base.endsWith("/")) {
      throw new IllegalArgumentException("base URI must end with '/': " + base);
    }
    Map<String, byte[]> m = new LinkedHashMap<>();
    files.forEach((name, body) -> m.put(base + name, body));
    this.bodies = m;
  }

  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    byte[] body = body(uri, maxLength);
    try {
      if (body.length > maxLength) {
        sink.write(body, 0, (int) maxLength);
        throw new LengthExceededException(uri, maxLength);
      }
      sink.write(body);
    } catch (IOException e) {
      throw new StorageException(null, "cannot write the body of " + uri, e);
    }
  }

  /** A copy of the body, as a real transfer would produce a fresh array. */
  @Override
  public byte[] fetchBytes(URI uri, long maxLength) throws DownloadException {
    byte[] body = body(uri, maxLength);
    if (body.length > maxLength) {
      throw new LengthExceededException(uri, maxLength);
    }
    return body.clone();
  }

  /** How many fetches were asked for, found or not. */
  public long requests() {
    return requests.get();
  }

  private byte[] body(URI uri, long maxLength) throws HttpStatusException {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0, was " + maxLength);
    }
    requests.incrementAndGet();
    byte[] body = bodies.get(uri.toString());
    if (body == null) {
      throw new HttpStatusException(uri, 404);
    }
    return body;
  }
}
