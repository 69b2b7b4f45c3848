package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.TufException;
import dev.tuf4j.testing.RepositorySimulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events a tool can turn into progress output or an audit log. */
class UpdaterListenerTest {
  @TempDir Path tmp;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private final UpdaterListener recorder = new UpdaterListener() {
    @Override
    public void refreshStarted() {
      events.add("started");
    }

    @Override
    public void refreshFinished(TufException failure) {
      events.add("finished " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
    }

    @Override
    public void metadataAccepted(String role, long version, boolean fromCache) {
      events.add("accepted " + role + " v" + version + (fromCache ? " cache" : ""));
    }

    @Override
    public void metadataRejected(String role, boolean fromCache, TufException reason) {
      events.add("rejected " + role + (fromCache ? " cache" : "") + " " + reason.getClass().getSimpleName());
    }

    @Override
    public void downloaded(URI uri, long bytes) {
      events.add("downloaded " + uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1) + " " + (bytes > 0));
    }
  };

  private Updater updater(RepositorySimulator repo) throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    if (!Files.exists(md.resolve("root.json"))) {
      Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    }
    return Updater.builder().metadataBaseUrl(RepositorySimulator.METADATA_URL).metadataDir(md)
        .fetcher(repo).clock(java.time.Clock.fixed(UpdaterHarness.NOW, java.time.ZoneOffset.UTC))
        .listener(recorder).build();
  }

  @Test
  void aRefreshReportsEveryRoleAcceptedAndEveryDownload() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    updater(repo).refresh();
    assertEquals(List.of("started", "downloaded timestamp.json true", "accepted timestamp v1",
        "downloaded 1.snapshot.json true", "accepted snapshot v1", "downloaded 1.targets.json true",
        "accepted targets v1", "finished ok"), events);
    events.clear();
    updater(repo).refresh();
    assertEquals(List.of("started", "accepted timestamp v1 cache", "downloaded timestamp.json true",
        "accepted snapshot v1 cache", "accepted targets v1 cache", "finished ok"), events);
  }

  @Test
  void rejectionsCarryTheReason() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    updater(repo).refresh();
    events.clear();
    repo.timestamp = repo.timestamp.withExpires(Instant.parse("2020-01-01T00:00:00Z"));
    repo.updateTimestamp();
    assertThrows(ExpiredMetadataException.class, () -> updater(repo).refresh());
    assertTrue(events.contains("rejected timestamp ExpiredMetadataException"), events.toString());
    assertEquals("finished ExpiredMetadataException", events.get(events.size() - 1));
  }
}
