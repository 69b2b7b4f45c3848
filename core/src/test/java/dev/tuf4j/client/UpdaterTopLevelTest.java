package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level workflow: requests made, files persisted, cached metadata reused. */
class UpdaterTopLevelTest {
  @TempDir Path tmp;

  @Test
  void firstRefreshMakesExactlyTheFourRequestsAndPersistsExactBytes() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/1.snapshot.json", "metadata/1.targets.json");
    h.assertStored(1, 1, 1, 1);
    assertEquals(List.of("root.json", "snapshot.json", "targets.json", "timestamp.json"), h.jsonFiles());
    for (String role : List.of("timestamp", "snapshot", "targets")) {
      assertArrayEquals(h.repo.metadataBytes(role), Files.readAllBytes(h.metadataDir.resolve(role + ".json")), role);
    }
  }

  @Test
  void refreshOfAnUnchangedRepositoryMakesTwoRequests() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    h.refresh();
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
    h.assertStored(1, 1, 1, 1);
  }

  @Test
  void sameUpdaterRefreshingAgainMakesTwoRequests() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    Updater u = h.updater();
    u.refresh();
    h.repo.clearRequests();
    u.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json");
  }

  @Test
  void onlyChangedRolesAreDownloaded() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    h.refresh();
    h.repo.updateSnapshot();
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json");
    h.assertStored(1, 2, 2, 1);
    h.repo.updateTargets("targets");
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/3.snapshot.json", "metadata/2.targets.json");
    h.assertStored(1, 3, 3, 2);
  }

  @Test
  void withoutConsistentSnapshotsNamesCarryNoVersion() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(false), tmp);
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/snapshot.json", "metadata/targets.json");
    h.assertStored(1, 1, 1, 1);
  }

  @Test
  void refreshNeverFetchesDelegatedRoles() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("a", List.of(), 1, List.of("*")));
    repo.updateTargets("targets");
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.snapshot.json", "metadata/2.targets.json");
  }

  @Test
  void lengthAndHashesFromTimestampAndSnapshotAreEnforced() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = true;
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    h.assertStored(1, 2, 2, 1);

    // Mix-and-match: a snapshot other than the one the timestamp names.
    byte[] old = repo.metadataBytes("snapshot");
    repo.updateSnapshot();
    repo.overrides.put("metadata/3.snapshot.json", old);
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, h::refresh);
    assertEquals("snapshot", e.role());
    h.assertStored(1, 3, 2, 1); // the timestamp was persisted before the snapshot failed

    repo.overrides.clear();
    h.refresh();
    h.assertStored(1, 3, 3, 1);
  }

  @Test
  void anInterruptedUpdateLeavesAStateTheNextUpdateCompletes() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    repo.updateTargets("targets");
    repo.statuses.put("metadata/2.targets.json", 503);
    assertThrows(HttpStatusException.class, h::refresh);
    h.assertStored(1, 2, 2, 1);
    repo.statuses.clear();
    h.refresh();
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.targets.json");
    h.assertStored(1, 2, 2, 2);
  }

  @Test
  void missingTrustedRootIsAClearError() throws Exception {
    UpdaterHarness h = new UpdaterHarness(new RepositorySimulator(), tmp);
    Files.delete(h.metadataDir.resolve("root.json"));
    MissingMetadataException e = assertThrows(MissingMetadataException.class, h::refresh);
    assertEquals("root", e.role());
    h.assertRequests();
  }

  @Test
  void trustedRootGivenByTheApplicationIsPersisted() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Files.delete(h.metadataDir.resolve("root.json"));
    Updater u = Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataDir(h.metadataDir)
        .fetcher(repo)
        .clock(h.clock)
        .trustedRoot(repo.signedRoots.get(0))
        .build();
    u.refresh();
    assertArrayEquals(repo.signedRoots.get(0), Files.readAllBytes(h.metadataDir.resolve("root.json")));
    assertArrayEquals(repo.signedRoots.get(0), Files.readAllBytes(h.metadataDir.resolve("root_history/1.root.json")));
  }
}
