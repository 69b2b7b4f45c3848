package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Turns what {@code java.net.http} throws before a response arrives into tuf4j's typed errors, and
 * decides which of them are worth another attempt.
 *
 * <p>Retried: failures to connect, and connections that broke or closed before the response was
 * handed over (typical of an overloaded server or a proxy dropping idle connections; no body byte
 * has reached the caller's sink yet, so another attempt is safe). Not retried: TLS failures and
 * malformed responses, which a retry would only repeat, and a server that accepted the request but
 * did not answer in time, where a retry would multiply the wait.
 */
public final class RequestFailures {
  private RequestFailures() {}

  /** A typed failure and whether to try again. */
  public record Classified(DownloadException failure, boolean retryable) {}

  /**
   * @param responseTimeout the time the server had to answer, for the message
   */
  public static Classified classify(URI uri, Throwable t, Duration responseTimeout) {
    if (t instanceof HttpConnectTimeoutException) {
      return new Classified(new NetworkException(uri, "connect timed out", t), true);
    }
    if (t instanceof HttpTimeoutException) {
      return new Classified(
          new SlowRetrievalException(
              uri, "no response within " + responseTimeout.toMillis() + " ms"),
          false);
    }
    if (t instanceof SSLException) {
      return new Classified(new NetworkException(uri, describeTls(t), t), false);
    }
    if (t instanceof ProtocolException) {
      return new Classified(
          new NetworkException(uri, "malformed HTTP response: " + t.getMessage(), t), false);
    }
    if (t instanceof ConnectException) {
      return new Classified(
          new NetworkException(uri, "cannot connect: " + BodyInputStream.describe(t), t), true);
    }
    if (t instanceof IOException) {
      return new Classified(
          new NetworkException(
              uri,
              "connection failed or closed before a complete response: "
                  + BodyInputStream.describe(t),
              t),
          true);
    }
    return new Classified(
        new NetworkException(uri, "request failed: " + BodyInputStream.describe(t), t), false);
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
    return "TLS handshake failed: " + BodyInputStream.describe(t);
  }
}
