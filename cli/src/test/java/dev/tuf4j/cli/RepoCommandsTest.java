package dev.tuf4j.cli;

import static dev.tuf4j.cli.RepoFixture.online;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuf4j repo} in-process, PEP 458: from init to what the client downloads. */
class RepoCommandsTest {
  @TempDir static Path keys;
  static RepoFixture f;
  @TempDir Path tmp;

  @BeforeAll
  static void keys() throws Exception {
    f = RepoFixture.create(keys);
  }

  @Test
  void initLeavesTheOfflineRolesPendingAndPublishesNothing() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    assertEquals(Map.of(), RepoFixture.tree(dir.resolve("metadata")));
    assertEquals(List.of("pending/bins.json", "pending/root.json", "pending/targets.json"),
        RepoFixture.tree(dir.resolve(".tuf4j")).keySet().stream().filter(p -> p.startsWith("pending/")).toList());
    String status = f.ok("repo", "status", dir.toString()).stdout();
    assertTrue(status.contains("not published yet"), status);
    assertTrue(status.contains("pending root version 1: needs 1 more of root version 1"), status);
  }

  @Test
  void publishingBeforeEveryHolderSignedFailsAndWritesNothing() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    InProcess.Result r = f.fails(online("repo", "publish", dir.toString()));
    assertTrue(r.stderr().contains("targets"), r.stderr());
    assertEquals(Map.of(), RepoFixture.tree(dir.resolve("metadata")));
  }

  @Test
  void aKeyHolderSignsEveryPendingRoleThatNeedsTheKey() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    InProcess.Result r = f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    assertEquals(List.of("targets version 1: signed, ready to publish", "bins version 1: signed, ready to publish"),
        r.stdout().lines().toList());
  }

  @Test
  void theClientDownloadsAnAddedTarget() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path file = Files.writeString(tmp.resolve("a.txt"), "hello");
    InProcess.Result r = f.ok(online("repo", "add-target", dir.toString(), file.toString(), "--prefix", "files/"));
    assertTrue(r.stdout().startsWith("added 1, replaced 0, unchanged 0; published snapshot version 2"), r.stdout());
    Updater client = RepoFixture.client(dir, tmp.resolve("client"));
    TargetFile info = client.targetInfo("files/a.txt").orElseThrow();
    assertArrayEquals("hello".getBytes(), Files.readAllBytes(client.download(info)));
  }

  @Test
  void aRemovedTargetIsNoLongerFoundByTheClient() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    Path b = Files.writeString(tmp.resolve("b.txt"), "b");
    f.ok(online("repo", "add-target", dir.toString(), a.toString(), b.toString()));
    f.ok(online("repo", "remove-target", dir.toString(), "a.txt"));
    Updater client = RepoFixture.client(dir, tmp.resolve("client"));
    assertTrue(client.targetInfo("a.txt").isEmpty());
    assertTrue(client.targetInfo("b.txt").isPresent());
  }

  @Test
  void removingATargetThatIsNotListedChangesNothing() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Map<String, String> before = RepoFixture.tree(dir);
    InProcess.Result r = f.fails(online("repo", "remove-target", dir.toString(), "nope.txt"));
    assertEquals("error: target nope.txt is not listed; nothing was removed", r.stderr().strip());
    assertEquals(before, RepoFixture.tree(dir));
  }

  @Test
  void bumpExpiryReSignsTheOnlineRolesWithALaterExpiry() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Updater before = RepoFixture.client(dir, tmp.resolve("c1"));
    before.refresh();
    var oldTimestamp = before.trustedMetadata("timestamp").orElseThrow().signed();
    f.ok(online("repo", "bump-expiry", dir.toString(), "--within", "2d"));
    Updater after = RepoFixture.client(dir, tmp.resolve("c2"));
    after.refresh();
    var newTimestamp = after.trustedMetadata("timestamp").orElseThrow().signed();
    assertEquals(oldTimestamp.version() + 1, newTimestamp.version());
    assertTrue(!newTimestamp.expires().isBefore(oldTimestamp.expires()));
  }

  @Test
  void bumpExpiryOfAnOfflineRoleIsAPendingVersionForItsHolders() {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    InProcess.Result r = f.ok("repo", "bump-expiry", dir.toString(), "--role", "targets");
    assertEquals("targets version 2: needs 1 more of root version 1 (0/1, keyids "
        + f.keyids.get("targets").substring(0, 16) + ")", r.stdout().strip());
    f.ok(online("repo", "sign", dir.toString(), "--role", "targets", "--key", f.key("targets")));
    f.ok(online("repo", "publish", dir.toString()));
    String status = f.ok("repo", "status", dir.toString()).stdout();
    assertTrue(status.contains("targets version 2 "), status);
    assertTrue(!status.contains("pending"), status);
  }

  @Test
  void statusShowsEveryRoleAndSumsUpTheBins() {
    Path dir = f.published(tmp.resolve("repo"), "pep458", "--hash-prefixes");
    List<String> lines = f.ok("repo", "status", dir.toString()).stdout().lines().toList();
    assertEquals("layout pep458, 8 bins (hash prefixes), published", lines.get(0));
    assertTrue(lines.get(1).startsWith("root version 1 expires "), lines.get(1));
    assertTrue(lines.get(1).endsWith(" offline signed 1/1 of root version 1"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("bin-n 8 roles, versions 1, first expiry ")), lines.toString());
    assertEquals(7, lines.size(), lines.toString()); // heading, 5 roles, bins
  }

  @Test
  void verifyPassesOnAPublishedRepository() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    f.ok(online("repo", "add-target", dir.toString(), a.toString()));
    assertEquals("verified: root version 1, 1 targets", f.ok("repo", "verify", dir.toString()).stdout().strip());
  }

  @Test
  void verifyFailsWithOneLineWhenAServedTargetWasAltered() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    Path a = Files.writeString(tmp.resolve("a.txt"), "a");
    f.ok(online("repo", "add-target", dir.toString(), a.toString()));
    try (var files = Files.list(dir.resolve("targets"))) {
      for (Path p : files.toList()) {
        Files.writeString(p, "b");
      }
    }
    InProcess.Result r = f.fails("repo", "verify", dir.toString());
    assertTrue(r.stderr().contains("a.txt"), r.stderr());
  }
}
