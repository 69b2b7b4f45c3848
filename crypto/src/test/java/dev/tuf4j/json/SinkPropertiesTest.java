package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The encoders' block buffer keeps every byte in order across array growth and new blocks. */
class SinkPropertiesTest {
  @Provide
  Arbitrary<List<Integer>> runLengths() {
    // Mostly small writes, some around and above the block size.
    Arbitrary<Integer> length =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 300)),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.integers()
                    .between(CanonicalJson.Sink.BLOCK - 2, CanonicalJson.Sink.BLOCK + 2)),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.integers().between(1, 3 * CanonicalJson.Sink.BLOCK)));
    return length.list().ofMaxSize(12);
  }

  @Property(tries = 60)
  void keepsEveryByteInOrder(@ForAll("runLengths") List<Integer> runs) {
    CanonicalJson.Sink sink = new CanonicalJson.Sink(16);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    int counter = 0;
    for (int r = 0; r < runs.size(); r++) {
      int n = runs.get(r);
      if (r % 2 == 0) {
        // Byte by byte, as put() does.
        for (int i = 0; i < n; i++) {
          sink.put(counter);
          expected.write(counter++);
        }
      } else {
        // Reserve, then fill the array directly, as the string writers do.
        sink.ensure(n);
        for (int i = 0; i < n; i++) {
          sink.buf[sink.len++] = (byte) counter;
          expected.write(counter++);
        }
      }
    }

    assertArrayEquals(expected.toByteArray(), sink.toByteArray());
  }
}
