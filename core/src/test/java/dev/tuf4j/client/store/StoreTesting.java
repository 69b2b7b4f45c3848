package dev.tuf4j.client.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared helpers for the store tests: listings, permissions, seeded bytes, child JVMs. */
final class StoreTesting {
  private StoreTesting() {}

  /** Names directly in a folder, sorted; empty if the folder does not exist. */
  static TreeSet<String> names(Path folder) {
    if (!Files.isDirectory(folder)) {
      return new TreeSet<>();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names directly in a folder that end in ".json". */
  static TreeSet<String> jsonNames(Path folder) {
    return names(folder).stream()
        .filter(n -> n.endsWith(".json"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  static byte[] seededBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /**
   * Whether file permissions stop this process: false when running as root (or with
   * CAP_DAC_OVERRIDE), where a read-only folder still accepts new files.
   */
  static boolean permissionsAreEnforced(Path scratch) throws IOException {
    Path probe = Files.createDirectory(scratch.resolve("permission-probe"));
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-x------"));
    try {
      Files.createFile(probe.resolve("x"));
      return false;
    } catch (IOException expected) {
      return true;
    } finally {
      Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** A running {@link StoreProbeMain} in a fresh JVM, read line by line. */
  static final class Probe implements AutoCloseable {
    final Process process;
    final BufferedReader stdout;

    private Probe(Process process) {
      this.process = process;
      this.stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the probe; {@code fileSizeLimitKb > 0} runs it under {@code ulimit -f}. */
    static Probe start(int fileSizeLimitBlocks, String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>();
      if (fileSizeLimitBlocks > 0) {
        // The JVM ignores SIGXFSZ, so writing past the limit fails with EFBIG ("File too
        // large") instead of killing the process.
        command.addAll(
            List.of("sh", "-c", "ulimit -f " + fileSizeLimitBlocks + " && exec \"$0\" \"$@\""));
      }
      command.addAll(
          List.of(
              java,
              "-XX:-UsePerfData",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              StoreProbeMain.class.getName()));
      command.addAll(List.of(args));
      return new Probe(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    String readLine() throws IOException {
      String line = stdout.readLine();
      if (line == null) {
        throw new IOException("probe ended without output, exit " + waitFor());
      }
      return line;
    }

    void send(String line) throws IOException {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    int waitFor() throws IOException {
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          throw new IOException("probe did not end");
        }
        return process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    /** Runs a probe to its end and returns its single output line. */
    static String run(int fileSizeLimitBlocks, String... args) throws IOException {
      try (Probe probe = start(fileSizeLimitBlocks, args)) {
        String line = probe.readLine();
        assertEquals(0, probe.waitFor(), "probe exit code");
        return line;
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
