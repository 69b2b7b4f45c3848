package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class InMemoryFetcherTest {
  private static final URI BASE = URI.create("memory:/repo/");

  private static byte[] body(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void servesTheBodyUnderTheBaseUri() throws Exception {
    byte[] body = body(100);
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, Map.of("timestamp.json", body));
    byte[] got = fetcher.fetchBytes(URI.create("memory:/repo/timestamp.json"), 1000);
    assertArrayEquals(body, got);
    assertNotSame(body, got);
  }

  @Test
  void answersNotFoundForAnUnknownName() {
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, Map.of());
    HttpStatusException e =
        assertThrows(HttpStatusException.class, () -> fetcher.fetchBytes(BASE.resolve("2.root.json"), 10));
    assertTrue(e.isNotFound());
  }

  @Test
  void countsEveryRequestFoundOrNot() throws Exception {
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, Map.of("a", body(1)));
    fetcher.fetchBytes(BASE.resolve("a"), 1);
    assertThrows(HttpStatusException.class, () -> fetcher.fetchBytes(BASE.resolve("b"), 1));
    assertEquals(2, fetcher.requests());
  }

  @Test
  void refusesABaseWithoutTrailingSlash() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryFetcher(URI.create("memory:/repo"), Map.of()));
  }

  @Test
  void refusesANegativeCap() {
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, Map.of("a", body(1)));
    assertThrows(IllegalArgumentException.class, () -> fetcher.fetchBytes(BASE.resolve("a"), -1));
  }

  /** The Fetcher contract: at most the cap reaches the sink, and a longer body fails. */
  @Property(tries = 200, seed = "20261126")
  void streamsAtMostTheCapAndFailsBeyondIt(
      @ForAll @IntRange(max = 300) int length, @ForAll @IntRange(max = 300) int cap) throws Exception {
    byte[] body = body(length);
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, Map.of("f", body));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    if (length > cap) {
      LengthExceededException e =
          assertThrows(LengthExceededException.class, () -> fetcher.fetch(BASE.resolve("f"), cap, sink));
      assertEquals(cap, e.limit());
      assertArrayEquals(Arrays.copyOf(body, cap), sink.toByteArray());
      assertThrows(LengthExceededException.class, () -> fetcher.fetchBytes(BASE.resolve("f"), cap));
    } else {
      fetcher.fetch(BASE.resolve("f"), cap, sink);
      assertArrayEquals(body, sink.toByteArray());
      assertArrayEquals(body, fetcher.fetchBytes(BASE.resolve("f"), cap));
    }
  }
}
