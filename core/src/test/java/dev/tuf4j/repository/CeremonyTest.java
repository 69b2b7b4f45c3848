package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root rotation and offline signing ceremonies, from the operator's and a key holder's side. */
class CeremonyTest {
  @TempDir Path tmp;
  RepoTesting.Fixture f;
  final SigningKey new1 = RepoTesting.key("new-root-1");
  final SigningKey new2 = RepoTesting.key("new-root-2");

  @BeforeEach
  void publishVersionOne() throws Exception {
    f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(8));
    f.signOffline().publish();
  }

  private String id(SigningKey k) {
    return k.publicKey().keyId();
  }

  @Test
  void aRotatedRootNeedsAThresholdOfTheOldKeysAndOfTheNewOnes() throws Exception {
    SignatureStatus st = f.repo.rotateRootKeys(RoleKeys.of(2, new1.publicKey(), new2.publicKey()));
    assertEquals("root", st.role());
    assertEquals(2, st.version());
    assertEquals(2, st.requirements().size());
    assertEquals("root version 1", st.requirements().get(0).delegator());
    assertEquals(List.of(id(f.root1), id(f.root2), id(f.root3)), st.requirements().get(0).missing());
    assertEquals(List.of(id(new1), id(new2)), st.requirements().get(1).missing());

    f.repo.sign("root", f.root1);
    f.repo.sign("root", new1);
    st = f.repo.sign("root", new2);
    assertTrue(st.requirements().get(1).met());
    assertEquals(List.of(id(f.root1)), st.requirements().get(0).signedBy());
    assertEquals(1, st.requirements().get(0).stillNeeded());
    assertEquals(List.of(id(f.root2), id(f.root3)), st.missingKeyids());
    assertFalse(st.complete());

    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> f.repo.publisher().publish());
    assertEquals("root", e.role());
    assertEquals(2, e.threshold());
    assertEquals(1, e.validSignatures());
    assertFalse(Files.exists(tmp.resolve("repo/metadata/2.root.json")), "nothing written");

    assertTrue(f.repo.sign("root", f.root3).complete());
    f.repo.publisher().publish();
    Root root2 = Metadata.parseRoot(Files.readAllBytes(tmp.resolve("repo/metadata/2.root.json"))).signed();
    assertEquals(List.of(id(new1), id(new2)), root2.roles().get("root").keyids());
  }

  @Test
  void aKeyThatIsNotInvolvedCannotSign() {
    f.repo.rotateRootKeys(RoleKeys.of(1, new1.publicKey()));
    assertThrows(IllegalArgumentException.class, () -> f.repo.sign("root", f.targetsKey));
  }

  @Test
  void aClientAtRootOneFollowsTheChainToRootThree() throws Exception {
    byte[] root1 = Files.readAllBytes(tmp.resolve("repo/metadata/1.root.json"));
    f.repo.rotateRootKeys(RoleKeys.of(1, new1.publicKey()));
    f.repo.sign("root", f.root1);
    f.repo.sign("root", f.root2);
    f.repo.sign("root", new1);
    f.repo.publisher().publish();

    f.repo.rotateRootKeys(RoleKeys.of(1, new2.publicKey()));
    f.repo.sign("root", new1);
    f.repo.sign("root", new2);
    f.repo.addTargets(List.of(new TargetFile("after/rotation", 1, Map.of("sha256", "aa".repeat(32)))));
    f.repo.publisher().publish();

    Updater client = RepoTesting.client(f.dir, tmp.resolve("client"), f.clock, root1);
    client.refresh();
    assertEquals(3, client.trustedRoot().orElseThrow().signed().version());
    assertTrue(client.targetInfo("after/rotation").isPresent());
  }

  @Test
  void keyHoldersSignACarriedFileOneAtATimeWithEncryptedKeyFiles() throws Exception {
    // Key holders keep their keys in passphrase-encrypted files on their own machines.
    KeyFiles keyFiles = new KeyFiles(new SecureRandom(new byte[] {1}));
    Path key2 = tmp.resolve("holder2/root2.key");
    Path key3 = tmp.resolve("holder3/root3.key");
    Files.createDirectories(key2.getParent());
    Files.createDirectories(key3.getParent());
    keyFiles.writePrivateKey(key2, f.root2, "second holder".toCharArray());
    keyFiles.writePrivateKey(key3, f.root3, "third holder".toCharArray());

    f.repo.addKey(RoleKind.TARGETS, new1.publicKey());
    Path carried = tmp.resolve("usb/root.json");
    Files.createDirectories(carried.getParent());
    Files.write(carried, f.repo.pendingFile("root").orElseThrow());
    assertEquals(List.of(), Ceremony.signatureKeyids(Files.readAllBytes(carried)));

    Ceremony.signFile(carried, key2, "second holder".toCharArray(), keyFiles);
    SignatureStatus st = f.repo.addSignatures("root", Files.readAllBytes(carried));
    assertEquals(1, st.requirements().get(0).signedBy().size());
    assertEquals(1, st.requirements().get(0).stillNeeded());

    Ceremony.signFile(carried, key3, "third holder".toCharArray(), keyFiles);
    // A new process (the first one gone) adopts the carried file as the pending version.
    Repository fresh = f.reopen();
    st = fresh.addSignatures("root", Files.readAllBytes(carried));
    assertTrue(st.complete(), st.toString());
    fresh.publisher().publish();
    Root root2 = Metadata.parseRoot(Files.readAllBytes(tmp.resolve("repo/metadata/root.json"))).signed();
    assertTrue(root2.roles().get("targets").keyids().contains(id(new1)));
  }

  @Test
  void aFileWithOtherContentThanThePendingVersionIsRefused() throws Exception {
    f.repo.addKey(RoleKind.TARGETS, new1.publicKey());
    byte[] pending = f.repo.pendingFile("root").orElseThrow();
    f.repo.setThreshold(RoleKind.TARGETS, 2); // edited after it was handed out
    byte[] signedOld = Ceremony.sign(pending, f.root1);
    assertThrows(IllegalArgumentException.class, () -> f.repo.addSignatures("root", signedOld));
  }

  @Test
  void editingAPendingVersionDropsTheSignaturesItHad() {
    f.repo.addKey(RoleKind.TARGETS, new1.publicKey());
    f.repo.sign("root", f.root1);
    SignatureStatus st = f.repo.setThreshold(RoleKind.TARGETS, 2);
    assertEquals(List.of(), st.requirements().get(0).signedBy());
  }

  @Test
  void onlineChangesPublishWhileACeremonyIsUnderWay() throws Exception {
    f.repo.rotateRootKeys(RoleKeys.of(1, new1.publicKey()));
    f.repo.sign("root", f.root1);
    f.repo.addTargets(List.of(new TargetFile("during/ceremony", 1, Map.of("sha256", "bb".repeat(32)))));
    f.repo.publisher().publishOnline();
    assertFalse(Files.exists(tmp.resolve("repo/metadata/2.root.json")));
    assertEquals(1, f.repo.pendingSignatures().size());
    assertTrue(f.client(tmp.resolve("client")).targetInfo("during/ceremony").isPresent());
  }

  @Test
  void newTargetsKeysNeedATargetsVersionSignedWithThemInTheSamePublish() throws Exception {
    f.repo.replaceKeys(RoleKind.TARGETS, RoleKeys.of(new1.publicKey()));
    f.repo.sign("root", f.root1);
    f.repo.sign("root", f.root2);
    // The root alone would leave the published targets, signed by the old key, unverifiable.
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> f.repo.publisher().publish());
    assertEquals("targets", e.role());
    assertFalse(Files.exists(tmp.resolve("repo/metadata/2.root.json")));

    SignatureStatus st = f.repo.renew(RoleKind.TARGETS);
    assertEquals(List.of(id(new1)), st.requirements().get(0).missing());
    assertThrows(IllegalArgumentException.class, () -> f.repo.sign("targets", f.targetsKey));
    f.repo.sign("targets", new1);
    f.repo.addTargets(List.of(new TargetFile("after/targets-rotation", 1, Map.of("sha256", "cc".repeat(32)))));
    f.repo.publisher().publish();
    assertEquals(2, f.repo.publishedVersion("targets"));
    assertTrue(f.client(tmp.resolve("client")).targetInfo("after/targets-rotation").isPresent());
  }

  @Test
  void aDelegatedOfflineRoleIsSignedFromACarriedFileToo() throws Exception {
    SigningKey binKey = RepoTesting.key("bin-2");
    f.repo.addKey(RoleKind.BIN, binKey.publicKey());
    byte[] file = f.repo.pendingFile("bins").orElseThrow();
    SignatureStatus st = f.repo.addSignatures("bins", file);
    assertEquals("targets", st.requirements().get(0).delegator());
    assertEquals(List.of(id(f.binsKey)), st.missingKeyids());

    byte[] signed = Ceremony.sign(file, f.binsKey); // on the key holder's machine
    assertEquals(List.of(id(f.binsKey)), Ceremony.signatureKeyids(signed));
    assertTrue(f.repo.addSignatures("bins", signed).complete());
    f.repo.addOnlineSigner(binKey);
    f.repo.publisher().publish();
    assertEquals(2, f.repo.publishedVersion("bins"));
  }
}
