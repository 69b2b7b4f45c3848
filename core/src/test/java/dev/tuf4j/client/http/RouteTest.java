package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.http.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a request goes and the exact head it carries (RFC 9112, section 3.2). */
class RouteTest {
  private static final InetSocketAddress PROXY = InetSocketAddress.createUnresolved("proxy", 3128);

  private static ProxySelector answering(Proxy... proxies) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(proxies);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  private static String head(Route route, String uri) {
    return new String(
        route.getRequest(URI.create(uri), "ua", true), StandardCharsets.ISO_8859_1);
  }

  @Test
  void theDefaultPortIsFilledInAndTheHostIsCaseFolded() {
    assertEquals(new Route(false, "repo.example", 80, null), Route.of(URI.create("http://Repo.Example/x"), null));
    assertEquals(new Route(true, "repo.example", 443, null), Route.of(URI.create("HTTPS://repo.example/x"), null));
    assertEquals(new Route(true, "::1", 8443, null), Route.of(URI.create("https://[::1]:8443/x"), null));
  }

  @Test
  void theHeadCarriesThePathAndQueryAsGivenAndTheAuthorityWithoutUserInformation() {
    Route route = Route.of(URI.create("http://repo.example/"), null);

    assertEquals(
        "GET /a%2Fb/c%20d.json?x=%41&y HTTP/1.1\r\nHost: repo.example:8080\r\nUser-Agent: ua\r\n"
            + "Accept-Encoding: gzip\r\n\r\n",
        head(route, "http://user:secret@repo.example:8080/a%2Fb/c%20d.json?x=%41&y#fragment"));
    assertTrue(head(route, "http://repo.example").startsWith("GET / HTTP/1.1\r\nHost: repo.example\r\n"));
    assertTrue(head(route, "http://[::1]:8080/x").contains("\r\nHost: [::1]:8080\r\n"));
  }

  @Test
  void aPlainHttpRequestToAProxyNamesTheWholeUri() {
    Route route = Route.of(URI.create("http://repo.example/x"), answering(new Proxy(Proxy.Type.HTTP, PROXY)));

    assertEquals(PROXY, route.proxy());
    assertFalse(route.tunnels());
    assertTrue(head(route, "http://u@repo.example/x?q").startsWith("GET http://repo.example/x?q HTTP/1.1\r\n"));
  }

  @Test
  void httpsThroughAProxyTunnelsAndKeepsTheOriginForm() {
    Route route = Route.of(URI.create("https://[::1]/x"), answering(new Proxy(Proxy.Type.HTTP, PROXY)));

    assertTrue(route.tunnels());
    assertTrue(head(route, "https://[::1]/x").startsWith("GET /x HTTP/1.1\r\nHost: [::1]\r\n"));
    assertEquals(
        "CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\nUser-Agent: ua\r\n\r\n",
        new String(route.connectRequest("ua"), StandardCharsets.ISO_8859_1));
  }

  @Test
  void directOrSocksFirstMeansADirectConnection() {
    URI uri = URI.create("http://repo.example/x");
    assertNull(Route.of(uri, answering(Proxy.NO_PROXY)).proxy());
    assertNull(
        Route.of(uri, answering(new Proxy(Proxy.Type.SOCKS, PROXY), new Proxy(Proxy.Type.HTTP, PROXY)))
            .proxy());
    assertNull(Route.of(uri, answering()).proxy());
  }

  @Test
  void routesThroughDifferentProxiesAreDifferentPoolKeys() {
    URI uri = URI.create("http://repo.example/x");
    assertNotEquals(Route.of(uri, null), Route.of(uri, answering(new Proxy(Proxy.Type.HTTP, PROXY))));
  }
}
