package dev.tuf4j.client.internal.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A response body in memory. When the server declares the body's length (already checked against
 * the cap), the array is allocated once at that size: a snapshot of hundreds of kilobytes is then
 * neither grown by doubling nor copied again at the end. Without a declaration it grows as usual.
 */
public final class BodyBuffer extends ByteArrayOutputStream {
  public BodyBuffer(int initialSize) {
    super(initialSize);
  }

  /** Called before the first byte with the declared length of the (undecoded) body. */
  synchronized void expectLength(long length) {
    if (count == 0 && length > buf.length && length <= Integer.MAX_VALUE - 8) {
      buf = new byte[(int) length];
    }
  }

  /** The bytes written; the buffer itself when it is exactly full. */
  public synchronized byte[] bytes() {
    return count == buf.length ? buf : Arrays.copyOf(buf, count);
  }
}
