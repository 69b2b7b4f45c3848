package dev.tuf4j.cli;

import static dev.tuf4j.cli.ClientFolders.jsonFiles;
import static dev.tuf4j.cli.ClientFolders.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first root fetched over HTTPS ({@code --bootstrap-url}) under each kind of pin, and the
 * refusals, against an HTTPS server whose certificate a test CA signed ({@code --ca-file}).
 */
class ClientBootstrapIT {
  private static final TestCa CA = TestCa.create("tuf4j cli bootstrap test CA");

  @TempDir Path tmp;
  private Path md;
  private Path caFile;
  private ServedRepository served;
  private final CliProcess cli = new CliProcess();

  @BeforeEach
  void start() {
    md = tmp.resolve("md");
    caFile = CA.writeCertificatePem(tmp.resolve("ca.pem"));
    served = ServedRepository.https(CA.serverSslContext());
    served.repo.addTarget("targets", "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
    served.publish();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  private String rootUrl() {
    return served.metadataUrl() + "1.root.json";
  }

  private String rootSha256() {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, served.initialRoot()));
  }

  private CliProcess.Result refresh(String... options) {
    List<String> args = new ArrayList<>(List.of("client", "--metadata-url", served.metadataUrl(),
        "--metadata-dir", md.toString(), "--ca-file", caFile.toString()));
    args.addAll(Arrays.asList(options));
    args.add("refresh");
    return cli.run(args.toArray(String[]::new));
  }

  private void assertTrustedRootIsTheServedOne() {
    assertEquals(text(served.initialRoot()), jsonFiles(md).get("root.json"));
  }

  private void assertNothingTrusted() {
    assertEquals(Map.of(), jsonFiles(md));
  }

  @Test
  void aSha256PinAcceptsTheRootAndTheRefreshGoesOnFromIt() {
    CliProcess.Result r = refresh("--bootstrap-url", rootUrl(), "--root-sha256", rootSha256()).assertSuccess();
    assertEquals("", r.stderr());
    assertEquals(List.of("GET /metadata/1.root.json", "GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/1.snapshot.json", "GET /metadata/1.targets.json"), served.server.requestLines());
    assertTrustedRootIsTheServedOne();
    assertEquals(List.of("root.json", "snapshot.json", "targets.json", "timestamp.json"), List.copyOf(jsonFiles(md).keySet()));
  }

  @Test
  void aSha256PinInUpperCaseIsTheSamePin() {
    refresh("--bootstrap-url", rootUrl(), "--root-sha256", rootSha256().toUpperCase(java.util.Locale.ROOT)).assertSuccess();
    assertTrustedRootIsTheServedOne();
  }

  @Test
  void aKeyidsAndThresholdPinAcceptsTheRoot() {
    List<String> keyids = served.repo.root.roles().get("root").keyids();
    refresh("--bootstrap-url", rootUrl(), "--root-keyids", String.join(",", keyids), "--root-threshold", "1")
        .assertSuccess();
    assertTrustedRootIsTheServedOne();
  }

  @Test
  void twoSourcesServingTheSameBytesAcceptTheRoot() {
    try (TestServer mirror = TestServer.https(CA.serverSslContext())) {
      mirror.put("/mirror/1.root.json", served.initialRoot());
      refresh("--bootstrap-url", rootUrl(), "--bootstrap-url", mirror.uri("/mirror/1.root.json").toString())
          .assertSuccess();
      assertTrustedRootIsTheServedOne();
    }
  }

  @Test
  void oneServerTwiceIsNotTwoSources() {
    served.server.put("/mirror/1.root.json", served.initialRoot());
    CliProcess.Result r =
        refresh("--bootstrap-url", rootUrl(), "--bootstrap-url", served.server.baseUri() + "mirror/1.root.json")
            .assertFailure();
    assertTrue(r.stderr().contains("one server twice is not two sources"), r.stderr());
    assertNothingTrusted();
    assertEquals(List.of(), served.server.requestLines());
  }

  @Test
  void aWrongSha256IsRefusedAndNothingIsTrusted() {
    CliProcess.Result r = refresh("--bootstrap-url", rootUrl(), "--root-sha256", "ab".repeat(32)).assertFailure();
    assertTrue(r.stderr().contains("expected sha256 " + "ab".repeat(32) + ", got " + rootSha256()), r.stderr());
    assertNothingTrusted();
    assertEquals(List.of("GET /metadata/1.root.json"), served.server.requestLines());
  }

  @Test
  void wrongKeyidsAreRefused() {
    CliProcess.Result r = refresh("--bootstrap-url", rootUrl(), "--root-keyids", "ab".repeat(32), "--root-threshold", "1")
        .assertFailure();
    assertTrue(r.stderr().contains("expected root keyids"), r.stderr());
    assertNothingTrusted();
  }

  @Test
  void aWrongThresholdIsRefused() {
    List<String> keyids = new ArrayList<>(served.repo.root.roles().get("root").keyids());
    keyids.add("cd".repeat(32));
    refresh("--bootstrap-url", rootUrl(), "--root-keyids", String.join(",", keyids), "--root-threshold", "2")
        .assertFailure();
    assertNothingTrusted();
  }

  @Test
  void sourcesThatDisagreeAreRefused() {
    served.repo.bumpRoot();
    try (TestServer mirror = TestServer.https(CA.serverSslContext())) {
      mirror.put("/mirror/1.root.json", served.repo.signedRoots.get(1));
      CliProcess.Result r =
          refresh("--bootstrap-url", rootUrl(), "--bootstrap-url", mirror.uri("/mirror/1.root.json").toString())
              .assertFailure();
      assertTrue(r.stderr().contains("byte-identical"), r.stderr());
      assertNothingTrusted();
    }
  }

  @Test
  void withoutAPinTheRootIsRefused() {
    CliProcess.Result r = refresh("--bootstrap-url", rootUrl()).assertFailure();
    assertTrue(r.stderr().contains("without a pin"), r.stderr());
    assertNothingTrusted();
  }

  @Test
  void trustOnFirstUseAcceptsTheRootWithOneWarningLine() {
    CliProcess.Result r = refresh("--bootstrap-url", rootUrl(), "--trust-on-first-use").assertSuccess();
    List<String> lines = r.stderrLines();
    assertEquals(1, lines.size(), r.stderr());
    assertTrue(lines.get(0).startsWith("warning: trusted the root from " + rootUrl() + " on first use"), r.stderr());
    assertTrue(lines.get(0).contains("--root-sha256 " + rootSha256()), r.stderr());
    assertTrustedRootIsTheServedOne();
  }

  @Test
  void aServerCertificateFromAnUnknownAuthorityIsRefused() {
    CliProcess.Result r = cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(),
        "--bootstrap-url", rootUrl(), "--root-sha256", rootSha256(), "refresh").assertFailure();
    assertTrue(r.stderr().contains("1.root.json"), r.stderr());
    assertNothingTrusted();
    assertEquals(List.of(), served.server.requestLines());
  }

  @Test
  void aTrustedRootInTheMetadataFolderIsNeverReplacedByABootstrap() throws Exception {
    Files.createDirectories(md);
    Files.write(md.resolve("root.json"), served.initialRoot());
    served.server.put("/other/1.root.json", "not even a root".getBytes(StandardCharsets.UTF_8));
    refresh("--bootstrap-url", served.server.baseUri() + "other/1.root.json", "--root-sha256", "ab".repeat(32))
        .assertSuccess();
    assertTrue(served.server.requestLines().stream().noneMatch(l -> l.contains("1.root.json")), served.server.requestLines().toString());
    assertTrustedRootIsTheServedOne();
  }

  @Test
  void targetsDownloadOverHttpsWithTheSameAuthorities() throws Exception {
    Path td = tmp.resolve("td");
    CliProcess.Result r = cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(),
        "--ca-file", caFile.toString(), "--bootstrap-url", rootUrl(), "--root-sha256", rootSha256(),
        "--target-name", "a.txt", "--target-dir", td.toString(), "--target-base-url", served.targetsUrl(), "download")
        .assertSuccess();
    assertEquals("hello", Files.readString(Path.of(r.stdoutLines().get(0))));
  }
}
