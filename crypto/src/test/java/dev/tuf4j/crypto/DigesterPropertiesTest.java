package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Streaming in any chunking gives the one-shot digest, through every entry point. */
class DigesterPropertiesTest {
  private static final Set<HashAlgorithm> ALL = EnumSet.allOf(HashAlgorithm.class);

  private static void assertOneShot(byte[] data, Map<HashAlgorithm, byte[]> digests) {
    for (HashAlgorithm a : ALL) {
      assertArrayEquals(Digester.digest(a, data), digests.get(a), a.tufName());
    }
  }

  @Property(tries = 200)
  void updatesInChunksEqualOneShot(
      @ForAll @Size(max = 4000) byte[] data,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 700) Integer> chunks) {
    Digester d = Digester.of(ALL);
    int pos = 0;
    for (int i = 0; pos < data.length; i++) {
      int n = Math.min(chunks.get(i % chunks.size()), data.length - pos);
      d.update(data, pos, n);
      pos += n;
      if (n == 0 && chunks.stream().allMatch(c -> c == 0)) {
        d.update(data, pos, data.length - pos);
        pos = data.length;
      }
    }
    assertOneShot(data, d.digest());
  }

  @Property(tries = 200)
  void wrappedStreamReadInChunksEqualsOneShot(
      @ForAll @Size(max = 4000) byte[] data,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> reads)
      throws IOException {
    Digester d = Digester.of(ALL);
    try (InputStream in = d.wrap(new ByteArrayInputStream(data))) {
      byte[] buffer = new byte[700];
      for (int i = 0; ; i++) {
        int want = reads.get(i % reads.size());
        int n = want == 1 ? (in.read() < 0 ? -1 : 1) : in.read(buffer, 0, want);
        if (n < 0) {
          break;
        }
      }
    }
    assertOneShot(data, d.digest());
  }

  @Property(tries = 200)
  void outputStreamEqualsOneShot(
      @ForAll @Size(max = 4000) byte[] data, @ForAll @IntRange(min = 1, max = 999) int chunk)
      throws IOException {
    Digester d = Digester.of(ALL);
    try (OutputStream out = d.asOutputStream()) {
      for (int pos = 0; pos < data.length; pos += chunk) {
        if (chunk == 1) {
          out.write(data[pos]);
        } else {
          out.write(data, pos, Math.min(chunk, data.length - pos));
        }
      }
    }
    assertOneShot(data, d.digest());
  }
}
