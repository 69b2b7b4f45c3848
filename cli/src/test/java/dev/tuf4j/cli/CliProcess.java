package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar target/tuf4j.jar ...} as a separate process, the way installer scripts
 * and the conformance suite do, and captures what it did. The jar's path comes from the {@code
 * tuf4j.jar} system property, which the failsafe configuration sets.
 */
final class CliProcess {
  /** No single run may take longer; a hang fails the test instead of blocking the build. */
  static final Duration MAX_RUN = Duration.ofSeconds(60);

  private final Map<String, String> environment = new HashMap<>();
  private Path workingDir;
  private Duration maxRun = MAX_RUN;

  /** The outcome of one run. */
  record Result(int exitCode, String stdout, String stderr, Duration elapsed, List<String> args) {
    Result assertSuccess() {
      assertEquals(0, exitCode, () -> "expected success of " + args + "\nstderr: " + stderr + "\nstdout: " + stdout);
      return this;
    }

    /** Exit code exactly 1, and exactly one line on stderr, without a stack trace. */
    Result assertFailure() {
      assertEquals(1, exitCode, () -> "expected exit code 1 from " + args + "\nstderr: " + stderr + "\nstdout: " + stdout);
      List<String> lines = stderrLines();
      assertEquals(1, lines.size(), () -> "expected one line on stderr, got: " + stderr);
      assertTrue(lines.get(0).startsWith("error: "), () -> "expected an error line, got: " + stderr);
      assertFalse(stderr.contains("\tat "), () -> "no stack trace without --verbose: " + stderr);
      return this;
    }

    List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\r?\n"));
    }

    List<String> stdoutLines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\r?\n"));
    }
  }

  CliProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** A longer limit than {@link #MAX_RUN}, for a run that does much more than one client call. */
  CliProcess timeout(Duration limit) {
    maxRun = limit;
    return this;
  }

  CliProcess in(Path dir) {
    workingDir = dir;
    return this;
  }

  static Path jar() {
    String jar = System.getProperty("tuf4j.jar");
    if (jar == null) {
      fail("system property tuf4j.jar is not set; run the *IT tests with 'mvn verify'");
    }
    Path path = Path.of(jar);
    assertTrue(Files.isRegularFile(path), () -> "no runnable jar at " + path + "; run 'mvn package' first");
    return path;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    // Speed only: the tests start dozens of short JVMs, which need no optimising compiler.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    if (workingDir != null) {
      pb.directory(workingDir.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      if (!p.waitFor(maxRun.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail("tuf4j " + List.of(args) + " did not end within " + maxRun);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Result(p.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8),
          elapsed, List.of(args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
