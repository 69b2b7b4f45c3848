package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a server whose certificate a test CA signed. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherTlsTest {
  private static final byte[] ROOT = HttpFetcherTest.randomBytes(2000, 21);
  private static TestCa ca;
  private static TestServer server;

  @BeforeAll
  static void start() {
    ca = TestCa.create();
    server = TestServer.https(ca.serverSslContext());
    server.put("/1.root.json", ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void fetchesOverHttpsWhenAContextTrustsTheCa() throws Exception {
    try (HttpFetcher fetcher = TestFetchers.fast().sslContext(ca.clientSslContext()).build()) {
      assertArrayEquals(ROOT, fetcher.fetchBytes(server.uri("/1.root.json"), 512_000));
    }
  }

  @Test
  void fetchesOverHttpsWhenAPemBundleAddsTheCa(@TempDir Path dir) throws Exception {
    Path bundle = ca.writeCertificatePem(dir.resolve("ca.pem"));
    try (HttpFetcher fetcher = TestFetchers.fast().trustedCertificates(bundle).build()) {
      assertArrayEquals(ROOT, fetcher.fetchBytes(server.uri("/1.root.json"), 512_000));
    }
  }

  @Test
  void aPemBundleMayHoldCommentsAndSeveralCertificates(@TempDir Path dir) throws Exception {
    String text =
        "# Issuer: some other CA\n"
            + TestCa.create("another CA").certificatePem()
            + "\n# Issuer: the test CA\n"
            + ca.certificatePem();
    Path bundle = Files.writeString(dir.resolve("bundle.pem"), text, StandardCharsets.US_ASCII);
    try (HttpFetcher fetcher = TestFetchers.fast().trustedCertificates(bundle).build()) {
      assertArrayEquals(ROOT, fetcher.fetchBytes(server.uri("/1.root.json"), 512_000));
    }
  }

  @Test
  void failsWithAClearNetworkErrorWhenTheCaIsNotTrusted() {
    int before = server.requests().size();
    try (HttpFetcher fetcher = TestFetchers.fast().build()) {
      NetworkException e =
          assertThrows(
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/1.root.json"), 512_000));
      assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    }
    assertEquals(before, server.requests().size());
  }

  @Test
  void failsWhenOnlyAnotherCaIsTrusted() {
    try (HttpFetcher fetcher =
        TestFetchers.fast().sslContext(TestCa.create("another CA").clientSslContext()).build()) {
      NetworkException e =
          assertThrows(
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/1.root.json"), 512_000));
      assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
    }
  }

  @Test
  void failsWhenTheCertificateNamesAnotherHost() {
    try (TestServer wrongName = TestServer.https(ca.serverSslContext("repo.example.org"));
        HttpFetcher fetcher = TestFetchers.fast().sslContext(ca.clientSslContext()).build()) {
      wrongName.put("/x", new byte[1]);
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(wrongName.uri("/x"), 10));
      assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
      assertEquals(0, wrongName.requests().size());
    }
  }

  @Test
  void aMissingPemBundleIsAStorageError(@TempDir Path dir) {
    Path missing = dir.resolve("missing.pem");
    StorageException e =
        assertThrows(
            StorageException.class, () -> HttpFetcher.builder().trustedCertificates(missing));
    assertEquals(missing, e.path());
  }

  @Test
  void aFileWithoutCertificatesIsAStorageError(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("x.pem"), "# nothing here\n");
    assertThrows(StorageException.class, () -> HttpFetcher.builder().trustedCertificates(notPem));
  }

  @Test
  void aContextAndABundleCannotBothBeGiven(@TempDir Path dir) throws Exception {
    Path bundle = ca.writeCertificatePem(dir.resolve("ca.pem"));
    HttpFetcher.Builder b =
        HttpFetcher.builder().sslContext(ca.clientSslContext()).trustedCertificates(bundle);
    assertThrows(IllegalStateException.class, b::build);
  }
}
