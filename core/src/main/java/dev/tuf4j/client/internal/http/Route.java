package dev.tuf4j.client.internal.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the bytes of a request go: the origin (scheme, host, port) and, when the proxy selector
 * names one, the HTTP proxy in between. Idle connections are pooled per route.
 *
 * @param tls whether the origin is {@code https}
 * @param host the origin's host, lower case, IPv6 literals without brackets
 * @param port the origin's port, the scheme's default filled in
 * @param proxy the HTTP proxy, or {@code null} to connect directly
 */
public record Route(boolean tls, String host, int port, @Nullable InetSocketAddress proxy) {

  /**
   * The route for {@code uri}, an absolute {@code http} or {@code https} URI with a host. Only an
   * HTTP proxy is used; when the selector answers with {@code DIRECT} or a SOCKS proxy first, the
   * connection is direct (as {@code java.net.http} does).
   */
  public static Route of(URI uri, @Nullable ProxySelector selector) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    InetSocketAddress proxy = null;
    if (selector != null) {
      List<Proxy> choices = selector.select(uri);
      if (choices != null && !choices.isEmpty() && choices.get(0).type() == Proxy.Type.HTTP) {
        proxy = (InetSocketAddress) choices.get(0).address();
      }
    }
    return new Route(tls, host.toLowerCase(Locale.ROOT), port, proxy);
  }

  /** The resolved address to open a TCP connection to: the proxy's, else the origin's. */
  public InetSocketAddress connectAddress() throws UnknownHostException {
    InetSocketAddress address =
        proxy != null
            ? new InetSocketAddress(proxy.getHostString(), proxy.getPort())
            : new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(address.getHostString());
    }
    return address;
  }

  /** Whether a {@code CONNECT} tunnel through the proxy is needed (HTTPS through a proxy). */
  public boolean tunnels() {
    return proxy != null && tls;
  }

  /**
   * The head of a {@code GET} for {@code uri} on this route (RFC 9112, section 3): the target in
   * origin form, or in absolute form to a proxy for plain HTTP; the path and query exactly as
   * given; {@code Host} from the URI's authority without user information.
   */
  public byte[] getRequest(URI uri, String userAgent, boolean gzip) {
    String authority = hostHeader(uri);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    if (proxy != null && !tls) {
      target = "http://" + authority + target;
    }
    String head =
        "GET "
            + target
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nUser-Agent: "
            + userAgent
            + "\r\nAccept-Encoding: "
            + (gzip ? "gzip" : "identity")
            + "\r\n\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The {@code CONNECT} request that opens a tunnel to the origin through the proxy. */
  public byte[] connectRequest(String userAgent) {
    String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    String head =
        "CONNECT "
            + authority
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nUser-Agent: "
            + userAgent
            + "\r\n\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The {@code Host} header for {@code uri}: its authority without user information. */
  static String hostHeader(URI uri) {
    String authority = uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    return at >= 0 ? authority.substring(at + 1) : authority;
  }

  /** For messages: {@code host:port}, and the proxy if any. */
  @Override
  public String toString() {
    String origin = (tls ? "https://" : "http://") + host + ":" + port;
    return proxy == null ? origin : origin + " via proxy " + proxy;
  }

  /** Thrown when the proxy refuses to open a tunnel. */
  public static final class TunnelRefused extends IOException {
    public TunnelRefused(String message) {
      super(message);
    }
  }
}
