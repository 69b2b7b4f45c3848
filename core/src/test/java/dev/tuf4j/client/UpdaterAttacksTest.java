package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks of the specification against the whole updater, with the state afterwards. */
class UpdaterAttacksTest {
  private static final Instant PAST = Instant.parse("2020-01-01T00:00:00Z");
  @TempDir Path tmp;

  private UpdaterHarness refreshed(RepositorySimulator repo) throws Exception {
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    return h;
  }

  @Test
  void timestampRollbackIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.updateTimestamp();
    byte[] v2 = repo.metadataBytes("timestamp");
    repo.updateTimestamp();
    UpdaterHarness h = refreshed(repo);
    repo.overrides.put("metadata/timestamp.json", v2);
    BadVersionException e = assertThrows(BadVersionException.class, h::refresh);
    assertEquals("timestamp", e.role());
    assertEquals(3, e.expected());
    assertEquals(2, e.found());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 3, 1, 1);
  }

  @Test
  void snapshotVersionRollbackInANewTimestampIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.updateSnapshot();
    UpdaterHarness h = refreshed(repo);
    repo.timestamp = repo.timestamp.withVersion(repo.timestamp.version() + 1).withSnapshotMeta(MetaFile.ofVersion(1));
    BadVersionException e = assertThrows(BadVersionException.class, h::refresh);
    assertTrue(e.getMessage().contains("meta[snapshot.json].version"), e.getMessage());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 2, 2, 1);
  }

  @Test
  void targetsVersionRollbackInANewSnapshotIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.updateTargets("targets");
    UpdaterHarness h = refreshed(repo);
    repo.targets.put("targets", repo.targets.get("targets").withVersion(1));
    repo.snapshot = repo.snapshot.withVersion(repo.snapshot.version() + 1).withRoleMeta("targets", MetaFile.ofVersion(1));
    repo.updateTimestamp();
    BadVersionException e = assertThrows(BadVersionException.class, h::refresh);
    assertEquals("snapshot", e.role());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/3.snapshot.json");
    h.assertStored(1, 3, 2, 2);
  }

  @Test
  void roleRemovedFromSnapshotIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.snapshot = repo.snapshot.withMeta(java.util.Map.of()).withVersion(2);
    repo.updateTimestamp();
    MissingMetadataException e = assertThrows(MissingMetadataException.class, h::refresh);
    assertTrue(e.getMessage().contains("targets.json"), e.getMessage());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json");
    h.assertStored(1, 2, 1, 1);
  }

  @Test
  void expiredTimestampIsAFreezeAndIsNotPersisted() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.timestamp = repo.timestamp.withExpires(PAST);
    repo.updateTimestamp();
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class, h::refresh);
    assertEquals("timestamp", e.role());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 1, 1, 1);
  }

  @Test
  void expiredLocalTimestampIsTheBaselineButNeverBlocksANewerOne() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.updateTimestamp();
    repo.updateTimestamp();
    UpdaterHarness h = refreshed(repo);
    h.clock = java.time.Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    repo.root = repo.root.withExpires(Instant.parse("2200-01-01T00:00:00Z"));
    repo.bumpRoot();
    repo.snapshot = repo.snapshot.withExpires(Instant.parse("2200-01-01T00:00:00Z"));
    repo.targets.put("targets", repo.targets.get("targets").withExpires(Instant.parse("2200-01-01T00:00:00Z")));
    repo.timestamp = repo.timestamp.withExpires(Instant.parse("2200-01-01T00:00:00Z"));
    // A rollback to an older (unexpired) timestamp is refused against the expired local one.
    repo.timestamp = repo.timestamp.withVersion(1);
    assertThrows(BadVersionException.class, h::refresh);
    h.assertRequests("metadata/2.root.json", "metadata/3.root.json", "metadata/timestamp.json");
    repo.timestamp = repo.timestamp.withVersion(3);
    repo.updateTargets("targets");
    h.refresh();
    h.assertRequests("metadata/3.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json", "metadata/2.targets.json");
    h.assertStored(2, 4, 2, 2);
  }

  @Test
  void expiredSnapshotIsAFreeze() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.snapshot = repo.snapshot.withExpires(PAST);
    repo.updateSnapshot();
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class, h::refresh);
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json");
    assertEquals("snapshot", e.role());
    h.assertStored(1, 2, 1, 1);
  }

  @Test
  void expiredTargetsIsAFreeze() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.targets.put("targets", repo.targets.get("targets").withExpires(PAST));
    repo.updateTargets("targets");
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class, h::refresh);
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json", "metadata/2.targets.json");
    assertEquals("targets", e.role());
    h.assertStored(1, 2, 2, 1);
  }

  @Test
  void fastForwardAttackIsRecoveredByRotatingTheTimestampKey() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    // An attacker with the timestamp key pushes a huge version; the client trusts it.
    long real = repo.timestamp.version();
    repo.timestamp = repo.timestamp.withVersion(1_000_000);
    h.refresh();
    h.assertStored(1, 1_000_000, 1, 1);
    // The repository rotates the timestamp key and goes on from its real version.
    repo.timestamp = repo.timestamp.withVersion(real);
    SigningKey rootKey = repo.signers.get("root").get(0);
    repo.rotateKey("timestamp");
    repo.signers.put("root", List.of(rootKey));
    repo.bumpRoot();
    repo.updateTimestamp();
    h.refresh();
    h.assertStored(2, real + 1, 1, 1);
    h.assertRequests("metadata/2.root.json", "metadata/3.root.json", "metadata/timestamp.json", "metadata/1.snapshot.json");
  }

  @Test
  void withoutRotationAFastForwardedTimestampStaysTheBaseline() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.timestamp = repo.timestamp.withVersion(1_000_000);
    h.refresh();
    repo.timestamp = repo.timestamp.withVersion(2);
    assertThrows(BadVersionException.class, h::refresh);
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 1_000_000, 1, 1);
  }

  @Test
  void endlessTimestampStopsAtTheCap() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    byte[] huge = new byte[100_000];
    Arrays.fill(huge, (byte) ' ');
    repo.overrides.put("metadata/timestamp.json", huge);
    LengthExceededException e = assertThrows(LengthExceededException.class, h::refresh);
    assertEquals(16_384, e.limit());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 1, 1, 1);
  }

  @Test
  void metadataSignedByTheWrongKeyIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = refreshed(repo);
    repo.signers.put("targets", List.of(repo.newKey()));
    repo.updateTargets("targets");
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, h::refresh);
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json", "metadata/2.targets.json");
    assertEquals("targets", e.role());
    h.assertStored(1, 2, 2, 1);
  }

  @Test
  void keyCompromiseBelowThresholdIsRefused() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    SigningKey rootKey = repo.signers.get("root").get(0);
    SigningKey a = repo.signers.get("snapshot").get(0);
    SigningKey b = repo.newKey();
    repo.root = repo.root.withRoleKey("snapshot", b.publicKey().keyId(), dev.tuf4j.metadata.Key.of(b.publicKey()));
    java.util.Map<String, dev.tuf4j.metadata.Role> roles = new java.util.LinkedHashMap<>(repo.root.roles());
    roles.put("snapshot", roles.get("snapshot").withThreshold(2));
    repo.root = repo.root.withRoles(roles);
    repo.signers.put("root", List.of(rootKey));
    repo.bumpRoot();
    repo.signers.put("snapshot", List.of(a, b));
    repo.updateSnapshot();
    UpdaterHarness h = refreshed(repo);
    // The attacker holds only key a.
    repo.signers.put("snapshot", List.of(a));
    repo.updateSnapshot();
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, h::refresh);
    assertEquals(2, e.threshold());
    assertEquals(1, e.validSignatures());
    h.assertRequests("metadata/3.root.json", "metadata/timestamp.json", "metadata/3.snapshot.json");
    h.assertStored(2, 3, 2, 1);
  }
}
