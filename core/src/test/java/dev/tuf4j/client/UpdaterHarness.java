package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** An updater over a {@link RepositorySimulator} with real folders, and assertions on both. */
final class UpdaterHarness {
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  final RepositorySimulator repo;
  final Path metadataDir;
  final Path targetDir;
  final List<String> events = new ArrayList<>();
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  UpdaterConfig config = UpdaterConfig.DEFAULTS;

  UpdaterHarness(RepositorySimulator repo, Path tmp) throws IOException {
    this.repo = repo;
    this.metadataDir = Files.createDirectories(tmp.resolve("metadata"));
    this.targetDir = tmp.resolve("targets");
    // As `tuf4j client init` does: the first root, byte for byte.
    Files.write(metadataDir.resolve("root.json"), repo.signedRoots.get(0));
  }

  /** A new updater over the same folders, as a new process would make. */
  Updater updater() {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .metadataDir(metadataDir)
        .targetDir(targetDir)
        .fetcher(repo)
        .clock(clock)
        .config(config)
        .listener(new UpdaterListener() {
          @Override
          public void metadataRejected(String role, boolean fromCache, dev.tuf4j.TufException reason) {
            events.add("rejected " + role + (fromCache ? " (cache)" : "") + ": " + reason.getMessage());
          }
        })
        .build();
  }

  /** Runs a refresh with a new updater, recording only this refresh's requests. */
  void refresh() throws Exception {
    repo.clearRequests();
    updater().refresh();
  }

  void assertRequests(String... expected) {
    assertEquals(Arrays.asList(expected), repo.requests());
  }

  /** Versions of the roles persisted in the metadata folder; 0 for a role with no file. */
  void assertStored(long root, long timestamp, long snapshot, long targets) throws Exception {
    assertEquals(List.of(root, timestamp, snapshot, targets),
        List.of(storedVersion("root"), storedVersion("timestamp"), storedVersion("snapshot"), storedVersion("targets")),
        "stored versions of root, timestamp, snapshot, targets");
  }

  long storedVersion(String role) throws Exception {
    Path f = metadataDir.resolve(role + ".json");
    if (!Files.exists(f)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(f);
    switch (role) {
      case "root":
        return Metadata.parseRoot(b).signed().version();
      case "timestamp":
        return Metadata.parseTimestamp(b).signed().version();
      case "snapshot":
        return Metadata.parseSnapshot(b).signed().version();
      default:
        return Metadata.parseTargets(b, role).signed().version();
    }
  }

  /** The names of the *.json files directly in the metadata folder, sorted. */
  List<String> jsonFiles() throws IOException {
    try (Stream<Path> s = Files.list(metadataDir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }

  static Class<?>[] roleTypes() {
    return new Class<?>[] {Root.class, Timestamp.class, Snapshot.class, Targets.class};
  }
}
