package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.BootstrapException;
import dev.tuf4j.DownloadException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trust bootstrapped from a root fetched over HTTPS (a CA made here) under pins. */
@Timeout(30)
class RootBootstrapTest {
  private static TestCa ca;
  private static TestServer server;
  private static TestServer mirror;
  private static HttpFetcher fetcher;

  private RepositorySimulator repo;
  private byte[] root;
  @TempDir Path tmp;

  @BeforeAll
  static void startServers() {
    ca = TestCa.create("bootstrap test CA");
    server = TestServer.https(ca.serverSslContext());
    mirror = TestServer.https(ca.serverSslContext());
    fetcher = HttpFetcher.builder().sslContext(ca.clientSslContext())
        .retries(1, Duration.ofMillis(10)).build();
  }

  @AfterAll
  static void stopServers() {
    server.close();
    mirror.close();
    fetcher.close();
  }

  @BeforeEach
  void publish() {
    repo = new RepositorySimulator();
    root = repo.signedRoots.get(0);
    server.put("/metadata/1.root.json", root);
    mirror.put("/metadata/1.root.json", root);
    server.clearRequests();
  }

  private static String sha256(byte[] b) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, b));
  }

  private RootBootstrap.Builder bootstrap() {
    return RootBootstrap.builder().url(server.uri("/metadata/1.root.json")).fetcher(fetcher);
  }

  private Set<String> rootKeyids() {
    return Set.copyOf(repo.root.roles().get("root").keyids());
  }

  @Test
  void acceptedUnderASha256Pin() throws Exception {
    RootBootstrap.Result r = bootstrap().sha256(sha256(root).toUpperCase()).build().fetch();
    assertArrayEquals(root, r.rootBytes());
    assertFalse(r.trustOnFirstUse());
    assertEquals(List.of("sha256 " + sha256(root)), r.pinsSatisfied());
    assertEquals(sha256(root), r.sha256());
  }

  @Test
  void acceptedUnderAKeyidsAndThresholdPin() throws Exception {
    RootBootstrap.Result r = bootstrap().rootKeys(rootKeyids(), 1).build().fetch();
    assertEquals(1, r.root().signed().version());
  }

  @Test
  void acceptedWhenSeveralSourcesAgree() throws Exception {
    RootBootstrap.Result r = bootstrap().url(mirror.uri("/metadata/1.root.json")).build().fetch();
    assertEquals(List.of("2 sources agree"), r.pinsSatisfied());
  }

  @Test
  void refusedForAWrongHash() {
    BootstrapException e = assertThrows(BootstrapException.class,
        () -> bootstrap().sha256("00".repeat(32)).build().fetch());
    assertTrue(e.getMessage().contains("expected sha256 " + "00".repeat(32) + ", got " + sha256(root)), e.getMessage());
  }

  @Test
  void refusedForWrongKeyidsOrThreshold() {
    assertThrows(BootstrapException.class, () -> bootstrap().rootKeys(Set.of("ab".repeat(32)), 1).build().fetch());
    Set<String> more = new java.util.HashSet<>(rootKeyids());
    more.add("cd".repeat(32));
    assertThrows(BootstrapException.class, () -> bootstrap().rootKeys(more, 2).build().fetch());
  }

  @Test
  void refusedWhenAForgedRootBorrowsThePinnedKeyid() throws Exception {
    // An attacker lists their own key under the real keyid and signs with it.
    String realId = rootKeyids().iterator().next();
    RepositorySimulator attacker = new RepositorySimulator();
    var forgedKey = attacker.newKey();
    var r = attacker.root;
    for (String id : r.roles().get("root").keyids()) {
      r = r.withoutRoleKey("root", id);
    }
    r = r.withRoleKey("root", realId, dev.tuf4j.metadata.Key.of(forgedKey.publicKey()));
    byte[] forged = dev.tuf4j.metadata.Metadata.of(r).sign(forgedKey, realId).toBytes();
    server.put("/metadata/1.root.json", forged);
    BootstrapException e = assertThrows(BootstrapException.class, () -> bootstrap().rootKeys(Set.of(realId), 1).build().fetch());
    assertTrue(e.getMessage().contains("to hash to it"), e.getMessage());
  }

  @Test
  void refusedWhenSourcesDisagree() {
    mirror.put("/metadata/1.root.json", new RepositorySimulator(false).signedRoots.get(0));
    BootstrapException e = assertThrows(BootstrapException.class,
        () -> bootstrap().url(mirror.uri("/metadata/1.root.json")).build().fetch());
    assertTrue(e.getMessage().contains("byte-identical"), e.getMessage());
  }

  @Test
  void refusedForAnUntrustedCertificate() {
    HttpFetcher otherCa = HttpFetcher.builder().sslContext(TestCa.create("another CA").clientSslContext())
        .retries(1, Duration.ofMillis(10)).build();
    assertThrows(DownloadException.class,
        () -> RootBootstrap.builder().url(server.uri("/metadata/1.root.json")).fetcher(otherCa)
            .sha256(sha256(root)).build().fetch());
    otherCa.close();
  }

  @Test
  void refusedForPlainHttpUnlessAllowed() throws Exception {
    try (TestServer plain = TestServer.http()) {
      plain.put("/1.root.json", root);
      URI url = plain.uri("/1.root.json");
      assertThrows(IllegalArgumentException.class,
          () -> RootBootstrap.builder().url(url).sha256(sha256(root)).fetcher(fetcher).build());
      assertEquals(List.of(), plain.requestLines());
      RootBootstrap.Result r = RootBootstrap.builder().url(url).sha256(sha256(root)).fetcher(fetcher)
          .allowPlainHttp(true).build().fetch();
      assertArrayEquals(root, r.rootBytes());
    }
  }

  @Test
  void oneServerAskedTwiceIsNotSeveralSources() {
    // Another path, a query, other case or the default port spelled out: still one server, which
    // would agree with itself and pass for a pin.
    for (String second : new String[] {
        "https://repo.example/1.root.json?again",
        "https://REPO.example/other/1.root.json",
        "https://repo.example:443/1.root.json"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RootBootstrap.builder().url(URI.create("https://repo.example/1.root.json"))
              .url(URI.create(second)).fetcher(fetcher).build());
      assertTrue(e.getMessage().contains("not two sources"), e.getMessage());
    }
  }

  @Test
  void refusedWithoutAPinUnlessTrustOnFirstUse() throws Exception {
    BootstrapException e = assertThrows(BootstrapException.class, () -> bootstrap().build().fetch());
    assertTrue(e.getMessage().contains("without a pin"), e.getMessage());
    RootBootstrap.Result r = bootstrap().trustOnFirstUse(true).build().fetch();
    assertTrue(r.trustOnFirstUse());
    assertEquals(List.of(), r.pinsSatisfied());
  }

  @Test
  void refusedWhenTheRootIsNotSignedByItsOwnKeys() {
    repo.signers.put("root", List.of(repo.newKey()));
    repo.publishRoot();
    server.put("/metadata/1.root.json", repo.signedRoots.get(1));
    BootstrapException e = assertThrows(BootstrapException.class,
        () -> bootstrap().sha256(sha256(repo.signedRoots.get(1))).build().fetch());
    assertTrue(e.getMessage().contains("not valid"), e.getMessage());
  }

  @Test
  void theAcceptedRootStartsTheNormalChainWalkAndNothingIsPersistedBefore() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    assertThrows(BootstrapException.class, () -> bootstrap().sha256("11".repeat(32)).build().fetch());
    try (Stream<Path> files = Files.list(md)) {
      assertEquals(0, files.count());
    }
    RootBootstrap.Result r = bootstrap().sha256(sha256(root)).build().fetch();
    repo.bumpRoot();
    Updater u = Updater.builder().metadataBaseUrl(RepositorySimulator.METADATA_URL).metadataDir(md)
        .fetcher(repo).trustedRoot(r.rootBytes()).build();
    u.refresh();
    assertEquals(2, u.trustedRoot().orElseThrow().signed().version());
    assertTrue(Files.exists(md.resolve("root_history/1.root.json")));
    assertTrue(Files.exists(md.resolve("root_history/2.root.json")));
  }
}
