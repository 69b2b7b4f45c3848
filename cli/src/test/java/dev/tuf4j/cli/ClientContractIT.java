package dev.tuf4j.cli;

import static dev.tuf4j.cli.ClientFolders.jsonFiles;
import static dev.tuf4j.cli.ClientFolders.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RawSocketServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuf4j client} as a separate process against a real HTTP server on 127.0.0.1: exactly
 * docs/CLI-CLIENT-CONTRACT.md - exit codes, the metadata folder byte for byte, the exact requests.
 */
class ClientContractIT {
  private static final byte[] WHEEL = "wheel content".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SDIST = "sdist content".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private Path md;
  private Path td;
  private ServedRepository served;
  private final CliProcess cli = new CliProcess();

  @BeforeEach
  void start() {
    md = tmp.resolve("md");
    td = tmp.resolve("td");
    served = ServedRepository.http();
    served.repo.addTarget("targets", "pkgs/a.whl", WHEEL);
    served.repo.addTarget("targets", "pkgs/b.tar.gz", SDIST);
    served.publish();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  private CliProcess.Result init() {
    return cli.run("client", "--metadata-dir", md.toString(), "init",
        served.writeInitialRoot(tmp.resolve("root.json")).toString());
  }

  private CliProcess.Result refresh(String... extra) {
    return cli.run(concat(extra, "client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(), "refresh"));
  }

  private CliProcess.Result download(String... targets) {
    String[] args = {"client", "--metadata-dir", md.toString(), "--metadata-url", served.metadataUrl(),
        "--target-dir", td.toString(), "--target-base-url", served.targetsUrl()};
    for (String t : targets) {
      args = concat(args, "--target-name", t);
    }
    return cli.run(concat(args, "download"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String targetPath(String path, byte[] content) {
    return "/targets/" + TargetUrls.path(path, Hex.encode(Digester.digest(HashAlgorithm.SHA256, content)));
  }

  private Map<String, String> trustedTopLevel() {
    return Map.of(
        "root.json", text(served.initialRoot()),
        "timestamp.json", text(served.repo.metadataBytes("timestamp")),
        "snapshot.json", text(served.repo.metadataBytes("snapshot")),
        "targets.json", text(served.repo.metadataBytes("targets")));
  }

  @Test
  void initWritesOnlyTheRootAndMakesNoRequest() {
    init().assertSuccess();
    assertEquals(Map.of("root.json", text(served.initialRoot())), jsonFiles(md));
    assertEquals(List.of(), served.server.requestLines());
  }

  @Test
  void aFirstRefreshMakesExactlyTheseRequestsAndStoresExactlyTheBytesReceived() {
    init().assertSuccess();
    CliProcess.Result r = refresh().assertSuccess();
    assertEquals("", r.stderr());
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/1.snapshot.json", "GET /metadata/1.targets.json"), served.server.requestLines());
    assertEquals(trustedTopLevel(), jsonFiles(md));
  }

  @Test
  void aDownloadRightAfterARefreshMakesTwoMetadataRequestsAndFetchesTheTargets() throws Exception {
    init().assertSuccess();
    refresh().assertSuccess();
    served.server.clearRequests();
    CliProcess.Result r = download("pkgs/a.whl", "pkgs/b.tar.gz").assertSuccess();
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET " + targetPath("pkgs/a.whl", WHEEL), "GET " + targetPath("pkgs/b.tar.gz", SDIST)),
        served.server.requestLines());
    List<String> stored = r.stdoutLines();
    assertEquals(2, stored.size(), r.stdout());
    assertEquals(ClientFolders.text(WHEEL), ClientFolders.text(Files.readAllBytes(Path.of(stored.get(0)))));
    assertEquals(ClientFolders.text(SDIST), ClientFolders.text(Files.readAllBytes(Path.of(stored.get(1)))));
    assertEquals(td.toRealPath(), Path.of(stored.get(0)).getParent().toRealPath());
    assertEquals(2, ClientFolders.files(td).size());
    assertEquals(trustedTopLevel(), jsonFiles(md));
  }

  @Test
  void aDownloadRightAfterInitRefreshesFirst() {
    init().assertSuccess();
    download("pkgs/a.whl").assertSuccess();
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/1.snapshot.json", "GET /metadata/1.targets.json",
        "GET " + targetPath("pkgs/a.whl", WHEEL)), served.server.requestLines());
  }

  @Test
  void aTargetNobodyListsFailsButTheMetadataIsUpdated() {
    init().assertSuccess();
    CliProcess.Result r = download("nonexistent artifact").assertFailure();
    assertTrue(r.stderr().contains("nonexistent artifact"), r.stderr());
    assertEquals(trustedTopLevel(), jsonFiles(md));
    assertEquals(Map.of(), ClientFolders.files(td));
  }

  @Test
  void theDownloadStopsAtTheFirstFailureAndKeepsWhatWasFinished() {
    init().assertSuccess();
    download("pkgs/a.whl", "missing", "pkgs/b.tar.gz").assertFailure();
    assertEquals(1, ClientFolders.files(td).size());
    assertTrue(ClientFolders.files(td).containsValue(text(WHEEL)));
    assertTrue(served.server.requestLines().stream().noneMatch(l -> l.contains("b.tar.gz")), served.server.requestLines().toString());
  }

  @Test
  void aTimestampWithoutValidSignaturesFailsTheRefreshAndTheTrustedOneStays() {
    init().assertSuccess();
    refresh().assertSuccess();
    Map<String, String> before = jsonFiles(md);
    served.repo.signers.put("timestamp", List.of(served.repo.newKey()));
    served.repo.updateTimestamp();
    served.publish();
    CliProcess.Result r = refresh().assertFailure();
    assertTrue(r.stderr().startsWith("error: timestamp: expected signatures from 1"), r.stderr());
    assertEquals(before, jsonFiles(md));
  }

  @Test
  void aRefreshWithoutInitFailsWithoutAnyRequest() {
    CliProcess.Result r = refresh().assertFailure();
    assertTrue(r.stderr().contains("root.json"), r.stderr());
    assertEquals(List.of(), served.server.requestLines());
  }

  @Test
  void anUnknownOptionOrAMissingArgumentExitsOneNotTwo() {
    cli.run("client", "--metadata-dir", md.toString(), "--no-such-option", "refresh").assertFailure();
    cli.run("client", "--metadata-dir", md.toString(), "init").assertFailure();
    cli.run("client", "--metadata-dir", md.toString(), "--metadata-url", served.metadataUrl(), "download").assertFailure();
    cli.run().assertFailure();
  }

  @Test
  void aConnectionRefusedFailsWithOneLine() throws Exception {
    init().assertSuccess();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CliProcess.Result r = cli.run("client", "--metadata-url", "http://127.0.0.1:" + port + "/metadata/",
        "--metadata-dir", md.toString(), "refresh").assertFailure();
    assertTrue(r.stderr().contains("2.root.json"), r.stderr());
  }

  @Test
  void aServerThatClosesWithoutAnsweringFailsWithOneLineInBoundedTime() {
    init().assertSuccess();
    try (RawSocketServer raw = RawSocketServer.start(RawSocketServer.closeWithoutResponse())) {
      CliProcess.Result r = cli.run("client", "--metadata-url", raw.uri("/metadata/").toString(),
          "--metadata-dir", md.toString(), "refresh").assertFailure();
      assertTrue(r.stderr().contains("/metadata/2.root.json"), r.stderr());
      assertTrue(r.elapsed().compareTo(Duration.ofSeconds(20)) < 0, "took " + r.elapsed());
      assertTrue(raw.requests().stream().allMatch(q -> q.line().equals("GET /metadata/2.root.json")), raw.requests().toString());
    }
    assertEquals(Map.of("root.json", text(served.initialRoot())), jsonFiles(md));
  }

  @Test
  void delegatedRoleNamesArePercentEncodedInUrlsAndFileNames() throws Exception {
    String role = "a/b c?#";
    served.repo.addDelegation("targets", DelegatedRole.forPaths(role, List.of(), 1, List.of("delegated/*")));
    byte[] content = "delegated".getBytes(StandardCharsets.UTF_8);
    served.repo.addTarget(role, "delegated/x y.whl", content);
    served.repo.updateTargets("targets");
    served.publish();
    init().assertSuccess();
    refresh().assertSuccess();
    served.server.clearRequests();
    download("delegated/x y.whl").assertSuccess();
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json",
        "GET /metadata/1.a%2Fb%20c%3F%23.json",
        "GET " + targetPath("delegated/x y.whl", content)), served.server.requestLines());
    assertEquals(text(served.repo.metadataBytes(role)), jsonFiles(md).get("a%2Fb%20c%3F%23.json"));
    assertEquals(List.of("a%2Fb%20c%3F%23.json", "root.json", "snapshot.json", "targets.json", "timestamp.json"),
        List.copyOf(jsonFiles(md).keySet()));
  }

  @Test
  void verboseReportsEachStepAndTheStackTraceOfAFailure() {
    init().assertSuccess();
    CliProcess.Result ok = refresh("--verbose").assertSuccess();
    assertTrue(ok.stderr().contains("trusted timestamp version 1 (downloaded)"), ok.stderr());
    served.server.override("/metadata/timestamp.json", dev.tuf4j.testing.TestServer.status(404));
    CliProcess.Result failed = refresh("--verbose");
    assertEquals(1, failed.exitCode());
    assertTrue(failed.stderr().contains("error: "), failed.stderr());
    assertTrue(failed.stderr().contains("\tat dev.tuf4j."), failed.stderr());
  }
}
