package dev.tuf4j.client.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decodes a gzip stream (RFC 1952), one or more members back to back, strictly: bad magic, an
 * unknown method, reserved flags, a CRC-32 or size mismatch, truncation, and bytes after the last
 * member that do not start another member are all errors ({@link ZipException}).
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: it decides whether another member follows by
 * asking {@link InputStream#available()}, so on a network stream a member boundary that falls
 * between two packets silently ends the output early; and it ignores trailing garbage.
 *
 * <p>Each {@link #read(byte[], int, int)} inflates at most the requested number of bytes, so a gzip
 * bomb costs only the reads the caller chooses to make: the caller's length cap bounds both time
 * and memory. Errors of the underlying stream pass through unchanged. Call {@link #close()} to
 * release the inflater's native memory.
 */
public final class GzipDecoder extends InputStream {
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int RESERVED = 0xe0;

  private enum State {
    HEADER,
    DATA,
    DONE
  }

  private final InputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[8192];
  private int inPos;
  private int inLimit;
  private State state = State.HEADER;
  private boolean sawMember;
  private long memberSize;

  public GzipDecoder(InputStream in) {
    this.in = Objects.requireNonNull(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (state == State.DONE) {
        return -1;
      }
      if (state == State.HEADER) {
        int first = nextByte();
        if (first < 0) {
          // End of input where a member could start: the normal end, or an empty body.
          state = State.DONE;
          return -1;
        }
        if (sawMember && first != 0x1f) {
          throw new ZipException("unexpected bytes after the gzip data");
        }
        readHeader(first);
        inflater.reset();
        crc.reset();
        memberSize = 0;
        sawMember = true;
        state = State.DATA;
      }
      if (inflater.needsInput()) {
        if (inPos == inLimit && !fill()) {
          throw new ZipException("truncated gzip data");
        }
        inflater.setInput(input, inPos, inLimit - inPos);
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("invalid deflate data: " + e.getMessage());
      }
      inPos = inLimit - inflater.getRemaining();
      if (n > 0) {
        crc.update(b, off, n);
        memberSize += n;
        return n;
      }
      if (inflater.finished()) {
        readTrailer();
        state = State.HEADER;
      } else if (inflater.needsDictionary()) {
        throw new ZipException("invalid deflate data: preset dictionary");
      }
    }
  }

  @Override
  public void close() throws IOException {
    state = State.DONE;
    inflater.end();
    in.close();
  }

  private void readHeader(int first) throws IOException {
    if (first != 0x1f || requireByte() != 0x8b) {
      throw new ZipException("not gzip data (bad magic number)");
    }
    if (requireByte() != 8) {
      throw new ZipException("unsupported gzip compression method");
    }
    int flags = requireByte();
    if ((flags & RESERVED) != 0) {
      throw new ZipException("reserved gzip header flags set");
    }
    skip(6); // MTIME (4), XFL, OS: informational only
    if ((flags & FEXTRA) != 0) {
      skip(requireByte() | (requireByte() << 8));
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FHCRC) != 0) {
      skip(2);
    }
    // FTEXT (0x01) only hints at the content and changes nothing here.
  }

  private void readTrailer() throws IOException {
    long expectedCrc = readLittleEndianInt();
    long expectedSize = readLittleEndianInt();
    if (expectedCrc != crc.getValue()) {
      throw new ZipException("gzip CRC-32 mismatch");
    }
    if (expectedSize != (memberSize & 0xffffffffL)) {
      throw new ZipException("gzip size mismatch");
    }
  }

  private long readLittleEndianInt() throws IOException {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= ((long) requireByte()) << (8 * i);
    }
    return v;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      requireByte();
    }
  }

  private void skipZeroTerminated() throws IOException {
    while (requireByte() != 0) {
      // Bounded by the caller's cap on the bytes that may arrive at all.
    }
  }

  private int requireByte() throws IOException {
    int b = nextByte();
    if (b < 0) {
      throw new ZipException("truncated gzip data");
    }
    return b;
  }

  private int nextByte() throws IOException {
    if (inPos == inLimit && !fill()) {
      return -1;
    }
    return input[inPos++] & 0xff;
  }

  /** Refills the (fully consumed) input buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(input, 0, input.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    inPos = 0;
    inLimit = n;
    return true;
  }
}
