package dev.tuf4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Timestamp;
import dev.tuf4j.testing.RepositorySimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine alone: each rule of the client workflow, without I/O. */
class TrustedMetadataSetTest {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();

  private RepositorySimulator repo;

  @BeforeEach
  void setUp() {
    repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
  }

  private TrustedMetadataSet set() throws RepositoryException {
    return new TrustedMetadataSet(repo.signedRoots.get(0), NOW, REGISTRY);
  }

  private TrustedMetadataSet loadedToSnapshot() throws RepositoryException {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    s.updateSnapshot(repo.metadataBytes("snapshot"), false);
    return s;
  }

  @Test
  void fullTopLevelUpdateSucceeds() throws Exception {
    TrustedMetadataSet s = loadedToSnapshot();
    s.updateTargets(repo.metadataBytes("targets"));
    assertEquals(1, s.targets("targets").orElseThrow().signed().version());
    assertEquals(repo.snapshot.version(), s.snapshot().orElseThrow().signed().version());
  }

  @Test
  void initialRootMustBeSignedByItsOwnThreshold() {
    repo.signers.put("root", List.of(repo.newKey()));
    repo.bumpRoot();
    assertThrows(UnsignedMetadataException.class,
        () -> new TrustedMetadataSet(repo.signedRoots.get(1), NOW, REGISTRY));
  }

  @Test
  void initialRootMayBeExpired() throws Exception {
    new TrustedMetadataSet(repo.signedRoots.get(0), Instant.parse("2100-01-01T00:00:00Z"), REGISTRY);
  }

  @Test
  void rootRotationNeedsOldAndNewThresholds() throws Exception {
    SigningKey oldKey = repo.signers.get("root").get(0);
    SigningKey newKey = repo.rotateKey("root");
    // Signed by the new key only: root 1's threshold is not met.
    repo.bumpRoot();
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> set().updateRoot(repo.signedRoots.get(1)));
    assertTrue(e.getMessage().contains("root version 1"), e.getMessage());

    // Signed by the old key only: the new root's own threshold is not met.
    repo.signers.put("root", List.of(oldKey));
    repo.signedRoots.set(1, repo.sign("root", repo.root).toBytes());
    e = assertThrows(UnsignedMetadataException.class, () -> set().updateRoot(repo.signedRoots.get(1)));
    assertTrue(e.getMessage().contains("root version 2"), e.getMessage());

    repo.signers.put("root", List.of(oldKey, newKey));
    repo.signedRoots.set(1, repo.sign("root", repo.root).toBytes());
    TrustedMetadataSet s = set();
    s.updateRoot(repo.signedRoots.get(1));
    assertEquals(2, s.root().signed().version());
  }

  @Test
  void rootVersionMustBeExactlyNext() throws Exception {
    repo.root = repo.root.withVersion(3);
    repo.publishRoot();
    BadVersionException e = assertThrows(BadVersionException.class, () -> set().updateRoot(repo.signedRoots.get(1)));
    assertEquals(2, e.expected());
    assertEquals(3, e.found());
    assertEquals("root", e.role());
  }

  @Test
  void intermediateRootsMayBeExpiredButTheFinalOneMayNot() throws Exception {
    repo.root = repo.root.withExpires(Instant.parse("2020-01-01T00:00:00Z"));
    repo.bumpRoot();
    TrustedMetadataSet s = set();
    s.updateRoot(repo.signedRoots.get(1));
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class,
        () -> s.updateTimestamp(repo.metadataBytes("timestamp")));
    assertEquals("root", e.role());
  }

  @Test
  void rootCannotBeUpdatedAfterTimestamp() throws Exception {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    repo.bumpRoot();
    assertThrows(IllegalStateException.class, () -> s.updateRoot(repo.signedRoots.get(1)));
  }

  @Test
  void timestampRollbackIsRefused() throws Exception {
    byte[] v2 = repo.metadataBytes("timestamp");
    repo.updateTimestamp();
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    BadVersionException e = assertThrows(BadVersionException.class, () -> s.updateTimestamp(v2));
    assertEquals(3, e.expected());
    assertEquals(2, e.found());
  }

  @Test
  void equalTimestampVersionKeepsTheTrustedOne() throws Exception {
    TrustedMetadataSet s = set();
    Metadata<Timestamp> first = s.updateTimestamp(repo.metadataBytes("timestamp"));
    assertSame(first, s.updateTimestamp(repo.metadataBytes("timestamp")));
  }

  @Test
  void snapshotVersionRollbackInTimestampIsRefused() throws Exception {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    repo.timestamp = repo.timestamp.withVersion(repo.timestamp.version() + 1)
        .withSnapshotMeta(dev.tuf4j.metadata.MetaFile.ofVersion(1));
    BadVersionException e = assertThrows(BadVersionException.class, () -> s.updateTimestamp(repo.metadataBytes("timestamp")));
    assertTrue(e.getMessage().contains("meta[snapshot.json].version"), e.getMessage());
  }

  @Test
  void expiredTimestampFailsButStaysTheRollbackBaseline() throws Exception {
    repo.timestamp = repo.timestamp.withExpires(Instant.parse("2020-01-01T00:00:00Z")).withVersion(10);
    TrustedMetadataSet s = set();
    assertThrows(ExpiredMetadataException.class, () -> s.updateTimestamp(repo.metadataBytes("timestamp")));
    // A newer valid one is accepted; an older one is still a rollback against the expired one.
    repo.timestamp = repo.timestamp.withExpires(RepositorySimulator.EXPIRES).withVersion(5);
    assertThrows(BadVersionException.class, () -> s.updateTimestamp(repo.metadataBytes("timestamp")));
    repo.timestamp = repo.timestamp.withVersion(11);
    assertEquals(11, s.updateTimestamp(repo.metadataBytes("timestamp")).signed().version());
  }

  @Test
  void snapshotCannotBeLoadedOnAnExpiredTimestamp() throws Exception {
    repo.timestamp = repo.timestamp.withExpires(Instant.parse("2020-01-01T00:00:00Z"));
    TrustedMetadataSet s = set();
    assertThrows(ExpiredMetadataException.class, () -> s.updateTimestamp(repo.metadataBytes("timestamp")));
    assertThrows(ExpiredMetadataException.class, () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
  }

  @Test
  void timestampSignedByWrongKeyIsRefused() throws Exception {
    repo.signers.put("timestamp", List.of(repo.newKey()));
    assertThrows(UnsignedMetadataException.class, () -> set().updateTimestamp(repo.metadataBytes("timestamp")));
  }

  @Test
  void snapshotHashesAreCheckedBeforeSignatures() throws Exception {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    byte[] bytes = repo.metadataBytes("snapshot").clone();
    bytes[bytes.length - 2] ^= 1; // breaks the JSON and the signature, but the hash fails first
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> s.updateSnapshot(bytes, false));
    assertEquals("snapshot", e.role());
    assertEquals("sha256", e.what());
  }

  @Test
  void snapshotLengthIsChecked() throws Exception {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    byte[] bytes = (new String(repo.metadataBytes("snapshot"), java.nio.charset.StandardCharsets.UTF_8) + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> s.updateSnapshot(bytes, false));
    assertEquals("length", e.what());
  }

  @Test
  void snapshotVersionMustMatchTimestamp() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    repo.timestamp = repo.timestamp.withSnapshotMeta(dev.tuf4j.metadata.MetaFile.ofVersion(repo.snapshot.version() + 1));
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    BadVersionException e = assertThrows(BadVersionException.class, () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertEquals("snapshot", e.role());
    // Kept as baseline but not final: targets cannot be loaded on it.
    assertThrows(BadVersionException.class, () -> s.updateTargets(repo.metadataBytes("targets")));
  }

  @Test
  void cachedSnapshotIsTheBaselineEvenWhenStale() throws Exception {
    repo.addDelegation("targets", DelegatedRole.forPaths("a", List.of(), 1, List.of("a/*")));
    repo.updateTargets("targets");
    byte[] cachedSnapshot = repo.metadataBytes("snapshot");

    // The repository drops role "a" in a newer snapshot.
    repo.targets.remove("a");
    repo.updateSnapshot();
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    // The cached copy is stale: it fails as current, but becomes the baseline.
    assertThrows(LengthOrHashMismatchException.class, () -> s.updateSnapshot(cachedSnapshot, true));
    MissingMetadataException e = assertThrows(MissingMetadataException.class,
        () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertTrue(e.getMessage().contains("a.json"), e.getMessage());
  }

  @Test
  void snapshotMayNotLowerARoleVersion() throws Exception {
    repo.updateTargets("targets");
    repo.updateTargets("targets");
    byte[] cachedSnapshot = repo.metadataBytes("snapshot");
    repo.snapshot = repo.snapshot.withRoleMeta("targets", dev.tuf4j.metadata.MetaFile.ofVersion(1));
    repo.updateSnapshot();
    repo.snapshot = repo.snapshot.withRoleMeta("targets", dev.tuf4j.metadata.MetaFile.ofVersion(1));
    repo.updateTimestamp();
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    assertThrows(RepositoryException.class, () -> s.updateSnapshot(cachedSnapshot, true));
    BadVersionException e = assertThrows(BadVersionException.class,
        () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertEquals(3, e.expected());
    assertEquals(1, e.found());
  }

  @Test
  void cachedSnapshotThatIsCurrentIsReused() throws Exception {
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    assertEquals(repo.snapshot.version(), s.updateSnapshot(repo.metadataBytes("snapshot"), true).signed().version());
  }

  @Test
  void expiredSnapshotIsRefused() throws Exception {
    repo.snapshot = repo.snapshot.withExpires(Instant.parse("2020-01-01T00:00:00Z"));
    repo.updateSnapshot();
    TrustedMetadataSet s = set();
    s.updateTimestamp(repo.metadataBytes("timestamp"));
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class,
        () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertEquals("snapshot", e.role());
  }

  @Test
  void targetsMustBeListedInSnapshot() throws Exception {
    repo.snapshot = repo.snapshot.withMeta(Map.of());
    repo.computeMetafileHashesAndLength = false;
    repo.updateTimestamp();
    TrustedMetadataSet s = loadedToSnapshot();
    MissingMetadataException e = assertThrows(MissingMetadataException.class,
        () -> s.updateTargets(repo.metadataBytes("targets")));
    assertEquals("targets", e.role());
  }

  @Test
  void targetsVersionMustMatchSnapshot() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    repo.updateSnapshot();
    TrustedMetadataSet s = loadedToSnapshot();
    repo.targets.put("targets", repo.targets.get("targets").withVersion(5));
    BadVersionException e = assertThrows(BadVersionException.class,
        () -> s.updateTargets(repo.metadataBytes("targets")));
    assertEquals(1, e.expected());
    assertEquals(5, e.found());
  }

  @Test
  void targetsHashesSignaturesAndExpiryAreChecked() throws Exception {
    TrustedMetadataSet s = loadedToSnapshot();
    byte[] good = repo.metadataBytes("targets");
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    longer[good.length] = ' ';
    assertThrows(LengthOrHashMismatchException.class, () -> s.updateTargets(longer));

    repo.computeMetafileHashesAndLength = false;
    repo.signers.put("targets", List.of(repo.newKey()));
    repo.updateSnapshot();
    TrustedMetadataSet s2 = loadedToSnapshot();
    assertThrows(UnsignedMetadataException.class, () -> s2.updateTargets(repo.metadataBytes("targets")));

    repo.signers.put("targets", List.of());
    TrustedMetadataSet s3 = loadedToSnapshot();
    assertThrows(UnsignedMetadataException.class, () -> s3.updateTargets(repo.metadataBytes("targets")));
  }

  @Test
  void expiredTargetsAreRefused() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    repo.targets.put("targets", repo.targets.get("targets").withExpires(Instant.parse("2026-11-26T00:00:00Z")));
    repo.updateSnapshot();
    TrustedMetadataSet s = loadedToSnapshot();
    ExpiredMetadataException e = assertThrows(ExpiredMetadataException.class,
        () -> s.updateTargets(repo.metadataBytes("targets")));
    assertEquals(NOW, e.now());
  }

  @Test
  void malformedBytesAreAFormatErrorNamingTheRole() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    repo.updateSnapshot();
    TrustedMetadataSet s = loadedToSnapshot();
    MetadataFormatException e = assertThrows(MetadataFormatException.class,
        () -> s.updateTargets("{\"signed\": 1.5}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("targets", e.role());
  }

  @Test
  void delegatedRoleIsVerifiedByItsDelegatorAndAgainByAnother() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    SigningKey aKey = repo.addDelegation("targets", DelegatedRole.forPaths("a", List.of(), 1, List.of("*")));
    repo.addDelegation("targets", DelegatedRole.forPaths("b", List.of(), 1, List.of("*")));
    // "b" also delegates to "a", but with a key that is not a's.
    repo.addDelegation("b", DelegatedRole.forPaths("a", List.of(), 1, List.of("*")));
    repo.signers.put("a", new ArrayList<>(List.of(aKey)));
    repo.updateTargets("targets");
    TrustedMetadataSet s = loadedToSnapshot();
    s.updateTargets(repo.metadataBytes("targets"));
    s.updateDelegatedTargets(repo.metadataBytes("a"), "a", "targets");
    s.updateDelegatedTargets(repo.metadataBytes("b"), "b", "targets");
    assertTrue(s.trustedTargetsVia("a", "targets").isPresent());
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> s.trustedTargetsVia("a", "b"));
    assertEquals("a", e.role());
    assertTrue(s.trustedTargetsVia("missing", "targets").isEmpty());
  }

  @Test
  void delegatedRoleSignedByTheWrongKeyIsRefused() throws Exception {
    repo.computeMetafileHashesAndLength = false;
    repo.addDelegation("targets", DelegatedRole.forPaths("a", List.of(), 1, List.of("*")));
    repo.signers.put("a", List.of(repo.newKey()));
    repo.updateTargets("targets");
    TrustedMetadataSet s = loadedToSnapshot();
    s.updateTargets(repo.metadataBytes("targets"));
    assertThrows(UnsignedMetadataException.class,
        () -> s.updateDelegatedTargets(repo.metadataBytes("a"), "a", "targets"));
    assertTrue(s.targets("a").isEmpty());
  }

  @Test
  void stepsOutOfOrderAreProgrammingErrors() throws Exception {
    TrustedMetadataSet s = set();
    assertThrows(IllegalStateException.class, () -> s.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertThrows(IllegalStateException.class, () -> s.updateTargets(repo.metadataBytes("targets")));
    TrustedMetadataSet full = loadedToSnapshot();
    full.updateTargets(repo.metadataBytes("targets"));
    assertThrows(IllegalStateException.class, () -> full.updateSnapshot(repo.metadataBytes("snapshot"), false));
    assertThrows(IllegalStateException.class, () -> full.updateTimestamp(repo.metadataBytes("timestamp")));
  }
}
