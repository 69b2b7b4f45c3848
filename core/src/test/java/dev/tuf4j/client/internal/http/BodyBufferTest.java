package dev.tuf4j.client.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyBufferTest {
  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31);
    }
    return b;
  }

  @Test
  void aBodyOfTheDeclaredLengthIsReturnedWithoutACopy() {
    BodyBuffer buffer = new BodyBuffer(8192);
    byte[] body = data(100_000);
    buffer.expectLength(body.length);
    buffer.write(body, 0, 60_000);
    buffer.write(body, 60_000, 40_000);
    byte[] first = buffer.bytes();
    assertArrayEquals(body, first);
    assertSame(first, buffer.bytes(), "the filled array itself, no copy");
  }

  @Test
  void aBodyShorterThanDeclaredIsCopiedToItsLength() {
    BodyBuffer buffer = new BodyBuffer(8192);
    byte[] body = data(50_000);
    buffer.expectLength(100_000);
    buffer.write(body, 0, body.length);
    assertArrayEquals(body, buffer.bytes());
  }

  @Test
  void aDeclarationAfterTheFirstByteIsIgnored() {
    BodyBuffer buffer = new BodyBuffer(16);
    buffer.write(7);
    buffer.expectLength(1_000_000);
    buffer.write(data(20), 0, 20);
    byte[] expected = new byte[21];
    expected[0] = 7;
    System.arraycopy(data(20), 0, expected, 1, 20);
    assertArrayEquals(expected, buffer.bytes());
  }

  @Test
  void withoutADeclarationTheBufferGrowsAndReturnsExactlyTheBytes() {
    BodyBuffer buffer = new BodyBuffer(16);
    byte[] body = data(70_000);
    for (int off = 0; off < body.length; off += 7_000) {
      buffer.write(body, off, 7_000);
    }
    byte[] out = buffer.bytes();
    assertArrayEquals(body, out);
    assertNotSame(out, buffer.bytes(), "a copy of a partly filled buffer each time");
    assertArrayEquals(Arrays.copyOf(out, out.length), buffer.bytes());
  }

  @Test
  void anImpossibleDeclarationIsIgnored() {
    BodyBuffer buffer = new BodyBuffer(16);
    buffer.expectLength(Long.MAX_VALUE);
    buffer.write(data(10), 0, 10);
    assertArrayEquals(data(10), buffer.bytes());
  }
}
