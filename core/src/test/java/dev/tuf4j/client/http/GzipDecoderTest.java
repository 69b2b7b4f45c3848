package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.http.GzipDecoder;
import dev.tuf4j.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The strict streaming gzip decoder. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GzipDecoderTest {

  @Property(seed = "4242", tries = 200)
  void decodesWhatGzipEncodedHoweverTheInputIsSplit(
      @ForAll @Size(max = 20_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 5000) int chunk,
      @ForAll @IntRange(min = 1, max = 3) int members)
      throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < members; i++) {
      encoded.write(TestServer.gzip(data));
      expected.write(data);
    }
    assertArrayEquals(expected.toByteArray(), decode(encoded.toByteArray(), chunk));
  }

  @Test
  void decodesCompressibleDataLargerThanItsBuffers() throws IOException {
    byte[] data = "tuf4j ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(data, decode(TestServer.gzip(data), 1 << 16));
  }

  @Test
  void anEmptyInputIsAnEmptyBody() throws IOException {
    assertEquals(0, decode(new byte[0], 10).length);
  }

  @Test
  void readsTheOptionalHeaderFields() throws IOException {
    byte[] data = "hello, header fields".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    gz.write(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
    gz.write(new byte[] {3, 0, 'x', 'y', 'z'}); // FEXTRA: 3 bytes
    gz.write("name.txt\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
    gz.write("a comment\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
    gz.write(new byte[] {0x12, 0x34}); // FHCRC (not checked)
    gz.write(rawDeflate(data));
    gz.write(trailer(data));

    assertArrayEquals(data, decode(gz.toByteArray(), 7));
  }

  @Test
  void rejectsTruncatedData() {
    byte[] gz = TestServer.gzip(new byte[1000]);
    for (int cut : new int[] {1, 4, 8, gz.length / 2, gz.length - 1}) {
      byte[] truncated = Arrays.copyOf(gz, gz.length - cut);
      ZipException e = assertThrows(ZipException.class, () -> decode(truncated, 100));
      assertTrue(
          e.getMessage().contains("truncated") || e.getMessage().contains("invalid"),
          e.getMessage());
    }
  }

  @Test
  void rejectsACrcMismatch() {
    byte[] gz = TestServer.gzip("data".getBytes(StandardCharsets.US_ASCII));
    gz[gz.length - 8] ^= 1;
    assertTrue(
        assertThrows(ZipException.class, () -> decode(gz, 100)).getMessage().contains("CRC"));
  }

  @Test
  void rejectsASizeMismatch() {
    byte[] gz = TestServer.gzip("data".getBytes(StandardCharsets.US_ASCII));
    gz[gz.length - 4] ^= 1;
    assertTrue(
        assertThrows(ZipException.class, () -> decode(gz, 100)).getMessage().contains("size"));
  }

  @Test
  void rejectsBytesAfterTheLastMember() {
    byte[] gz = TestServer.gzip("data".getBytes(StandardCharsets.US_ASCII));
    byte[] trailing = Arrays.copyOf(gz, gz.length + 3);
    assertThrows(ZipException.class, () -> decode(trailing, 100));
  }

  @Test
  void rejectsBadMagicMethodAndReservedFlags() {
    byte[] gz = TestServer.gzip("data".getBytes(StandardCharsets.US_ASCII));
    for (int[] corruption : new int[][] {{0, 0x1e}, {1, 0x8c}, {2, 7}, {3, 0x20}}) {
      byte[] bad = gz.clone();
      bad[corruption[0]] = (byte) corruption[1];
      assertThrows(ZipException.class, () -> decode(bad, 100), Arrays.toString(corruption));
    }
  }

  @Test
  void inflatesNoMoreThanEachReadAsksFor() throws IOException {
    // 1 MiB of zeros: a 1000:1 ratio, read in 100-byte steps.
    try (GzipDecoder decoder =
        new GzipDecoder(new ByteArrayInputStream(TestServer.gzip(new byte[1 << 20])))) {
      byte[] buffer = new byte[100];
      int n = decoder.read(buffer, 0, buffer.length);
      assertTrue(n > 0 && n <= 100);
    }
  }

  private static byte[] decode(byte[] gz, int chunk) throws IOException {
    try (InputStream in = new GzipDecoder(new ChunkedInputStream(gz, chunk))) {
      return in.readAllBytes();
    }
  }

  private static byte[] rawDeflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] out = new byte[data.length + 1024];
    int n = deflater.deflate(out);
    deflater.end();
    return Arrays.copyOf(out, n);
  }

  private static byte[] trailer(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    long c = crc.getValue();
    long size = data.length;
    byte[] t = new byte[8];
    for (int i = 0; i < 4; i++) {
      t[i] = (byte) (c >>> (8 * i));
      t[4 + i] = (byte) (size >>> (8 * i));
    }
    return t;
  }

  /** Hands out at most {@code chunk} bytes per read, like a network stream. */
  private static final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int pos;

    ChunkedInputStream(byte[] data, int chunk) {
      this.data = data;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return 0; // like a socket between packets: GZIPInputStream would stop early here
    }
  }
}
