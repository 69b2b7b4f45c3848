package dev.tuf4j.cli;

import static dev.tuf4j.cli.RepoFixture.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the repo and project commands: exit 1, one clear line, nothing half-written. */
class RepoBadInputTest {
  @TempDir static Path keys;
  static RepoFixture f;
  @TempDir Path tmp;

  @BeforeAll
  static void keys() throws Exception {
    f = RepoFixture.create(keys);
  }

  @Test
  void theRepoAndProjectCommandTreesHaveEveryCommand() {
    // Each one's --help is checked with every other command in CliArgumentsTest.
    List<String> names = new ArrayList<>();
    Cli.commandLine(new CliContext(System.out, System.err, Map.of(), null, java.time.Clock.systemUTC()))
        .getSubcommands().forEach((top, cmd) -> cmd.getSubcommands().keySet().forEach(sub -> names.add(top + " " + sub)));
    assertEquals(List.of("project register", "project sign", "repo accept-upload", "repo add-key",
        "repo add-signatures", "repo add-target", "repo bump-expiry", "repo claim", "repo init", "repo publish",
        "repo remove-target", "repo revoke-key", "repo rotate-root", "repo sign", "repo status", "repo verify"),
        names.stream().filter(n -> n.startsWith("repo ") || n.startsWith("project ")).sorted().toList());
  }

  @Test
  void aFolderThatIsNoRepositoryIsNamed() {
    InProcess.Result r = f.fails("repo", "status", tmp.toString());
    assertEquals("error: " + tmp + ": not a tuf4j repository folder (no .tuf4j/repository.properties;"
        + " create one with 'tuf4j repo init')", r.stderr().strip());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    InProcess.Result r = f.fails("repo", "status", tmp.toString(), "--colour");
    assertTrue(r.stderr().contains("Unknown option: '--colour'"), r.stderr());
    assertTrue(r.stderr().contains("see 'tuf4j repo status --help'"), r.stderr());
  }

  @Test
  void aWrongOnlinePassphraseChangesNothing() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    Map<String, String> before = RepoFixture.tree(dir);
    InProcess.Result r = f.fails("repo", "add-target", dir.toString(), a.toString(), "--passphrase-env", "WRONG");
    assertTrue(r.stderr().contains("wrong passphrase"), r.stderr());
    assertEquals(before, RepoFixture.tree(dir));
  }

  @Test
  void aWrongSigningPassphraseLeavesThePendingVersionAsItWas() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Map<String, String> before = RepoFixture.tree(dir);
    f.fails("repo", "sign", dir.toString(), "--key", f.key("root1"), "--passphrase-env", "WRONG");
    assertEquals(before, RepoFixture.tree(dir));
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    InProcess.Result r = f.fails(online("repo", "sign", dir.toString(), "--key", tmp.resolve("nokey").toString()));
    assertEquals("error: " + tmp.resolve("nokey") + ": no such key file", r.stderr().strip());
  }

  @Test
  void aGarbagePublicKeyFileStopsInitBeforeAnythingIsWritten() throws Exception {
    Path garbage = Files.writeString(tmp.resolve("garbage.pub.json"), "{not json");
    Path dir = tmp.resolve("repo");
    InProcess.Result r = f.fails(online("repo", "init", dir.toString(), "--root-key", garbage.toString(),
        "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    assertTrue(r.stderr().contains("not a public key file"), r.stderr());
    assertFalse(Files.exists(dir));
  }

  @Test
  void aPrivateKeyFileWithoutItsPublicFileIsExplained() throws Exception {
    Path lone = Files.copy(keys.resolve("root1"), tmp.resolve("lone"));
    InProcess.Result r = f.fails(online("repo", "init", tmp.resolve("repo").toString(), "--root-key", lone.toString(),
        "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    assertTrue(r.stderr().contains("a private key file; give its public key file"), r.stderr());
  }

  @Test
  void initUnderAFileFailsAndWritesNothing() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
    f.fails(online("repo", "init", notAFolder.resolve("repo").toString(), "--root-key", f.pub("root1"),
        "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    assertEquals(Map.of("file", "x"), RepoFixture.tree(tmp));
  }

  @Test
  void initNeverReplacesARepository() {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Map<String, String> before = RepoFixture.tree(dir);
    InProcess.Result r = f.fails(online("repo", "init", dir.toString(), "--root-key", f.pub("root2"),
        "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    assertEquals("error: " + dir + ": holds a repository already; not replacing it", r.stderr().strip());
    assertEquals(before, RepoFixture.tree(dir));
  }

  @Test
  void theOnlineKeyMayNotBeAnOfflineKey() {
    Path dir = tmp.resolve("repo");
    InProcess.Result r = f.fails(online("repo", "init", dir.toString(), "--root-key", f.pub("online"),
        "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    assertTrue(r.stderr().contains("may not also be a root or targets key"), r.stderr());
    assertFalse(Files.exists(dir));
  }

  @Test
  void aGarbagePendingFileIsNamed() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Files.writeString(dir.resolve(".tuf4j/pending/targets.json"), "garbage");
    InProcess.Result r = f.fails("repo", "status", dir.toString());
    assertTrue(r.stderr().startsWith("error: " + dir.resolve(".tuf4j/pending/targets.json")), r.stderr());
  }

  @Test
  void aMissingPendingFileBeforeTheFirstPublishIsNeverReplacedByAPlaceholder() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Files.delete(dir.resolve(".tuf4j/pending/bins.json"));
    InProcess.Result r = f.fails(online("repo", "publish", dir.toString()));
    assertTrue(r.stderr().contains("bins.json is missing"), r.stderr());
    assertEquals(Map.of(), RepoFixture.tree(dir.resolve("metadata")));
  }

  @Test
  void damagedSettingsAreNamed() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Files.writeString(dir.resolve(".tuf4j/repository.properties"), "format=1\nlayout=pep999\n");
    InProcess.Result r = f.fails("repo", "status", dir.toString());
    assertTrue(r.stderr().contains("damaged repository settings"), r.stderr());
  }

  @Test
  void targetsWaitForTheFirstPublish() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    InProcess.Result r = f.fails(online("repo", "add-target", dir.toString(), a.toString()));
    assertTrue(r.stderr().contains("is not published yet"), r.stderr());
  }

  @Test
  void aMissingTargetFileIsNamedBeforeTheRepositoryIsOpened() {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    InProcess.Result r = f.fails(online("repo", "add-target", dir.toString(), tmp.resolve("gone.txt").toString()));
    assertEquals("error: " + tmp.resolve("gone.txt") + ": no such file", r.stderr().strip());
  }

  @Test
  void anUnsafeTargetPathIsRefused() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    Map<String, String> before = RepoFixture.tree(dir);
    f.fails(online("repo", "add-target", dir.toString(), a.toString(), "--path", "../a.txt"));
    assertEquals(before, RepoFixture.tree(dir));
  }

  @Test
  void garbageUploadMetadataIsRefused() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "foo", "--key", f.pub("dev"));
    Path garbage = Files.writeString(tmp.resolve("project-foo.json"), "[]");
    InProcess.Result r = f.fails(online("repo", "accept-upload", dir.toString(), garbage.toString()));
    assertTrue(r.stderr().contains("not project metadata"), r.stderr());
  }

  @Test
  void aSecondCommandOnTheSameFolderFailsWhileTheFirstHoldsIt() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    try (RepoFolder held = RepoFolder.open(dir)) {
      InProcess.Result r = f.fails("repo", "status", dir.toString());
      assertTrue(r.stderr().contains("another tuf4j command is working on this repository"), r.stderr());
    }
    f.ok("repo", "status", dir.toString());
  }

  @Test
  void anUnknownRoleListsTheLayoutsRoles() {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    InProcess.Result r = f.fails("repo", "add-key", dir.toString(), "--role", "claimed", "--key", f.pub("root2"));
    assertEquals("error: no role 'claimed' in a PEP 458 repository; roles: root, targets, snapshot, timestamp, bins, bin",
        r.stderr().strip());
  }

  @Test
  void aPendingFileOfNoOfflineRoleIsRefused() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Files.copy(dir.resolve(".tuf4j/pending/bins.json"), dir.resolve(".tuf4j/pending/bin-3.json"));
    InProcess.Result r = f.fails("repo", "status", dir.toString());
    assertTrue(r.stderr().contains("bin-3.json: not an offline role of this repository (root, targets, bins)"),
        r.stderr());
  }
}
