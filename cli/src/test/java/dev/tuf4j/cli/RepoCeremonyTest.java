package dev.tuf4j.cli;

import static dev.tuf4j.cli.RepoFixture.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key changes and offline ceremonies across separate command runs, followed by the client. */
class RepoCeremonyTest {
  @TempDir static Path keys;
  static RepoFixture f;
  @TempDir Path tmp;

  @BeforeAll
  static void keys() throws Exception {
    f = RepoFixture.create(keys);
  }

  private static Root trustedRoot(Updater client) throws Exception {
    client.refresh();
    return client.trustedRoot().orElseThrow().signed();
  }

  @Test
  void aRootRotationSignedByTwoHoldersInTurnIsFollowedByTheClient() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458", "--root-key", f.pub("root2"), "--root-threshold", "2");
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root2")));
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    f.ok(online("repo", "publish", dir.toString()));
    Updater first = RepoFixture.client(dir, tmp.resolve("client"));
    assertEquals(1, trustedRoot(first).version());

    f.ok("repo", "rotate-root", dir.toString(), "--root-key", f.pub("root2"), "--root-threshold", "1");
    InProcess.Result one = f.ok(online("repo", "sign", dir.toString(), "--role", "root", "--key", f.key("root1")));
    String root2 = f.keyids.get("root2").substring(0, 16);
    assertEquals("root version 2: needs 1 more of root version 1 (1/2, keyids " + root2 + "); 1 more of root version 2"
        + " (0/1, keyids " + root2 + ")", one.stdout().strip());
    f.ok(online("repo", "sign", dir.toString(), "--role", "root", "--key", f.key("root2")));
    f.ok(online("repo", "publish", dir.toString()));

    Root followed = trustedRoot(RepoFixture.client(dir, tmp.resolve("client")));
    assertEquals(2, followed.version());
    assertEquals(Set.of(f.keyids.get("root2")), Set.copyOf(followed.roles().get("root").keyids()));
  }

  @Test
  void aRevokedRootKeyIsGoneFromTheRootTheClientTrusts() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458", "--root-key", f.pub("root2"));
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    f.ok(online("repo", "publish", dir.toString()));

    f.ok("repo", "revoke-key", dir.toString(), "--role", "root", "--key", f.pub("root2"));
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    f.ok(online("repo", "publish", dir.toString()));

    Root root = trustedRoot(RepoFixture.client(dir, tmp.resolve("client")));
    assertEquals(2, root.version());
    assertEquals(Set.of(f.keyids.get("root1")), Set.copyOf(root.roles().get("root").keyids()));
    assertTrue(!root.keys().containsKey(f.keyids.get("root2")));
  }

  @Test
  void anAddedTargetsKeyIsTrustedOnceRootIsSignedAndPublished() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    InProcess.Result r = f.ok("repo", "add-key", dir.toString(), "--role", "targets", "--key", f.pub("targets2"));
    assertTrue(r.stdout().startsWith("root version 2: needs 1 more of root version 1"), r.stdout());
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    f.ok(online("repo", "publish", dir.toString()));
    Root root = trustedRoot(RepoFixture.client(dir, tmp.resolve("client")));
    assertEquals(Set.of(f.keyids.get("targets"), f.keyids.get("targets2")),
        Set.copyOf(root.roles().get("targets").keyids()));
  }

  @Test
  void aCarriedCopySignedElsewhereIsTakenBack() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Path copy = Files.copy(dir.resolve(".tuf4j/pending/root.json"), tmp.resolve("root-for-signing.json"));
    InProcess.Result signed = f.ok(online("repo", "sign", "--file", copy.toString(), "--key", f.key("root1")));
    assertTrue(signed.stdout().contains(f.keyids.get("root1")), signed.stdout());
    InProcess.Result taken = f.ok("repo", "add-signatures", dir.toString(), "--role", "root", copy.toString());
    assertEquals("root version 1: signed, ready to publish", taken.stdout().strip());
  }

  @Test
  void aCopyWithOtherContentIsRefusedAndThePendingVersionStays() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    Path other = tmp.resolve("other");
    f.init(other, "pep458", "--root-key", f.pub("root2"));
    byte[] pending = Files.readAllBytes(dir.resolve(".tuf4j/pending/root.json"));
    f.fails("repo", "add-signatures", dir.toString(), "--role", "root",
        other.resolve(".tuf4j/pending/root.json").toString());
    assertEquals(new String(pending), Files.readString(dir.resolve(".tuf4j/pending/root.json")));
  }

  @Test
  void signingWithAKeyNoPendingVersionNeedsFails() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    InProcess.Result r = f.fails(online("repo", "sign", dir.toString(), "--key", f.key("dev")));
    assertEquals("error: no pending version needs key " + f.keyids.get("dev"), r.stderr().strip());
  }

  @Test
  void signingARoleWithAKeyThatIsNotItsFails() {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    InProcess.Result r = f.fails(online("repo", "sign", dir.toString(), "--role", "root", "--key", f.key("targets")));
    assertTrue(r.stderr().contains("is not a key of root"), r.stderr());
  }

  @Test
  void aPendingFileLeftByAnInterruptedPublishIsDroppedAsPublished() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    f.ok("repo", "bump-expiry", dir.toString(), "--role", "targets");
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    byte[] signed = Files.readAllBytes(dir.resolve(".tuf4j/pending/targets.json"));
    f.ok(online("repo", "publish", dir.toString()));
    Files.write(dir.resolve(".tuf4j/pending/targets.json"), signed); // as if the publish stopped before removing it
    String status = f.ok("repo", "status", dir.toString()).stdout();
    assertTrue(status.contains("targets version 2 ") && !status.contains("pending"), status);
    assertTrue(!Files.exists(dir.resolve(".tuf4j/pending/targets.json")));
  }
}
