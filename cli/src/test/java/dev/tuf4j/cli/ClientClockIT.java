package dev.tuf4j.cli;

import static dev.tuf4j.cli.ClientFolders.jsonFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuf4j client} under a system clock set back, with libfaketime preloaded into the client
 * process only (.ci/run installs it): a warning line by default, a failure with {@code
 * --strict-clock}.
 */
class ClientClockIT {
  @TempDir Path tmp;
  private Path md;
  private ServedRepository served;

  @BeforeEach
  void start() {
    md = tmp.resolve("md");
    served = ServedRepository.http().publish();
    new CliProcess().run("client", "--metadata-dir", md.toString(), "init",
        served.writeInitialRoot(tmp.resolve("root.json")).toString()).assertSuccess();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  /** The client's clock moved by {@code offset} (libfaketime's syntax, e.g. "-2d"). */
  private static CliProcess clockAt(String offset) {
    return new CliProcess()
        .env("LD_PRELOAD", libfaketime().toString())
        .env("FAKETIME", offset)
        // The JVM times its own waits with the monotonic clock: leave that one alone.
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
  }

  static Path libfaketime() {
    for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib")) {
      Path lib = Path.of(dir, "faketime", "libfaketime.so.1");
      if (Files.isRegularFile(lib)) {
        return lib;
      }
    }
    return fail("libfaketime is not installed (apt-get install faketime; .ci/run does it)");
  }

  private CliProcess.Result refresh(CliProcess cli, String... extra) {
    String[] args = Stream.concat(
        Stream.of("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString()),
        Stream.concat(Stream.of(extra), Stream.of("refresh"))).toArray(String[]::new);
    return cli.run(args);
  }

  private Instant recorded() throws IOException {
    return Instant.parse(Files.readString(md.resolve(".tuf4j.last-accepted")).strip());
  }

  @Test
  void aRefreshRecordsWhenItAcceptedMetadataInAFileThatIsNotJson() throws Exception {
    Instant before = Instant.now();
    refresh(new CliProcess()).assertSuccess();
    Instant at = recorded();
    assertTrue(!at.isBefore(before.minusSeconds(1)) && !at.isAfter(Instant.now()), at::toString);
    assertEquals(List.of("root.json", "snapshot.json", "targets.json", "timestamp.json"),
        List.copyOf(jsonFiles(md).keySet()));
  }

  @Test
  void aClockSetBackTwoDaysPrintsOneWarningAndTheRefreshSucceeds() throws Exception {
    refresh(new CliProcess()).assertSuccess();
    Instant accepted = recorded();
    CliProcess.Result r = refresh(clockAt("-2d")).assertSuccess();
    assertEquals(1, r.stderrLines().size(), r.stderr());
    String line = r.stderrLines().get(0);
    assertTrue(line.startsWith("warning: the system clock reads "), line);
    assertTrue(line.contains("before " + accepted) && line.contains("set back"), line);
    assertEquals(accepted, recorded(), "a clock set back never lowers the record");
  }

  @Test
  void theFirstRunUnderAClockSetBackHasNothingToCompareWith() {
    CliProcess.Result r = refresh(clockAt("-2d")).assertSuccess();
    assertEquals("", r.stderr());
  }

  @Test
  void strictClockFailsTheRefreshAndLeavesTheMetadataFolderAsItWas() throws Exception {
    refresh(new CliProcess()).assertSuccess();
    served.repo.updateSnapshot();
    served.publish();
    Map<String, String> before = jsonFiles(md);
    CliProcess.Result r = refresh(clockAt("-1h"), "--strict-clock").assertFailure();
    assertTrue(r.stderr().contains("set back"), r.stderr());
    assertEquals(before, jsonFiles(md));
    // With the clock right again the same option passes, and there is no warning.
    refresh(new CliProcess(), "--strict-clock").assertSuccess();
  }

  @Test
  void aClockWithinFiveMinutesIsNotReported() throws Exception {
    refresh(new CliProcess()).assertSuccess();
    Instant accepted = recorded();
    served.repo.updateSnapshot();
    served.publish();
    CliProcess.Result r = refresh(clockAt("-4m"), "--strict-clock").assertSuccess();
    assertEquals("", r.stderr());
    // New metadata was accepted, yet the record stayed: the clock really read before it.
    assertEquals(accepted, recorded());
  }
}
