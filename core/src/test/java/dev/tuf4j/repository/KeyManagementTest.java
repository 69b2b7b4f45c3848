package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and revoking keys, thresholds, and rotating the online key. */
class KeyManagementTest {
  @TempDir Path tmp;
  RepoTesting.Fixture f;
  Updater client;

  @BeforeEach
  void publish() throws Exception {
    f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(8));
    f.repo.addTargets(List.of(new TargetFile("p/one", 1, Map.of("sha256", "01".repeat(32)))));
    f.signOffline().publish();
    client = f.client(tmp.resolve("client"));
    client.refresh();
  }

  private Root publishedRoot() throws Exception {
    return Metadata.parseRoot(Files.readAllBytes(tmp.resolve("repo/metadata/root.json"))).signed();
  }

  @Test
  void revokingAKeyBelowTheThresholdIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.repo.revokeKey(RoleKind.TARGETS, f.targetsKey.publicKey().keyId()));
    assertTrue(e.getMessage().contains("lower the threshold or add a key first"), e.getMessage());
  }

  @Test
  void aThresholdAboveTheNumberOfKeysIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> f.repo.setThreshold(RoleKind.ROOT, 4));
    assertThrows(IllegalArgumentException.class, () -> f.repo.setThreshold(RoleKind.ROOT, 0));
  }

  @Test
  void rootKeysAreAddedAndRevokedThroughNewRootVersions() throws Exception {
    SigningKey fourth = RepoTesting.key("root4");
    f.repo.addKey(RoleKind.ROOT, fourth.publicKey());
    f.repo.revokeKey(RoleKind.ROOT, f.root3.publicKey().keyId());
    SignatureStatus st = f.repo.setThreshold(RoleKind.ROOT, 3);
    // Old root: 2 of root1..3; new root: 3 of root1, root2, root4.
    assertEquals(2, st.requirements().get(0).threshold());
    assertEquals(3, st.requirements().get(1).threshold());
    f.repo.sign("root", f.root1);
    f.repo.sign("root", f.root2);
    assertThrows(UnsignedMetadataException.class, () -> f.repo.publisher().publish());
    f.repo.sign("root", fourth);
    f.repo.publisher().publish();
    Root root = publishedRoot();
    assertEquals(List.of(f.root1.publicKey().keyId(), f.root2.publicKey().keyId(), fourth.publicKey().keyId()),
        root.roles().get("root").keyids());
    assertTrue(!root.keys().containsKey(f.root3.publicKey().keyId()), "an unused key leaves the key list");
    client.refresh();
    assertEquals(2, client.trustedRoot().orElseThrow().signed().version());
  }

  @Test
  void rotatingTheOnlineKeyReSignsEveryOnlineRoleAndClientsFollow() throws Exception {
    SigningKey next = RepoTesting.key("online-next");
    List<SignatureStatus> pending = f.repo.rotateOnlineKey(next.publicKey());
    assertEquals(List.of("bins", "root"), pending.stream().map(SignatureStatus::role).sorted().toList());
    f.signOffline();
    assertThrows(UnsignedMetadataException.class, () -> f.repo.publisher().publish(),
        "the new online key's signer is not there yet");
    f.repo.addOnlineSigner(next);
    PublishResult r = f.repo.publisher().publish();
    assertEquals(8, r.binsWritten(), "every bin, under the new key");

    Targets bins = Metadata.parseTargets(Files.readAllBytes(tmp.resolve("repo/metadata/2.bins.json")), "bins").signed();
    assertEquals(List.of(next.publicKey().keyId()), bins.delegations().orElseThrow().succinctRoles().orElseThrow().keyids());
    assertEquals(List.of(next.publicKey().keyId()), publishedRoot().roles().get("timestamp").keyids());

    Updater again = f.client(tmp.resolve("client"));
    again.refresh();
    assertTrue(again.targetInfo("p/one").isPresent());

    // From now on the old key is of no use: a repository holding only it cannot publish.
    Repository oldOnly = Repository.open(f.config, f.storage, f.clock, List.of(f.online));
    oldOnly.addTargets(List.of(new TargetFile("p/two", 1, Map.of("sha256", "02".repeat(32)))));
    assertThrows(UnsignedMetadataException.class, () -> oldOnly.publisher().publishOnline());
  }

  @Test
  void aSecondBinKeyWithThresholdTwoNeedsBothSigners() throws Exception {
    SigningKey second = RepoTesting.key("bin-second");
    f.repo.addKey(RoleKind.BIN, second.publicKey());
    f.repo.setThreshold(RoleKind.BIN, 2);
    f.signOffline();
    assertThrows(UnsignedMetadataException.class, () -> f.repo.publisher().publish());
    f.repo.addOnlineSigner(second);
    f.repo.publisher().publish();
    client.refresh();
    assertTrue(f.client(tmp.resolve("client")).targetInfo("p/one").isPresent());
  }
}
