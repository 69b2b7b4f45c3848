package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The pieces behind the repo commands: progress, durations, the folder fetcher. */
class RepoSupportTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  @TempDir Path tmp;
  private long now;

  @Test
  void progressStaysQuietForTheFirstSecond() {
    ProgressFetcherTest.RecordingTerminal terminal = new ProgressFetcherTest.RecordingTerminal();
    RepoProgress p = new RepoProgress(terminal, () -> now);
    p.stage("files written");
    for (int i = 0; i < 100; i++) {
      now += 9 * MS;
      p.step();
    }
    p.done();
    assertEquals(List.of(), terminal.lines);
    assertEquals(0, terminal.ends);
  }

  @Test
  void progressRedrawsAtMostFourTimesASecondAndEndsItsLine() {
    ProgressFetcherTest.RecordingTerminal terminal = new ProgressFetcherTest.RecordingTerminal();
    RepoProgress p = new RepoProgress(terminal, () -> now);
    p.stage("files written");
    for (int i = 0; i < 300; i++) { // 3 s, one step every 10 ms
      now += 10 * MS;
      p.step();
    }
    p.done();
    assertEquals("100 files written", terminal.lines.get(0));
    assertEquals(9, terminal.lines.size(), terminal.lines.toString()); // at 1.0 s, then every 250 ms to 3.0 s
    assertEquals(1, terminal.ends);
  }

  @Test
  void progressWithoutATerminalDrawsNothing() {
    RepoProgress p = new RepoProgress(null, () -> now);
    now += 5_000 * MS;
    p.step();
    p.done(); // nothing to end, nothing thrown
  }

  @ParameterizedTest
  @ValueSource(strings = {"90s", "30m", "12h", "7d", "PT12H", "P2D"})
  void durationsInShortOrIsoForm(String text) {
    Duration d = new RepoDuration().convert(text);
    assertTrue(d.compareTo(Duration.ofSeconds(90)) >= 0 && d.compareTo(Duration.ofDays(7)) <= 0, d.toString());
  }

  @Test
  void durationUnitsAreTheOnesNamed() {
    assertEquals(Duration.ofHours(36), new RepoDuration().convert("36h"));
    assertEquals(Duration.ofDays(2), new RepoDuration().convert("2d"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "1w", "-5d", "PT-1H", "soon"})
  void durationsThatAreNotOneAreRefused(String text) {
    assertThrows(TypeConversionException.class, () -> new RepoDuration().convert(text));
  }

  @Test
  void theFolderFetcherReadsAFile() throws Exception {
    Path f = Files.write(tmp.resolve("x.json"), new byte[] {1, 2, 3});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RepoFolderFetcher().fetch(f.toUri(), 3, out);
    assertArrayEquals(new byte[] {1, 2, 3}, out.toByteArray());
  }

  @Test
  void theFolderFetcherStopsAtTheCap() throws Exception {
    Path f = Files.write(tmp.resolve("x.json"), new byte[200_000]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(LengthExceededException.class, () -> new RepoFolderFetcher().fetch(f.toUri(), 100_000, out));
    assertTrue(out.size() <= 100_000, "at most the cap reached the sink: " + out.size());
  }

  @Test
  void aMissingFileIsA404AsAStaticServerWouldSay() {
    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> new RepoFolderFetcher().fetch(tmp.resolve("none.json").toUri(), 10, new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }
}
