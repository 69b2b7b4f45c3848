package dev.tuf4j.client.hostile;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import dev.tuf4j.TufException;
import dev.tuf4j.testing.RawSocketServer;
import java.net.URI;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of hostile-server misbehaviours (issue #8), each with the typed error it must end
 * in and the time within which it must end, derived from {@link HostileSettings}.
 *
 * <p>The expected error is decided per layer. {@code HttpFetcher} sees the transfer only, so for a
 * response that is well-formed HTTP but carries wrong content (a {@code Content-Length} shorter
 * than the file, an HTML page with status 200) nothing at that layer can tell, and it must hand the
 * bytes over exactly as sent, never more than the cap; the updater then rejects them: metadata as
 * {@link MetadataFormatException} (it does not parse as the role), a target file as {@link
 * LengthOrHashMismatchException} (spec 5.7.3). Everything else is a transfer failure and reaches
 * the updater's caller as the very {@link DownloadException} the fetcher threw.
 *
 * @see HostileFetcherCatalogueTest
 * @see HostileUpdaterCatalogueTest
 */
enum Misbehaviour {
  /** Zeros without end and without {@code Content-Length}: the endless data attack (spec 1.5.2). */
  ENDLESS_BODY(
      "endless body",
      LengthExceededException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.endlessBody()),

  /** A declared length far over the cap: refused from the head, before the body is read. */
  LENGTH_OVER_CAP(
      "Content-Length over the cap, then silence",
      LengthExceededException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.contentLength(1L << 40, body, true)),

  /** A declared length longer than the body, then an orderly close: the body is cut short. */
  LENGTH_OVERSTATED(
      "Content-Length longer than the body, then close",
      NetworkException.class,
      // The head is complete and body bytes are in the sink: never retried.
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.contentLength(body.length * 2L + 100, body, false)),

  /**
   * A declared length shorter than the file: HTTP ends the body there, so the fetcher delivers the
   * declared prefix (no more), and only the updater's checks can tell.
   */
  LENGTH_UNDERSTATED(
      "Content-Length shorter than the body",
      null,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.contentLength(body.length / 2, body, false)),

  /** One byte a second: the slow retrieval attack, ended by the minimum rate over its window. */
  TRICKLE(
      "trickle 1 B/s",
      SlowRetrievalException.class,
      // The rate is judged one window after the body starts, a tenth of a window at a time.
      () -> HostileSettings.RATE_WINDOW.plus(HostileSettings.RATE_WINDOW.dividedBy(10)),
      (body, elsewhere) -> RawSocketServer.trickle(body, 1, Duration.ofSeconds(1))),

  /**
   * Half the body, then nothing (connection held open): ended by the rate floor or the read
   * timeout, whichever comes first (with the test settings, the rate floor, at about 0.7 s).
   */
  STALL_MID_BODY(
      "stall mid-body",
      SlowRetrievalException.class,
      () -> {
        Duration rate = HostileSettings.RATE_WINDOW.plus(HostileSettings.RATE_WINDOW.dividedBy(10));
        return rate.compareTo(HostileSettings.READ_TIMEOUT) < 0 ? rate : HostileSettings.READ_TIMEOUT;
      },
      (body, elsewhere) -> RawSocketServer.stallAfter(body, body.length / 2)),

  /** Half the body, then a TCP reset (SO_LINGER 0) instead of a close. */
  CONNECTION_RESET(
      "connection reset (RST) mid-body",
      NetworkException.class,
      // A reset that arrives before the head was read is a failure before the response: retried.
      HostileSettings::allBackoffs,
      (body, elsewhere) -> RawSocketServer.resetAfter(body, body.length / 2)),

  /** Accept, read the request, close without a byte: retried, then a network error. */
  CLOSE_WITHOUT_RESPONSE(
      "close without a response",
      NetworkException.class,
      HostileSettings::allBackoffs,
      (body, elsewhere) -> RawSocketServer.closeWithoutResponse()),

  /** Another protocol's banner instead of HTTP: malformed, never retried. */
  GARBAGE(
      "garbage instead of HTTP",
      NetworkException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.garbage("SSH-2.0-OpenSSH_9.6\r\n\u0000\u00ff garbage\r\n\r\n")),

  /** A to A?again to A: the loop is detected on the first repeat. */
  REDIRECT_LOOP(
      "redirect loop",
      NetworkException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.redirectLoop(302)),

  /**
   * A redirect to another origin (127.0.0.1 on another port) that serves the good files: it must
   * be refused, not followed, although following it would succeed.
   */
  REDIRECT_TO_OTHER_ORIGIN(
      "redirect to another origin",
      NetworkException.class,
      () -> Duration.ZERO,
      (body, elsewhere) ->
          exchange ->
              RawSocketServer.redirect(302, elsewhere.resolve(exchange.request().path()).toString())
                  .serve(exchange)),

  /** 64 MiB of zeros gzip-encoded into about 64 KiB: capped after decoding. */
  GZIP_BOMB(
      "gzip bomb (64 MiB of zeros)",
      LengthExceededException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.gzipBomb(64L << 20)),

  /**
   * 8 MiB of header lines, then a valid body: the client's cap on the head (64 KiB) must refuse it.
   */
  HUGE_HEADERS(
      "huge headers (8 MiB)",
      NetworkException.class,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.hugeHeaders(8L << 20, body)),

  /** 503 on every attempt: retried with backoff, then the status. */
  STORM_5XX(
      "storm of 503",
      HttpStatusException.class,
      HostileSettings::allBackoffs,
      (body, elsewhere) -> RawSocketServer.status(503)),

  /** A 200 with an HTML error page instead of the file. */
  HTML_200(
      "200 with an HTML error page",
      null,
      () -> Duration.ZERO,
      (body, elsewhere) -> RawSocketServer.htmlErrorPage());

  private final String label;
  private final @Nullable Class<? extends DownloadException> fetcherFailure;
  private final Supplier<Duration> bound;
  private final BiFunction<byte[], URI, RawSocketServer.Script> script;

  Misbehaviour(
      String label,
      @Nullable Class<? extends DownloadException> fetcherFailure,
      Supplier<Duration> bound,
      BiFunction<byte[], URI, RawSocketServer.Script> script) {
    this.label = label;
    this.fetcherFailure = fetcherFailure;
    this.bound = bound;
    this.script = script;
  }

  String label() {
    return label;
  }

  /**
   * What {@code HttpFetcher} must throw, or null where it must deliver the bytes as sent (the
   * response is valid HTTP; its content is for the layer above to judge).
   */
  @Nullable Class<? extends DownloadException> fetcherFailure() {
    return fetcherFailure;
  }

  /**
   * What the updater's caller must get when this happens to a metadata file or a target file. A
   * target is fetched with its trusted length as the cap, so a {@code Content-Length} longer than
   * the file is over the cap and refused from the head.
   */
  Class<? extends TufException> updaterFailure(boolean targetFile) {
    if (targetFile && this == LENGTH_OVERSTATED) {
      return LengthExceededException.class;
    }
    if (fetcherFailure != null) {
      return fetcherFailure;
    }
    return targetFile ? LengthOrHashMismatchException.class : MetadataFormatException.class;
  }

  /** The time one fetch may take to fail: the configured limit that ends it, plus slack. */
  Duration fetchBound() {
    return bound.get().plus(HostileSettings.SLACK);
  }

  /** The script for a path whose good content is {@code body}; redirects go to {@code elsewhere}. */
  RawSocketServer.Script script(byte[] body, URI elsewhere) {
    return script.apply(body, elsewhere);
  }
}
