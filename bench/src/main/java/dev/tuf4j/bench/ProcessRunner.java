package dev.tuf4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a whole process with a time limit and measures its wall time, start to exit. */
final class ProcessRunner {
  private ProcessRunner() {}

  /**
   * @param exitCode -1 when the time limit killed it
   */
  record Result(int exitCode, double millis, String stdout, String stderr, boolean timedOut, double cpuMillis) {
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

  /**
   * With bash present, the command runs under {@code bash -c '"$@"; times'} so that the user +
   * system CPU time of the process and its children is known ({@link Result#cpuMillis}, else
   * -1): on a busy machine the wall time of a short process says more about the load than
   * about the process. bash's own start is not in that figure; it is in the wall time.
   */
  static Result run(List<String> command, Path dir, Duration limit) throws IOException, InterruptedException {
    boolean bash = Files.isExecutable(BASH);
    List<String> full = new ArrayList<>();
    if (bash) {
      full.addAll(List.of(BASH.toString(), "-c", "\"$@\"; s=$?; echo >&2; times >&2; exit $s", "bash"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile());
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
    String stderr = err.join();
    double cpu = -1;
    if (bash && done) {
      // times prints the shell's user and system time, then its children's: "0m0.398s 0m0.060s".
      List<String> lines = stderr.strip().lines().toList();
      Matcher m = lines.isEmpty() ? null : TIMES.matcher(lines.get(lines.size() - 1));
      if (m != null && m.matches()) {
        cpu = minutesSeconds(m.group(1), m.group(2)) + minutesSeconds(m.group(3), m.group(4));
        stderr = String.join("\n", lines.subList(0, Math.max(0, lines.size() - 2)));
      }
    }
    return new Result(done ? p.exitValue() : -1, millis, out.join(), stderr, !done, cpu);
  }

  private static final Path BASH = Path.of("/bin/bash");
  private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

  private static double minutesSeconds(String minutes, String seconds) {
    return (Long.parseLong(minutes) * 60 + Double.parseDouble(seconds)) * 1000;
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
