package dev.tuf4j.client.internal.http;

import dev.tuf4j.NetworkException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The redirect rules of {@link dev.tuf4j.client.HttpFetcher}, kept apart to be easy to audit. */
public final class Redirects {
  private Redirects() {}

  /** 301, 302, 303, 307 and 308 carry a {@code Location} to follow; other 3xx codes do not. */
  public static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Where a redirect from {@code from} leads. {@code location} is parsed as given (no decoding or
   * re-encoding) and, if relative, resolved against {@code from} (RFC 9110, section 10.2.2).
   *
   * @throws NetworkException the location is not a valid URI, or the target is not an absolute
   *     {@code http} or {@code https} URI with a host
   */
  public static URI target(URI from, String location) throws NetworkException {
    URI target;
    try {
      target = from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new NetworkException(from, "redirect to an invalid Location: " + quote(location), e);
    }
    String scheme = target.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || target.getHost() == null
        || !validPort(target)) {
      throw new NetworkException(from, "redirect to an unsupported location: " + quote(location));
    }
    return target;
  }

  /**
   * Refuses a redirect that would downgrade HTTPS to plain HTTP (never allowed), or that leaves the
   * origin (scheme, host, port) when that is not allowed. Following a server elsewhere would let
   * whoever controls a redirect choose where tuf4j connects; TUF checks the bytes either way, but a
   * client should not be sent around the network by default.
   */
  public static void check(URI from, URI to, boolean allowCrossOrigin) throws NetworkException {
    if (isHttps(from) && !isHttps(to)) {
      throw new NetworkException(from, "refusing a redirect from HTTPS to plain HTTP: " + to);
    }
    if (!allowCrossOrigin && !sameOrigin(from, to)) {
      throw new NetworkException(from, "refusing a redirect to another origin: " + to);
    }
  }

  /** Same scheme, host (case-insensitive) and port (with the scheme's default filled in). */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && effectivePort(a) == effectivePort(b);
  }

  private static boolean isHttps(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return isHttps(uri) ? 443 : 80;
  }

  /** No port, or one a TCP connection can have (1 to 65535). */
  public static boolean validPort(URI uri) {
    int port = uri.getPort();
    return port == -1 || (port >= 1 && port <= 65535);
  }

  /** The server's text, escaped: it may hold terminal control characters. */
  private static String quote(String s) {
    return ResponseHead.quote(s, 200);
  }
}
