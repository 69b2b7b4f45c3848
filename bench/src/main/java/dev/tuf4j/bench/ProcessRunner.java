package dev.tuf4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a whole process with a time limit and measures its wall time, start to exit. */
final class ProcessRunner {
  private ProcessRunner() {}

  /**
   * @param exitCode -1 when the time limit killed it
   */
  record Result(int exitCode, double millis, String stdout, String stderr, boolean timedOut) {
    boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    /** The first line of stderr (or stdout), for a note saying why a run failed. */
    String why() {
      if (timedOut) {
        return "time limit reached";
      }
      String s = stderr.isBlank() ? stdout : stderr;
      String line = s.strip().lines().findFirst().orElse("");
      return "exit " + exitCode + (line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) : line));
    }
  }

  static Result run(List<String> command, Path dir, Duration limit) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    double millis = (System.nanoTime() - start) / 1e6;
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
    }
    return new Result(done ? p.exitValue() : -1, millis, out.join(), err.join(), !done);
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
