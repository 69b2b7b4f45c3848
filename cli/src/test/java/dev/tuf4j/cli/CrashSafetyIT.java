package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.Updater;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuf4j client download} and {@code refresh} as separate processes, killed with SIGKILL at
 * random moments while the repository keeps publishing, {@value #KILLS} times in all. After every
 * kill the folders must pass {@link ClientFolderCheck} (trusted metadata verifies, no version went
 * down, no partial target) and the next refresh must succeed.
 *
 * <p>Kills land inside the update, not only during JVM start: half of them are timed from the
 * client's first request to the server (a seeded delay after it, up to a third of a run), the
 * other half from the start of the process (a seeded delay up to the length of a whole run). A
 * run's length is measured on this machine first, by one download that is not killed, and lowered
 * whenever a download ends before its kill. Two clients run at once, each with its own
 * folders and server, to halve the wall time. Temporary files that a kill leaves ({@code
 * .tuf4j-*.tmp} in MD, {@code root_history/} and {@code staging/}) are aged by two hours and must
 * be gone after the next refresh (see {@code StaleFileSweep}).
 */
class CrashSafetyIT {
  static final int KILLS = 200;
  private static final int LANES = 2;
  private static final int EXIT_SIGKILL = 128 + 9;

  @TempDir Path tmp;

  /** What one lane saw. */
  record Tally(int kills, int killsAfterARequest, int completedRuns, int leftoverFiles, int runMillis) {}

  @Test
  void killedClientsLeaveVerifiableFoldersAndTheNextRefreshSucceeds() throws Exception {
    long start = System.nanoTime();
    try (PublishingRepository repository = new PublishingRepository(LANES, 8_2026, Duration.ofMillis(150))) {
      ExecutorService pool = Executors.newFixedThreadPool(LANES);
      List<Future<Tally>> lanes = new ArrayList<>();
      for (int i = 0; i < LANES; i++) {
        int lane = i;
        lanes.add(pool.submit(() -> runLane(repository, lane, KILLS / LANES)));
      }
      int kills = 0;
      int afterRequest = 0;
      int completed = 0;
      int leftovers = 0;
      List<Integer> runMillis = new ArrayList<>();
      for (Future<Tally> f : lanes) {
        Tally t = f.get(20, TimeUnit.MINUTES);
        kills += t.kills();
        afterRequest += t.killsAfterARequest();
        completed += t.completedRuns();
        leftovers += t.leftoverFiles();
        runMillis.add(t.runMillis());
      }
      pool.shutdown();
      repository.assertHealthy();
      System.out.printf("CrashSafetyIT: %d SIGKILLs (%d after the client's first request), %d runs"
              + " completed before their kill, %d temporary files left by kills and swept, %d"
              + " publishes, a whole download run took at most %s ms, %.1f s%n",
          kills, afterRequest, completed, leftovers, repository.steps(), runMillis,
          (System.nanoTime() - start) / 1e9);
      assertTrue(kills >= KILLS, "kills: " + kills);
      assertTrue(afterRequest >= KILLS / 3, "kills inside the update: " + afterRequest + " of " + kills);
    }
  }

  private Tally runLane(PublishingRepository repository, int lane, int killsWanted) throws Exception {
    Random random = new Random(1000 + lane);
    Path md = tmp.resolve("md" + lane);
    Path td = tmp.resolve("td" + lane);
    Path stderr = tmp.resolve("stderr" + lane);
    Files.createDirectories(md);
    Files.write(md.resolve("root.json"), repository.initialRoot());
    ClientFolderCheck check = new ClientFolderCheck(repository, md, td);
    var server = repository.server(lane);
    int kills = 0;
    int afterRequest = 0;
    int completed = 0;
    int iteration = 0;
    int leftoverFiles = 0;
    long runStart = System.nanoTime();
    Process first = start(repository, lane, md, td, true, stderr);
    assertTrue(first.waitFor(CliProcess.MAX_RUN.toMillis(), TimeUnit.MILLISECONDS), "the first run hung");
    assertEquals(0, first.exitValue(), () -> "the first run failed: " + readString(stderr));
    int runMillis = (int) Math.max(100, (System.nanoTime() - runStart) / 1_000_000);
    check.check("after the first run");
    try (HttpFetcher fetcher = HttpFetcher.create()) {
      while (kills < killsWanted) {
        iteration++;
        if (iteration > killsWanted * 5) {
          throw new AssertionError("lane " + lane + ": only " + kills + " kills in " + iteration + " runs");
        }
        boolean download = random.nextInt(4) != 0;
        boolean fromRequest = random.nextBoolean();
        int delay = random.nextInt(fromRequest ? runMillis / 3 : runMillis);
        server.clearRequests();
        long started = System.nanoTime();
        Process p = start(repository, lane, md, td, download, stderr);
        if (fromRequest) {
          long deadline = System.nanoTime() + CliProcess.MAX_RUN.toNanos();
          while (server.requests().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            p.waitFor(2, TimeUnit.MILLISECONDS);
          }
        }
        p.waitFor(delay, TimeUnit.MILLISECONDS);
        String run = "lane " + lane + " run " + iteration + (download ? " (download" : " (refresh")
            + (fromRequest ? ", " + delay + " ms after the first request)" : ", " + delay + " ms after start)");
        String when;
        if (p.isAlive()) {
          p.destroyForcibly();
          assertTrue(p.waitFor(CliProcess.MAX_RUN.toMillis(), TimeUnit.MILLISECONDS), run + ": did not die");
        }
        if (p.exitValue() == EXIT_SIGKILL) {
          kills++;
          if (!server.requests().isEmpty()) {
            afterRequest++;
          }
          when = "after the kill of " + run;
        } else {
          assertEquals(0, p.exitValue(), () -> run + " failed: " + readString(stderr));
          completed++;
          if (download) { // the machine got faster (other load went away): aim at shorter runs
            runMillis = (int) Math.max(100, Math.min(runMillis, (System.nanoTime() - started) / 1_000_000));
          }
          when = "after " + run;
        }
        check.check(when);
        // Leftovers of interrupted writes, aged as if an hour had passed: the next run removes them.
        List<Path> leftovers = temporaryFiles(md);
        leftoverFiles += leftovers.size();
        for (Path f : leftovers) {
          Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
        // The next refresh, in this JVM to spare a JVM start: the same code the CLI runs.
        Updater.builder().metadataBaseUrl(URI.create(repository.metadataUrl(lane)))
            .targetBaseUrl(URI.create(repository.targetsUrl(lane)))
            .metadataDir(md).targetDir(td).fetcher(fetcher).build().refresh();
        check.check("after the refresh following run " + iteration);
        assertEquals(List.of(), temporaryFiles(md), "left after the refresh following run " + iteration);
        repository.assertHealthy();
      }
    }
    return new Tally(kills, afterRequest, completed, leftoverFiles, runMillis);
  }

  /** The {@code .tuf4j-*.tmp} files of interrupted writes in MD, root_history and staging. */
  private static List<Path> temporaryFiles(Path md) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path folder : List.of(md, md.resolve("root_history"), md.resolve("staging"))) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> s = Files.list(folder)) {
          s.filter(p -> p.getFileName().toString().startsWith(".tuf4j-")
              && p.getFileName().toString().endsWith(".tmp")).forEach(out::add);
        }
      }
    }
    return out;
  }

  private static Process start(PublishingRepository repository, int lane, Path md, Path td,
      boolean download, Path stderr) throws IOException {
    List<String> command = new ArrayList<>(List.of(CliProcess.java(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", CliProcess.jar().toString(), "client",
        "--metadata-dir", md.toString(), "--metadata-url", repository.metadataUrl(lane)));
    if (download) {
      command.addAll(List.of("--target-dir", td.toString(), "--target-base-url", repository.targetsUrl(lane)));
      for (String t : PublishingRepository.TARGETS) {
        command.addAll(List.of("--target-name", t));
      }
    }
    command.add(download ? "download" : "refresh");
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile())
        .start();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
