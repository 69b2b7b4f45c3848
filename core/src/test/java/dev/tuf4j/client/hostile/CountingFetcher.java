package dev.tuf4j.client.hostile;

import dev.tuf4j.DownloadException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wraps a fetcher and records, per call, the cap asked for and how many bytes reached the sink:
 * the memory a download can make its caller buffer, measured exactly (the JVM heap is too noisy
 * to show a bound of kilobytes).
 */
final class CountingFetcher implements Fetcher {
  /** One fetch: the address, the cap the caller asked for, and the bytes that reached the sink. */
  record Call(URI uri, long maxLength, long bytesToSink) {}

  private final Fetcher delegate;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  CountingFetcher(Fetcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    long[] count = new long[1];
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            count[0]++;
            sink.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            count[0] += len;
            sink.write(b, off, len);
          }
        };
    try {
      delegate.fetch(uri, maxLength, counting);
    } finally {
      calls.add(new Call(uri, maxLength, count[0]));
    }
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }
}
