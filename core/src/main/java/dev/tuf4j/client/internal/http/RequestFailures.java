package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Turns what goes wrong before a response head is complete into tuf4j's typed errors, and decides
 * which of them are worth another attempt.
 *
 * <p>Retried: failures to connect (refused, unreachable, timed out, an unknown host), and
 * connections that broke or closed before the response head was complete (typical of an overloaded
 * server or a proxy dropping idle connections; no body byte has reached the caller's sink yet, so
 * another attempt is safe). Not retried: TLS failures and malformed responses, which a retry would
 * only repeat, and a server that accepted the request but did not answer in time, where a retry
 * would multiply the wait.
 */
public final class RequestFailures {
  private RequestFailures() {}

  /** A typed failure and whether to try again. */
  public record Classified(DownloadException failure, boolean retryable) {}

  /** A failure while connecting: TCP, the proxy tunnel, or the TLS handshake. */
  public static Classified connecting(URI uri, IOException e, Duration connectTimeout) {
    if (e instanceof SSLException) {
      return new Classified(new NetworkException(uri, describeTls(e), e), false);
    }
    if (e instanceof SocketTimeoutException) {
      return new Classified(
          new NetworkException(
              uri, "connect timed out after " + connectTimeout.toMillis() + " ms", e),
          true);
    }
    if (e instanceof Route.TunnelRefused || e instanceof ProtocolException) {
      return new Classified(new NetworkException(uri, "proxy: " + e.getMessage(), e), false);
    }
    if (e instanceof UnknownHostException) {
      return new Classified(
          new NetworkException(uri, "cannot connect: unknown host " + e.getMessage(), e), true);
    }
    return new Classified(new NetworkException(uri, "cannot connect: " + describe(e), e), true);
  }

  /**
   * A failure between sending the request and the end of the response head.
   *
   * @param responseTimeout the time the server had to answer, for the message
   */
  public static Classified awaitingResponse(URI uri, IOException e, Duration responseTimeout) {
    if (e instanceof SocketTimeoutException) {
      return new Classified(
          new SlowRetrievalException(
              uri, "no response within " + responseTimeout.toMillis() + " ms"),
          false);
    }
    if (e instanceof SSLException) {
      return new Classified(new NetworkException(uri, describeTls(e), e), false);
    }
    if (e instanceof ProtocolException) {
      return new Classified(
          new NetworkException(uri, "malformed HTTP response: " + e.getMessage(), e), false);
    }
    return new Classified(
        new NetworkException(
            uri, "connection failed or closed before a complete response: " + describe(e), e),
        true);
  }

  private static String describeTls(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CertPathBuilderException
          || c instanceof CertPathValidatorException
          || c instanceof CertificateException) {
        return "TLS handshake failed: the server's certificate is not trusted or does not match"
            + " the host (add its CA with trustedCertificates or sslContext): "
            + c.getMessage();
      }
    }
    return "TLS handshake failed: " + describe(t);
  }

  /** The exception's class and message, for error lines. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }
}
