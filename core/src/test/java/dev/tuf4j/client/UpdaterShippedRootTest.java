package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An updater given the root the application ships (5.2, {@code trustedRoot}) on every start, as
 * an installer built with root v1 does for years: it must go on from the newest root it followed
 * since (5.3, from its root history, as python-tuf's {@code _load_root} does), not start over
 * from v1. Starting over let a threshold of rotated-out root keys sign a fork, and made every
 * rotation since v1 look new, so that 5.3.11 dropped the timestamp and snapshot baselines on each
 * refresh and a replayed older timestamp was accepted.
 */
class UpdaterShippedRootTest {
  @TempDir Path tmp;

  /** A new updater over the harness's folder, started from root v1 as the application ships it. */
  private static Updater shippedV1(RepositorySimulator repo, UpdaterHarness h) {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataDir(h.metadataDir)
        .fetcher(repo)
        .clock(h.clock)
        .trustedRoot(repo.signedRoots.get(0))
        .build();
  }

  @Test
  void aForkSignedByRotatedOutRootKeysIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    byte[] v1 = repo.signedRoots.get(0);
    SigningKey oldRootKey = repo.signers.get("root").get(0);
    SigningKey newRootKey = repo.rotateKey("root");
    repo.signers.put("root", List.of(oldRootKey, newRootKey));
    repo.bumpRoot(); // v2, signed by both, trusts only the new root key
    try (Updater u = shippedV1(repo, h)) {
      u.refresh();
    }
    byte[] v2 = repo.signedRoots.get(1);
    assertArrayEquals(v2, Files.readAllBytes(h.metadataDir.resolve("root.json")));

    // The rotated-out key leaks; an attacker forks version 2 from version 1 with it.
    SigningKey attackerTimestamp = repo.newKey();
    Root forged = Metadata.parseRoot(v1).signed().withVersion(2);
    String timestampKey = forged.roles().get("timestamp").keyids().get(0);
    forged = forged.withoutRoleKey("timestamp", timestampKey)
        .withRoleKey("timestamp", attackerTimestamp.publicKey().keyId(), Key.of(attackerTimestamp.publicKey()));
    repo.overrides.put("metadata/2.root.json", Metadata.of(forged).sign(oldRootKey).toBytes());
    repo.signers.put("timestamp", List.of(attackerTimestamp));
    repo.updateTimestamp();
    repo.clearRequests();

    try (Updater u = shippedV1(repo, h)) {
      assertThrows(UnsignedMetadataException.class, u::refresh);
    }
    // v2 came from the root history; the repository was asked only for what comes after it.
    assertEquals(List.of("metadata/3.root.json", "metadata/timestamp.json"), repo.requests());
    assertArrayEquals(v2, Files.readAllBytes(h.metadataDir.resolve("root.json")));
    assertArrayEquals(v2, Files.readAllBytes(h.metadataDir.resolve("root_history/2.root.json")));
  }

  @Test
  void aReplayedOlderTimestampIsRefusedAfterATimestampKeyRotation() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    SigningKey rootKey = repo.signers.get("root").get(0);
    repo.rotateKey("timestamp");
    repo.signers.put("root", List.of(rootKey));
    repo.bumpRoot(); // v2 rotates the timestamp key
    repo.updateSnapshot(); // snapshot 2, timestamp 2
    byte[] oldTimestamp = repo.metadataBytes("timestamp");
    byte[] oldSnapshot = repo.metadataBytes("snapshot");
    try (Updater u = shippedV1(repo, h)) {
      u.refresh(); // follows the rotation once: 5.3.11 applies here
    }
    repo.updateSnapshot(); // snapshot 3, timestamp 3
    try (Updater u = shippedV1(repo, h)) {
      u.refresh();
    }
    h.assertStored(2, 3, 3, 1);

    // A man in the middle replays timestamp 2: still unexpired, correctly signed.
    repo.overrides.put("metadata/timestamp.json", oldTimestamp);
    repo.overrides.put("metadata/2.snapshot.json", oldSnapshot);
    repo.clearRequests();
    try (Updater u = shippedV1(repo, h)) {
      assertThrows(BadVersionException.class, u::refresh); // 5.4.3, against the kept baseline
    }
    assertEquals(List.of("metadata/3.root.json", "metadata/timestamp.json"), repo.requests());
    h.assertStored(2, 3, 3, 1);
  }

  @Test
  void aRootHistoryEntryThatDoesNotVerifyIsIgnoredAndTheRepositoryAsked() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    repo.bumpRoot();
    try (Updater u = shippedV1(repo, h)) {
      u.refresh();
    }
    // Damaged on disk: the history is verified again on every walk, never trusted as stored.
    Files.write(h.metadataDir.resolve("root_history/2.root.json"), new byte[] {'{', '}'});
    repo.clearRequests();
    try (Updater u = shippedV1(repo, h)) {
      u.refresh();
    }
    assertEquals("metadata/2.root.json", repo.requests().get(0));
    assertArrayEquals(repo.signedRoots.get(1), Files.readAllBytes(h.metadataDir.resolve("root.json")));
    assertArrayEquals(
        repo.signedRoots.get(1), Files.readAllBytes(h.metadataDir.resolve("root_history/2.root.json")));
  }
}
