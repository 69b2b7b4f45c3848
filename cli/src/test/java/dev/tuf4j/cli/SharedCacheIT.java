package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@value #PROCESSES} client processes ({@link SharedCacheDriver}), one of them with {@value
 * #THREADS_IN_FIRST} threads, each thread doing {@value #ROUNDS} refreshes and downloads on one
 * shared metadata and target folder while the repository publishes. The folders pass {@link
 * ClientFolderCheck} all along (checked while the clients run, and at the end), and every failure
 * a client reports is one a single client could have had too.
 */
class SharedCacheIT {
  static final int PROCESSES = 4;
  static final int THREADS_IN_FIRST = 3;
  static final int ROUNDS = 50;

  /**
   * Failures of the transfer itself, which a lone client on a loaded machine can see as well. The
   * publisher never removes a file and publishes in a safe order, so nothing else is excusable:
   * no 404, no bad signature or version, no storage error.
   */
  private static final Set<String> SINGLE_CLIENT_FAILURES =
      Set.of(NetworkException.class.getName(), SlowRetrievalException.class.getName());

  @TempDir Path diskTmp;
  private Path tmp;

  /**
   * The folders live in memory (/dev/shm) where there is one: what is under test is how the
   * clients share them, not how fast the disk forces writes out, which would otherwise dominate
   * the run time (every stored role costs two fsyncs, and the lock serialises them).
   */
  @BeforeEach
  void folders() throws IOException {
    Path shm = Path.of("/dev/shm");
    tmp = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "tuf4j-shared-cache-") : diskTmp;
  }

  @AfterEach
  void removeFolders() throws IOException {
    if (!tmp.equals(diskTmp)) {
      try (Stream<Path> all = Files.walk(tmp)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void processesAndThreadsSharingOneCacheCorruptNothingAndFailOnlyAsOneClientCould() throws Exception {
    long start = System.nanoTime();
    Path md = Files.createDirectories(tmp.resolve("md"));
    Path td = tmp.resolve("td");
    try (PublishingRepository repository = new PublishingRepository(1, 4_2026, Duration.ofMillis(250))) {
      Files.write(md.resolve("root.json"), repository.initialRoot());
      List<Process> processes = new ArrayList<>();
      List<Path> outputs = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        Path out = tmp.resolve("out" + i);
        outputs.add(out);
        List<String> command = new ArrayList<>(List.of(CliProcess.java(), "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            SharedCacheDriver.class.getName(), md.toString(), td.toString(),
            repository.metadataUrl(0), repository.targetsUrl(0), String.valueOf(ROUNDS),
            String.valueOf(i == 0 ? THREADS_IN_FIRST : 1)));
        command.addAll(PublishingRepository.TARGETS);
        processes.add(new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
      }
      ClientFolderCheck check = new ClientFolderCheck(repository, md, td);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      int checks = 0;
      while (processes.stream().anyMatch(Process::isAlive)) {
        assertTrue(System.nanoTime() < deadline, "the clients did not finish within 10 minutes");
        check.check("while the clients run");
        checks++;
        processes.get(0).waitFor(200, TimeUnit.MILLISECONDS);
      }
      check.check("after the clients ended");
      repository.assertHealthy();

      int ok = 0;
      List<String> excusable = new ArrayList<>();
      List<String> inexcusable = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        int i = p;
        assertEquals(0, processes.get(i).exitValue(), "client process " + i);
        List<String> lines = Files.readAllLines(outputs.get(i), StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("rounds "), () -> "client process " + i + " ended: " + lines);
        ok += Integer.parseInt(last.split(" ")[1]);
        for (String line : lines.subList(0, lines.size() - 1)) {
          String type = line.split(" ")[1];
          (SINGLE_CLIENT_FAILURES.contains(type) ? excusable : inexcusable).add("process " + i + ": " + line);
        }
      }
      int total = (PROCESSES - 1 + THREADS_IN_FIRST) * ROUNDS;
      System.out.printf("SharedCacheIT: %d of %d rounds succeeded, %d transfer failures, %d other"
              + " failures, %d folder checks while running, %d publishes, highest versions %s, %.1f s%n",
          ok, total, excusable.size(), inexcusable.size(), checks, repository.steps(),
          check.highest(), (System.nanoTime() - start) / 1e9);
      assertEquals(List.of(), inexcusable, "failures a single client would not have had");
      assertEquals(total, ok + excusable.size());
      assertTrue(ok >= total * 9 / 10, "most rounds succeed: " + ok + " of " + total);
    }
  }
}
