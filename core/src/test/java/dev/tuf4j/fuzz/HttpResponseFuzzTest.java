package dev.tuf4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuf4j.DownloadException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpFetcher}'s own HTTP/1.1 parsing on whatever a server sends: the fuzzed bytes are the
 * whole answer to a request, sent over a real loopback connection that the server then closes.
 * Without {@code JAZZER_FUZZ} this runs over the committed corpus in {@code
 * HttpResponseFuzzTestInputs/}; see {@code .ci/fuzz} for fuzzing.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpResponseFuzzTest {
  private static final int CAP = 4096;
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  /** What {@code /fuzzed} answers; one input at a time (Jazzer runs inputs one by one). */
  private static volatile byte[] answer = new byte[0];

  private static final RawSocketServer SERVER =
      RawSocketServer.start(
          exchange -> {
            if (exchange.request().path().equals("/fuzzed")) {
              exchange.write(answer);
            } else {
              exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
          });

  private static final HttpFetcher FETCHER =
      HttpFetcher.builder()
          .connectTimeout(Duration.ofSeconds(2))
          .readTimeout(Duration.ofSeconds(2))
          .minimumRate(0, Duration.ofSeconds(1))
          .retries(1, Duration.ZERO)
          .build();

  /**
   * Any answer ends in a body of at most the cap or a typed {@link DownloadException}, nothing
   * else; and whatever it held, the next request gets its own answer, never bytes of this one (a
   * connection carrying more than one response is not reused).
   */
  @FuzzTest(maxDuration = "60s")
  void response(byte[] input) throws DownloadException {
    answer = input;
    try {
      byte[] body = FETCHER.fetchBytes(SERVER.uri("/fuzzed"), CAP);
      assertTrue(body.length <= CAP, "a body of " + body.length + " bytes over the cap");
    } catch (DownloadException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error without a message");
    }
    assertArrayEquals(OK, FETCHER.fetchBytes(SERVER.uri("/next"), 100));
  }
}
