package dev.tuf4j.client.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.DownloadException;
import dev.tuf4j.client.HttpFetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Misbehaviour} against {@link HttpFetcher} alone, one server for the whole catalogue:
 * the typed error (or, where HTTP cannot tell, the bytes exactly as sent), within the bound in the
 * test's name, with at most the cap handed to the sink. The measured time is in the assertion
 * message and in a MEASURE line of the output.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFetcherCatalogueTest {
  private static final String PATH = "/metadata/timestamp.json";
  private static final int CAP = 16_384;
  /** Socket buffers on both sides plus the client's bounded prefetch; measured well below this. */
  private static final long WIRE_SLACK = 16L << 20;

  private static final byte[] FILE = randomBytes(3_000, 8);
  private static HostileRepositoryServer server;
  private static HostileRepositoryServer elsewhere;

  @BeforeAll
  static void start() {
    server = new HostileRepositoryServer(Map.of(PATH, FILE)::get);
    elsewhere = new HostileRepositoryServer(Map.of(PATH, FILE)::get);
  }

  @AfterAll
  static void stop() {
    server.close();
    elsewhere.close();
  }

  static Stream<Arguments> catalogue() {
    return Arrays.stream(Misbehaviour.values())
        .map(m -> Arguments.of(m, m.label() + " -> " + expected(m) + " in <= " + seconds(m.fetchBound())));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("catalogue")
  void endsTypedWithinItsBoundAndUnderTheCap(Misbehaviour m, String name) throws Exception {
    server.misbehave(PATH, m, elsewhere.uri("/"));
    long wireBefore = server.bytesWritten();
    try (HttpFetcher http = HostileSettings.fetcher()) {
      CountingFetcher fetcher = new CountingFetcher(http);
      URI uri = server.uri(PATH);
      long start = System.nanoTime();
      byte[] delivered = null;
      if (m.fetcherFailure() != null) {
        DownloadException e = assertThrows(DownloadException.class, () -> fetcher.fetchBytes(uri, CAP));
        assertEquals(m.fetcherFailure(), e.getClass(), () -> name + ": " + e);
      } else {
        delivered = fetcher.fetchBytes(uri, CAP);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      long wire = server.bytesWritten() - wireBefore;
      CountingFetcher.Call call = fetcher.calls().get(0);
      System.out.printf("MEASURE fetcher %-70s measured %5d ms, %6d bytes to the sink (cap %d),"
              + " %8d bytes on the wire%n",
          name, elapsed.toMillis(), call.bytesToSink(), CAP, wire);

      assertTrue(elapsed.compareTo(m.fetchBound()) <= 0,
          name + " (measured " + seconds(elapsed) + ")");
      assertTrue(call.bytesToSink() <= CAP, name + ": " + call.bytesToSink() + " bytes reached the sink");
      assertTrue(wire <= CAP + WIRE_SLACK, name + ": the server wrote " + wire + " bytes");
      assertTrue(server.hostileHits() >= 1, "the misbehaviour was never reached");
      assertEquals(0, elsewhere.goodHits(), "a request reached the other origin");
      if (m == Misbehaviour.LENGTH_UNDERSTATED) {
        assertArrayEquals(Arrays.copyOf(FILE, FILE.length / 2), delivered, "exactly the declared prefix");
      } else if (m == Misbehaviour.HTML_200) {
        assertTrue(new String(delivered, StandardCharsets.US_ASCII).startsWith("<!DOCTYPE html>"),
            "the page exactly as sent");
      }
    } finally {
      server.behave();
    }
  }

  static String expected(Misbehaviour m) {
    return m.fetcherFailure() == null ? "the bytes as sent" : m.fetcherFailure().getSimpleName();
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
