package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.ClockRollbackException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TufException;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of when metadata was last accepted, and what a clock set back before it does. */
class ClockRollbackTest {
  private static final Instant T0 = UpdaterHarness.NOW;
  private static final Duration TOLERANCE = UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE;

  @TempDir Path tmp;

  private RepositorySimulator repo;
  private UpdaterHarness harness;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    repo = new RepositorySimulator();
    harness = new UpdaterHarness(repo, tmp);
  }

  private Updater updaterAt(Instant now, UpdaterConfig config) {
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataDir(harness.metadataDir)
        .fetcher(repo)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .config(config)
        .listener(new UpdaterListener() {
          @Override
          public void clockRollbackSuspected(Instant now, Instant lastAccepted) {
            events.add("clock " + now + " < " + lastAccepted);
          }

          @Override
          public void refreshFinished(TufException failure) {
            events.add("finished " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
          }
        })
        .build();
  }

  private Updater updaterAt(Instant now) {
    return updaterAt(now, UpdaterConfig.DEFAULTS);
  }

  private Path recordFile() {
    return harness.metadataDir.resolve(".tuf4j.last-accepted");
  }

  private Optional<Instant> recorded() throws StorageException {
    return new FileSystemMetadataStore(harness.metadataDir).lastAccepted();
  }

  @Test
  void aSuccessfulRefreshRecordsItsStartTimeOutsideAnyJsonFile() throws Exception {
    updaterAt(T0).refresh();
    assertEquals(Optional.of(T0), recorded());
    assertEquals(T0 + "\n", Files.readString(recordFile(), StandardCharsets.US_ASCII));
    assertEquals(List.of("root.json", "snapshot.json", "targets.json", "timestamp.json"), harness.jsonFiles());
  }

  @Test
  void aLaterRefreshThatAcceptsNewMetadataMovesTheRecordForward() throws Exception {
    updaterAt(T0).refresh();
    repo.updateSnapshot();
    updaterAt(T0.plus(Duration.ofHours(3))).refresh();
    assertEquals(Optional.of(T0.plus(Duration.ofHours(3))), recorded());
    assertEquals(List.of("finished ok", "finished ok"), events);
  }

  @Test
  void aRefreshThatAcceptsNothingNewLeavesTheRecord() throws Exception {
    updaterAt(T0).refresh();
    updaterAt(T0.plus(Duration.ofHours(3))).refresh();
    assertEquals(Optional.of(T0), recorded());
  }

  @Test
  void newMetadataUnderAClockSetBackNeverLowersTheRecord() throws Exception {
    updaterAt(T0).refresh();
    repo.updateSnapshot();
    updaterAt(T0.minus(Duration.ofDays(2))).refresh();
    assertEquals(Optional.of(T0), recorded());
  }

  @Test
  void aClockSetBackBeyondTheToleranceIsReportedAndTheRefreshGoesOnByDefault() throws Exception {
    updaterAt(T0).refresh();
    Instant back = T0.minus(Duration.ofDays(2));
    events.clear();
    updaterAt(back).refresh();
    assertEquals(List.of("clock " + back + " < " + T0, "finished ok"), events);
  }

  @Test
  void aClockSetBackNeverLowersTheRecord() throws Exception {
    updaterAt(T0).refresh();
    updaterAt(T0.minus(Duration.ofDays(2))).refresh();
    assertEquals(Optional.of(T0), recorded());
    events.clear();
    updaterAt(T0.minus(Duration.ofDays(1))).refresh(); // still reported: the record kept T0
    assertEquals(List.of("clock " + T0.minus(Duration.ofDays(1)) + " < " + T0, "finished ok"), events);
  }

  @Test
  void aClockBackByNoMoreThanTheToleranceIsNotReported() throws Exception {
    updaterAt(T0).refresh();
    events.clear();
    updaterAt(T0.minus(TOLERANCE)).refresh();
    assertEquals(List.of("finished ok"), events);
    assertEquals(Optional.of(T0), recorded());
  }

  @Test
  void theToleranceIsConfigurable() throws Exception {
    updaterAt(T0).refresh();
    events.clear();
    Instant back = T0.minusSeconds(2);
    updaterAt(back, UpdaterConfig.DEFAULTS.withClockRollbackTolerance(Duration.ofSeconds(1))).refresh();
    assertEquals(List.of("clock " + back + " < " + T0, "finished ok"), events);
  }

  @Test
  void strictModeFailsTheRefreshBeforeAnyDownloadAndKeepsTheTrustedState() throws Exception {
    updaterAt(T0).refresh();
    repo.updateSnapshot(); // new metadata the strict refresh must not fetch
    byte[] timestampBefore = Files.readAllBytes(harness.metadataDir.resolve("timestamp.json"));
    events.clear();
    repo.clearRequests();
    Instant back = T0.minus(Duration.ofHours(1));
    Updater strict = updaterAt(back, UpdaterConfig.DEFAULTS.withStrictClock(true));
    ClockRollbackException e = assertThrows(ClockRollbackException.class, strict::refresh);
    assertEquals(back, e.now());
    assertEquals(T0, e.lastAccepted());
    assertTrue(e.getMessage().contains("set back"), e.getMessage());
    assertEquals(List.of("clock " + back + " < " + T0, "finished ClockRollbackException"), events);
    assertEquals(List.of(), repo.requests());
    assertEquals(Optional.of(T0), recorded());
    assertArrayEquals(timestampBefore, Files.readAllBytes(harness.metadataDir.resolve("timestamp.json")));
    assertTrue(strict.trustedRoot().isEmpty());
  }

  @Test
  void strictModePassesWhenTheClockIsRight() throws Exception {
    updaterAt(T0).refresh();
    repo.updateSnapshot();
    updaterAt(T0.plusSeconds(1), UpdaterConfig.DEFAULTS.withStrictClock(true)).refresh();
    assertEquals(Optional.of(T0.plusSeconds(1)), recorded());
  }

  @Test
  void aFailedRefreshRecordsNothing() throws Exception {
    repo.statuses.put("metadata/timestamp.json", 503);
    assertThrows(TufException.class, () -> updaterAt(T0).refresh());
    assertEquals(Optional.empty(), recorded());
  }

  @Test
  void aDamagedRecordIsReportedNotIgnored() throws Exception {
    updaterAt(T0).refresh();
    Files.writeString(recordFile(), "yesterday\n");
    StorageException e = assertThrows(StorageException.class, () -> updaterAt(T0).refresh());
    assertTrue(e.getMessage().contains("delete the file"), e.getMessage());
  }

  @Test
  void aStoreWithoutARecordSkipsTheCheck() throws Exception {
    FileSystemMetadataStore files = new FileSystemMetadataStore(harness.metadataDir);
    // The six required operations only: lastAccepted keeps the interface's default, no record.
    MetadataStore noRecord = new ForwardingMetadataStore(files);
    Updater u = Updater.builder().metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .metadataStore(noRecord).fetcher(repo).clock(Clock.fixed(T0, ZoneOffset.UTC))
        .config(UpdaterConfig.DEFAULTS.withStrictClock(true)).build();
    u.refresh();
    assertTrue(Files.notExists(recordFile()));
  }

  @Test
  void aNegativeToleranceIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> UpdaterConfig.DEFAULTS.withClockRollbackTolerance(Duration.ofSeconds(-1)));
  }
}
