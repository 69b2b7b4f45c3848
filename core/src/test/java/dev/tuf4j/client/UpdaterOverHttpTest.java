package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.NetworkException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The updater with the real HTTP fetcher against a real HTTPS server on 127.0.0.1. */
@Timeout(60)
class UpdaterOverHttpTest {
  private static final byte[] WHEEL = "a wheel".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private static final TestCa CA = TestCa.create("updater test CA");
  private TestServer server;
  private HttpFetcher fetcher;
  private RepositorySimulator repo;

  @BeforeEach
  void start() {
    server = TestServer.https(CA.serverSslContext());
    fetcher = HttpFetcher.builder().sslContext(CA.clientSslContext()).retries(2, Duration.ofMillis(10)).build();
    repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("project/a b", List.of(), 1, List.of("packages/*")));
    repo.addTarget("project/a b", "packages/wheel 1.0.whl", WHEEL);
    repo.updateTargets("targets");
    repo.targets.put("project/a b", repo.targets.get("project/a b").withVersion(2));
    repo.updateSnapshot();
    repo.publishTo(server);
  }

  @AfterEach
  void stop() {
    server.close();
    fetcher.close();
  }

  private Updater updater(Path md, Path td) throws Exception {
    if (!Files.exists(md.resolve("root.json"))) {
      Files.createDirectories(md);
      Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    }
    return Updater.builder()
        .metadataBaseUrl(URI.create(server.baseUri() + "metadata/"))
        .targetBaseUrl(URI.create(server.baseUri() + "targets/"))
        .metadataDir(md)
        .targetDir(td)
        .fetcher(fetcher)
        .build();
  }

  @Test
  void refreshLookupAndDownloadMakeExactlyTheseRequests() throws Exception {
    Path md = tmp.resolve("md");
    Path td = tmp.resolve("td");
    updater(md, td).refresh();
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/3.snapshot.json", "GET /metadata/2.targets.json"), server.requestLines());

    server.clearRequests();
    Updater u = updater(md, td);
    Path file = u.downloadAll(List.of("packages/wheel 1.0.whl")).get("packages/wheel 1.0.whl");
    String hash = Hex.encode(Digester.digest(HashAlgorithm.SHA256, WHEEL));
    // A download right after a refresh of an unchanged repository: two metadata requests, the
    // delegated role (its name encoded, '/' included), then the target by hash.
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/2.project%2Fa%20b.json", "GET /targets/packages/" + hash + ".wheel%201.0.whl"),
        server.requestLines());
    assertArrayEquals(WHEEL, Files.readAllBytes(file));
    server.requests().forEach(r -> assertEquals(null, r.header("Range")));
  }

  @Test
  void byDefaultMetadataMayComeGzippedButTargetsNever() throws Exception {
    try (TestServer plain = TestServer.http()) {
      repo.publishTo(plain);
      Path md = Files.createDirectories(tmp.resolve("plain-md"));
      Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
      Updater u = Updater.builder()
          .metadataBaseUrl(URI.create(plain.baseUri() + "metadata/"))
          .targetBaseUrl(URI.create(plain.baseUri() + "targets/"))
          .metadataDir(md)
          .targetDir(tmp.resolve("plain-td"))
          .build();
      u.downloadAll(List.of("packages/wheel 1.0.whl"));
      for (TestServer.RecordedRequest r : plain.requests()) {
        String accept = r.header("Accept-Encoding");
        if (r.path().startsWith("/targets/")) {
          assertEquals(null, accept == null || !accept.contains("gzip") ? null : accept, r.line());
        } else {
          assertEquals("gzip", accept, r.line());
        }
      }
      assertEquals(1, plain.requests().stream().filter(r -> r.path().startsWith("/targets/")).count());
    }
  }

  @Test
  void aServerThatClosesWithoutAnswerFailsCleanlyAndTheNextRefreshWorks() throws Exception {
    Path md = tmp.resolve("md");
    server.override("/metadata/timestamp.json", exchange -> exchange.close());
    assertThrows(NetworkException.class, () -> updater(md, tmp.resolve("td")).refresh());
    server.clearOverride("/metadata/timestamp.json");
    updater(md, tmp.resolve("td")).refresh();
  }
}
