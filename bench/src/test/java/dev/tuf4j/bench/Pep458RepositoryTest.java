package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pep458RepositoryTest {
  private static final int BITS = 3;
  private static final int TARGETS = 30;
  private static final long SEED = 42;
  private static final URI BASE = URI.create("memory:/test/metadata/");

  private static final Pep458Repository REPO = Pep458Repository.build(BITS, TARGETS, SEED);

  @Test
  void theSameSeedGivesTheSameFiles() {
    Map<String, byte[]> again = Pep458Repository.build(BITS, TARGETS, SEED).files();
    assertEquals(REPO.files().keySet(), again.keySet());
    REPO.files().forEach((name, bytes) -> assertArrayEquals(bytes, again.get(name), name));
  }

  @Test
  void snapshotListsTargetsAndEveryBin() throws Exception {
    Snapshot snapshot = Metadata.parseSnapshot(REPO.snapshot()).signed();
    assertEquals((1 << BITS) + 1, snapshot.meta().size());
    assertTrue(snapshot.roleMeta("targets").isPresent());
    assertTrue(snapshot.roleMeta("bins-7").isPresent());
  }

  @Test
  void snapshotOnlyIsTheBuiltRepositorysSnapshot() {
    assertArrayEquals(REPO.snapshot(), Pep458Repository.snapshotOnly(BITS, SEED));
  }

  @Test
  void everyTargetIsListedInTheBinItHashesTo() throws Exception {
    assertEquals(TARGETS, REPO.targetPaths().size());
    for (String path : REPO.targetPaths()) {
      Targets bin = Metadata.parseTargets(REPO.binBytesFor(path), REPO.binFor(path)).signed();
      assertTrue(bin.target(path).isPresent(), path);
    }
  }

  private Updater client(InMemoryFetcher fetcher) {
    return Updater.builder()
        .metadataBaseUrl(BASE)
        .fetcher(fetcher)
        .clock(Clock.fixed(BenchData.NOW, ZoneOffset.UTC))
        .trustedRoot(REPO.trustedRoot())
        .metadataStore(new InMemoryMetadataStore())
        .build();
  }

  /** The cold case the updater benchmark times: next root (absent), timestamp, snapshot, targets, one bin. */
  @Test
  void aColdClientFindsATargetWithFiveRequests() throws Exception {
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, REPO.files());
    Updater updater = client(fetcher);
    updater.refresh();
    String path = REPO.targetPaths().get(TARGETS / 2);
    Optional<TargetFile> found = updater.targetInfo(path);
    assertTrue(found.isPresent());
    assertEquals(Map.of("blake2b-256", path.replace("/", "").substring(0, 64)).get("blake2b-256"),
        found.get().hashes().get("blake2b-256"));
    assertEquals(5, fetcher.requests());
  }

  /** The no-change case the updater benchmark times: it asks only for the next root and the timestamp. */
  @Test
  void aRefreshWithNothingChangedFetchesOnlyTheNextRootAndTheTimestamp() throws Exception {
    InMemoryFetcher fetcher = new InMemoryFetcher(BASE, REPO.files());
    Updater updater = client(fetcher);
    updater.refresh();
    long before = fetcher.requests();
    updater.refresh();
    assertEquals(before + 2, fetcher.requests());
  }
}
