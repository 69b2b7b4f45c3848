package dev.tuf4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Reads structured choices out of one fuzzer input, laid out as Jazzer's {@code FuzzedDataProvider}
 * lays it out: small choices are taken one byte at a time from the end, the payload is whatever is
 * left at the front. The fuzzer mutates the choices and the payload independently, and a seed is
 * simply {@code payload + reversed(choice bytes)} (see {@link Builder}).
 *
 * <p>Our own reader rather than {@code FuzzedDataProvider} so that plain JUnit tests can build an
 * input, run a harness on it and check how far it got; Jazzer offers no public way to make a
 * provider from bytes.
 */
final class FuzzInput {
  private final byte[] data;
  private int end;

  FuzzInput(byte[] data) {
    this.data = data;
    this.end = data.length;
  }

  /** A choice in {@code 0..bound-1} ({@code bound} at most 256) from one byte; 0 when empty. */
  int pick(int bound) {
    if (bound < 1 || bound > 256) {
      throw new IllegalArgumentException("bound must be 1..256, got " + bound);
    }
    if (end == 0) {
      return 0;
    }
    return (data[--end] & 0xFF) % bound;
  }

  boolean flag() {
    return pick(2) == 1;
  }

  /** A choice in {@code 0..bound-1} for any positive bound, from up to four bytes. */
  int index(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long value = 0;
    for (long range = bound - 1L; range > 0 && end > 0; range >>>= 8) {
      value = (value << 8) | (data[--end] & 0xFF);
    }
    return (int) (value % bound);
  }

  /** One of {@code options}. */
  @SafeVarargs
  final <T> T oneOf(T... options) {
    return options[index(options.length)];
  }

  /** Everything not yet taken as a choice. */
  byte[] rest() {
    byte[] out = Arrays.copyOfRange(data, 0, end);
    end = 0;
    return out;
  }

  /** Writes inputs that {@link FuzzInput} reads back as the given choices and payload. */
  static final class Builder {
    private final ByteArrayOutputStream choices = new ByteArrayOutputStream();

    /** The next {@link #pick(int)} or {@link #flag()} returns {@code value}. */
    Builder pick(int value, int bound) {
      if (value < 0 || value >= bound || bound > 256) {
        throw new IllegalArgumentException(value + " is not a choice below " + bound);
      }
      choices.write(value);
      return this;
    }

    Builder flag(boolean value) {
      return pick(value ? 1 : 0, 2);
    }

    /** The next {@link #index(int)} returns {@code value}. */
    Builder index(int value, int bound) {
      if (value < 0 || value >= bound) {
        throw new IllegalArgumentException(value + " is not an index below " + bound);
      }
      int width = 0;
      for (long range = bound - 1L; range > 0; range >>>= 8) {
        width++;
      }
      // The reader takes the most significant byte first.
      for (int i = width - 1; i >= 0; i--) {
        choices.write((value >>> (8 * i)) & 0xFF);
      }
      return this;
    }

    /** The input: {@code payload}, then the choices in reverse order of reading. */
    byte[] build(byte[] payload) {
      byte[] c = choices.toByteArray();
      byte[] out = Arrays.copyOf(payload, payload.length + c.length);
      for (int i = 0; i < c.length; i++) {
        out[out.length - 1 - i] = c[i];
      }
      return out;
    }
  }
}
