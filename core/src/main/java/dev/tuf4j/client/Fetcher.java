package dev.tuf4j.client;

import dev.tuf4j.DownloadException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.internal.http.BodyBuffer;
import java.io.OutputStream;
import java.net.URI;

/**
 * How tuf4j gets bytes from a repository. {@link HttpFetcher} is the implementation for HTTP and
 * HTTPS; tests and special transports (a mirror on disk, an in-memory simulator) provide their own.
 *
 * <p>Every download has a length cap, because until the bytes are verified nothing about them can
 * be trusted, not even their size (TUF specification 5.3-5.7: metadata is fetched with an upper
 * bound, targets with the length the trusted metadata lists; this defeats the endless data attack).
 * An implementation must enforce the cap while the bytes arrive, not afterwards.
 *
 * <p>Implementations must be thread-safe: one instance may serve several downloads at once.
 */
public interface Fetcher {

  /**
   * Streams the body of {@code uri} into {@code sink}, in order, at most {@code maxLength} bytes.
   *
   * <p>A body longer than {@code maxLength} fails with {@link dev.tuf4j.LengthExceededException} as
   * soon as byte {@code maxLength + 1} arrives; the rest is never read. The sink then has received
   * at most {@code maxLength} bytes. On any failure the sink may hold a prefix of the body, which
   * the caller must discard. The sink is never closed by the fetcher.
   *
   * @param uri the exact address to fetch; it is used as given, never decoded or re-encoded
   * @param maxLength the largest acceptable body, in bytes, at least 0
   * @param sink where the body goes
   * @throws dev.tuf4j.HttpStatusException the server answered with a status other than 200
   * @throws dev.tuf4j.LengthExceededException the body is longer than {@code maxLength}
   * @throws dev.tuf4j.SlowRetrievalException the transfer stalled or stayed too slow
   * @throws dev.tuf4j.NetworkException the connection failed or the response was malformed
   * @throws DownloadException any other failure of the transfer
   * @throws StorageException writing to {@code sink} failed
   * @throws IllegalArgumentException {@code maxLength} is negative or the implementation cannot
   *     fetch a URI of this kind (for {@link HttpFetcher}: not {@code http} or {@code https})
   */
  void fetch(URI uri, long maxLength, OutputStream sink) throws DownloadException, StorageException;

  /**
   * The whole body of {@code uri} as bytes, at most {@code maxLength} of them. Meant for metadata,
   * whose caps are small; stream large files with {@link #fetch} instead.
   *
   * @throws IllegalArgumentException {@code maxLength} is negative or larger than the largest Java
   *     array
   * @see #fetch(URI, long, OutputStream)
   */
  default byte[] fetchBytes(URI uri, long maxLength) throws DownloadException {
    if (maxLength < 0 || maxLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxLength must be in [0, 2^31 - 9], was " + maxLength);
    }
    // Sized once when the body's length is declared (HttpFetcher does), else grown.
    BodyBuffer body = new BodyBuffer((int) Math.min(maxLength, 8192));
    try {
      fetch(uri, maxLength, body);
    } catch (StorageException e) {
      // Writing to memory never fails; only a broken implementation gets here.
      throw new IllegalStateException("storage error while writing to memory", e);
    }
    return body.bytes();
  }
}
