package dev.tuf4j.cli;

import static dev.tuf4j.cli.ClientFolders.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target folder rules of the client contract, with the jar as a separate process. */
class ClientTargetFolderIT {
  private static final String PATH = "pkgs/a.whl";
  private static final byte[] V1 = "version one".getBytes(StandardCharsets.UTF_8);
  private static final byte[] V2 = "version two, longer".getBytes(StandardCharsets.UTF_8);

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
    served.repo.addTarget("targets", PATH, V1);
    served.publish();
    cli.run("client", "--metadata-dir", md.toString(), "init",
        served.writeInitialRoot(tmp.resolve("root.json")).toString()).assertSuccess();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  private CliProcess.Result download() {
    return download(td);
  }

  private CliProcess.Result download(Path targetDir) {
    return cli.run("client", "--metadata-dir", md.toString(), "--metadata-url", served.metadataUrl(),
        "--target-name", PATH, "--target-dir", targetDir.toString(), "--target-base-url", served.targetsUrl(),
        "download");
  }

  private static String urlPath(byte[] content) {
    return "/targets/" + TargetUrls.path(PATH, Hex.encode(Digester.digest(HashAlgorithm.SHA256, content)));
  }

  /** Publishes V2 as the new content of the target. */
  private void publishVersionTwo() {
    served.repo.addTarget("targets", PATH, V2);
    served.repo.updateTargets("targets");
    served.publish();
  }

  private Path storedFile() {
    Map<String, String> files = ClientFolders.files(td);
    assertEquals(1, files.size(), files.toString());
    return td.resolve(files.keySet().iterator().next());
  }

  private void assertNothingStaged() {
    assertEquals(Map.of(), ClientFolders.files(md.resolve("staging")));
  }

  @Test
  void aTargetFailingItsHashIsNotStoredAndTheFolderStaysEmpty() {
    byte[] forged = "version 0ne".getBytes(StandardCharsets.UTF_8); // same length, other bytes
    served.server.put(urlPath(V1), forged);
    CliProcess.Result r = download().assertFailure();
    assertTrue(r.stderr().contains("expected sha256"), r.stderr());
    assertEquals(Map.of(), ClientFolders.files(td));
    assertNothingStaged();
  }

  @Test
  void aFailingHashLeavesTheOlderCopyExactlyAsItWas() throws Exception {
    download().assertSuccess();
    Path file = storedFile();
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
    publishVersionTwo();
    served.server.put(urlPath(V2), "version two, LONGER".getBytes(StandardCharsets.UTF_8));
    download().assertFailure();
    assertEquals(Map.of(file.getFileName().toString(), text(V1)), ClientFolders.files(td));
    BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
    assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
    assertEquals(before.fileKey(), after.fileKey());
    assertNothingStaged();
  }

  @Test
  void aTargetLongerThanListedIsRefused() {
    byte[] longer = new byte[V1.length + 1000];
    System.arraycopy(V1, 0, longer, 0, V1.length);
    served.server.put(urlPath(V1), longer);
    download().assertFailure();
    assertEquals(Map.of(), ClientFolders.files(td));
    assertNothingStaged();
  }

  @Test
  void aCachedValidFileIsNeitherDownloadedNorRewritten() throws Exception {
    download().assertSuccess();
    Path file = storedFile();
    // Make any rewrite visible even on file systems with coarse timestamps.
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    served.server.clearRequests();
    CliProcess.Result r = download().assertSuccess();
    assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/timestamp.json"), served.server.requestLines());
    assertEquals(file.toString(), r.stdoutLines().get(0));
    assertEquals(old, Files.getLastModifiedTime(file));
    assertEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
  }

  @Test
  void aChangedTargetReplacesTheOldFileUnderTheSameName() throws Exception {
    download().assertSuccess();
    Path file = storedFile();
    publishVersionTwo();
    download().assertSuccess();
    assertEquals(Map.of(file.getFileName().toString(), text(V2)), ClientFolders.files(td));
  }

  @Test
  void aDamagedLocalCopyIsDownloadedAgain() throws Exception {
    download().assertSuccess();
    Path file = storedFile();
    Files.write(file, "tampered!!!".getBytes(StandardCharsets.UTF_8));
    served.server.clearRequests();
    download().assertSuccess();
    assertTrue(served.server.requestLines().contains("GET " + urlPath(V1)), served.server.requestLines().toString());
    assertEquals(text(V1), text(Files.readAllBytes(file)));
  }

  @Test
  void anUnwritableTargetFolderFailsWithOneLineAndWritesNothing() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("file"), "keep");
    download(notAFolder.resolve("td")).assertFailure();
    assertEquals("keep", Files.readString(notAFolder));
    assertNothingStaged();
  }
}
