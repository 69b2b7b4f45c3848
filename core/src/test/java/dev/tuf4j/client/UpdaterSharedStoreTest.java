package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two long-lived updaters on one metadata folder, as two processes sharing a cache: each starts
 * from what the folder holds now, never from what it remembers from its own last refresh.
 */
class UpdaterSharedStoreTest {
  @TempDir Path tmp;

  @Test
  void aRefreshUsesTheStoredTimestampAnotherUpdaterWroteAsRollbackBaseline() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater first = h.updater();
    first.refresh(); // remembers timestamp v1
    byte[] oldTimestamp = repo.metadataBytes("timestamp");
    repo.updateSnapshot();
    repo.updateSnapshot();
    h.updater().refresh(); // another process: the folder now trusts timestamp v3
    repo.overrides.put("metadata/timestamp.json", oldTimestamp); // replay of v1
    assertThrows(BadVersionException.class, first::refresh);
    assertEquals(3, h.storedVersion("timestamp"));
  }

  @Test
  void aSearchAfterAnotherUpdaterMovedTheStoreOnNeverStoresAnOlderDelegatedRole() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("pkgs", List.of(), 1, List.of("pkgs/*")));
    repo.addTarget("pkgs", "pkgs/a.whl", "a".getBytes(StandardCharsets.UTF_8));
    repo.updateTargets("pkgs");
    repo.updateTargets("targets");
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater first = h.updater();
    first.refresh(); // trusts the snapshot listing pkgs v2
    repo.addTarget("pkgs", "pkgs/b.whl", "b".getBytes(StandardCharsets.UTF_8));
    repo.updateTargets("pkgs");
    Updater second = h.updater();
    second.refresh();
    second.targetInfo("pkgs/b.whl").orElseThrow(); // stores pkgs v3
    assertEquals(3, h.storedVersion("pkgs"));
    first.targetInfo("pkgs/a.whl").orElseThrow();
    assertEquals(3, h.storedVersion("pkgs"));
    assertEquals(h.storedVersion("snapshot"), first.trustedMetadata("snapshot").orElseThrow().signed().version());
  }
}
