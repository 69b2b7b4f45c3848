package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A target file described from its content, and moved to another path. */
class TargetFileDescribeTest {
  private static final Set<HashAlgorithm> BOTH = EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.BLAKE2B_256);

  private static byte[] content(int length) {
    byte[] b = new byte[length];
    new SplittableRandom(length).nextBytes(b);
    return b;
  }

  @Test
  void lengthAndEveryDigestCoverTheWholeStream() throws Exception {
    // Longer than the read buffer, and not a multiple of it.
    for (int length : new int[] {0, 1, 65536, 200_001}) {
      byte[] data = content(length);
      TargetFile t = TargetFile.describe("a/b.whl", new ByteArrayInputStream(data), BOTH);
      assertEquals("a/b.whl", t.path());
      assertEquals(length, t.length());
      assertEquals(Map.of(
              "sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, data)),
              "blake2b-256", Hex.encode(Digester.digest(HashAlgorithm.BLAKE2B_256, data))),
          t.hashes());
      assertFalse(t.custom().isPresent());
      t.verifyLengthAndHashes(data);
    }
  }

  @Test
  void theStreamIsReadToItsEndAndLeftOpen() throws Exception {
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(content(10)) {
      @Override
      public void close() throws IOException {
        closed[0] = true;
        super.close();
      }
    };
    TargetFile.describe("x", in, BOTH);
    assertEquals(-1, in.read());
    assertFalse(closed[0]);
  }

  @Test
  void noAlgorithmIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> TargetFile.describe("x", new ByteArrayInputStream(new byte[1]), EnumSet.noneOf(HashAlgorithm.class)));
  }

  @Test
  void withPathKeepsLengthHashesAndCustom() throws Exception {
    TargetFile t = TargetFile.describe("name.whl", new ByteArrayInputStream(content(5)), BOTH)
        .withCustom(JsonObject.builder().put("c", 1).build());
    TargetFile moved = t.withPath("packages/ab/cd/rest/name.whl");
    assertEquals("packages/ab/cd/rest/name.whl", moved.path());
    assertEquals(t.length(), moved.length());
    assertEquals(t.hashes(), moved.hashes());
    assertEquals(t.custom(), moved.custom());
    assertEquals(t.unrecognized(), moved.unrecognized());
  }
}
