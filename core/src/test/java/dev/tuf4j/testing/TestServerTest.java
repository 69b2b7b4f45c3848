package dev.tuf4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test servers do what their documentation promises (checked with the JDK's own client). */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TestServerTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HttpResponse<byte[]> get(java.net.URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesPutFilesAnd404OtherwiseAndLogsInOrder() throws Exception {
    try (TestServer server = TestServer.http()) {
      server.put("/a.json", "A".getBytes(StandardCharsets.US_ASCII));

      HttpResponse<byte[]> a = get(server.uri("/a.json"));
      HttpResponse<byte[]> missing = get(server.uri("/b.json"));
      server.remove("/a.json");
      HttpResponse<byte[]> removed = get(server.uri("/a.json"));

      assertEquals(200, a.statusCode());
      assertArrayEquals(new byte[] {'A'}, a.body());
      assertEquals(404, missing.statusCode());
      assertEquals(404, removed.statusCode());
      assertEquals(List.of("GET /a.json", "GET /b.json", "GET /a.json"), server.requestLines());
      assertEquals(2, server.requestCount("/a.json"));
    }
  }

  @Test
  void failTimesFailsThatManyRequestsThenServes() throws Exception {
    try (TestServer server = TestServer.http()) {
      server.put("/x", new byte[] {1});
      server.failTimes("/x", 503, 2);

      assertEquals(503, get(server.uri("/x")).statusCode());
      assertEquals(503, get(server.uri("/x")).statusCode());
      assertEquals(200, get(server.uri("/x")).statusCode());

      server.clearRequests();
      assertEquals(0, server.requests().size());
    }
  }

  @Test
  void logsRawPathsAndHeaders() throws Exception {
    try (TestServer server = TestServer.http()) {
      get(server.uri("/a%2Fb%20c.json?q=%3F"));

      TestServer.RecordedRequest r = server.requests().get(0);
      assertEquals("/a%2Fb%20c.json?q=%3F", r.path());
      assertTrue(r.header("user-agent").startsWith("Java-http-client"), r.header("User-Agent"));
    }
  }

  @Test
  void httpsServesWithATestCaCertificate() throws Exception {
    TestCa ca = TestCa.create();
    try (TestServer server = TestServer.https(ca.serverSslContext())) {
      server.put("/x", new byte[] {7});
      HttpClient trusting = HttpClient.newBuilder().sslContext(ca.clientSslContext()).build();

      HttpResponse<byte[]> r =
          trusting.send(
              HttpRequest.newBuilder(server.uri("/x")).build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertEquals("https", server.baseUri().getScheme());
      assertArrayEquals(new byte[] {7}, r.body());
    }
  }

  @Test
  void aTestCaIsDeterministicPerName() {
    assertEquals(
        TestCa.create("same").certificate().getPublicKey(),
        TestCa.create("same").certificate().getPublicKey());
    assertTrue(
        !TestCa.create("one")
            .certificate()
            .getPublicKey()
            .equals(TestCa.create("two").certificate().getPublicKey()));
  }

  @Test
  void rawServerRecordsRequestsAndCountsBytes() throws Exception {
    byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.http10(body))) {
      HttpResponse<byte[]> r = get(server.uri("/p?q"));

      assertArrayEquals(body, r.body());
      assertEquals("GET /p?q", server.requests().get(0).line());
      assertEquals(1, server.connectionCount());
      assertTrue(server.bytesWritten() > body.length);
    }
  }

  @Test
  void rawServerClosesPromptlyEvenWhileAScriptWaits() throws Exception {
    RawSocketServer server = RawSocketServer.start(RawSocketServer.silent());
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      server.close();
      assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
      s.setSoTimeout(5_000);
      // The server closed the connection: an orderly end or a reset, never a timeout.
      try {
        assertEquals(-1, s.getInputStream().read());
      } catch (java.net.SocketException e) {
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
      }
    }
  }
}
