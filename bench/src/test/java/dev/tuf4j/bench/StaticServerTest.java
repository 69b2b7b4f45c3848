package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticServerTest {
  @TempDir Path temp;

  private static HttpResponse<byte[]> get(URI uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesAFileOfTheMountedFolderAndCountsItsBytes() throws Exception {
    Files.createDirectories(temp.resolve("pub/a"));
    Files.write(temp.resolve("pub/a/b c.json"), new byte[] {1, 2, 3});
    try (StaticServer server = new StaticServer()) {
      URI base = server.mount("m", temp.resolve("pub"));
      HttpResponse<byte[]> r = get(base.resolve("a/b%20c.json"));
      assertEquals(200, r.statusCode());
      assertArrayEquals(new byte[] {1, 2, 3}, r.body());
      assertEquals(3, server.bytesSent());
      assertEquals(1, server.requests());
    }
  }

  @Test
  void aMissingFileIs404() throws Exception {
    try (StaticServer server = new StaticServer()) {
      URI base = server.mount("m", Files.createDirectories(temp.resolve("pub")));
      assertEquals(404, get(base.resolve("2.root.json")).statusCode());
      assertEquals(0, server.bytesSent());
    }
  }

  @Test
  void aPathOutOfTheMountedFolderIs404() throws Exception {
    Files.write(temp.resolve("secret.json"), new byte[] {9});
    try (StaticServer server = new StaticServer()) {
      URI base = server.mount("m", Files.createDirectories(temp.resolve("pub")));
      assertEquals(404, get(URI.create(base + "%2E%2E/secret.json")).statusCode());
    }
  }
}
