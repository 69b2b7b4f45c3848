package dev.tuf4j.bench;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tuf-js (npm {@code tuf-js} 5.0.1, pinned by the committed lock file) driven through {@code
 * driver.js}: installed with {@code npm ci} into a folder once (a stamp of the lock file, {@code
 * package.json} and the Node version skips reinstalling), then run either in one long-lived Node
 * process ({@link Session}: timed inside Node) or as a whole process per run ({@link #once}).
 */
final class TufJsClient {
  private static final String[] FILES = {"driver.js", "package.json", "package-lock.json"};
  private static final String STAMP = ".tuf4j-bench-stamp";
  private static final Pattern MS = Pattern.compile("\"ms\":([0-9.eE+-]+)");

  private final Path home;

  private TufJsClient(Path home) {
    this.home = home;
  }

  /** Copies the driver into {@code home} and installs its dependencies unless already there. */
  static TufJsClient install(Path home) throws IOException, InterruptedException {
    Files.createDirectories(home);
    StringBuilder stamp = new StringBuilder();
    for (String name : FILES) {
      try (InputStream in = TufJsClient.class.getResourceAsStream("node/" + name)) {
        if (in == null) {
          throw new IllegalStateException("node/" + name + " is missing from the bench jar");
        }
        byte[] bytes = in.readAllBytes();
        Files.write(home.resolve(name), bytes);
        if (!name.equals("driver.js")) {
          stamp.append(Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes))).append('\n');
        }
      }
    }
    ProcessRunner.Result version = ProcessRunner.run(List.of("node", "--version"), home, Duration.ofSeconds(30));
    if (!version.ok()) {
      throw new IllegalStateException("node is not available: " + version.why());
    }
    stamp.append(version.stdout().strip());
    Path stampFile = home.resolve("node_modules").resolve(STAMP);
    if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp.toString())) {
      return new TufJsClient(home);
    }
    ProcessRunner.Result ci = ProcessRunner.run(
        List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), home, Duration.ofMinutes(5));
    if (!ci.ok()) {
      throw new IllegalStateException("npm ci failed in " + home + ": " + ci.why());
    }
    Files.writeString(stampFile, stamp.toString());
    return new TufJsClient(home);
  }

  /** The request line of one run: a client over {@code clientDir}/metadata and /targets. */
  static String request(Path clientDir, URI metadataUrl, URI targetUrl, String target) {
    return "{\"metadataDir\":" + MacroReport.quote(clientDir.resolve("metadata").toString())
        + ",\"targetDir\":" + MacroReport.quote(clientDir.resolve("targets").toString())
        + ",\"metadataUrl\":" + MacroReport.quote(metadataUrl.toString())
        + ",\"targetUrl\":" + MacroReport.quote(targetUrl.toString())
        + ",\"target\":" + MacroReport.quote(target) + "}";
  }

  /**
   * One run as a whole {@code node driver.js once} process; with {@code profileDir}, under
   * Node's CPU profiler ({@code --cpu-prof}), which writes a {@code .cpuprofile} there.
   */
  ProcessRunner.Result once(String request, Duration limit, Path profileDir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node"));
    if (profileDir != null) {
      command.addAll(List.of("--cpu-prof", "--cpu-prof-dir", profileDir.toAbsolutePath().toString()));
    }
    command.addAll(List.of("driver.js", "once", request));
    return ProcessRunner.run(command, home, limit);
  }

  /**
   * The time inside Node of a result line, or null when there was none (the time limit).
   *
   * @throws IllegalStateException when the run failed, with tuf-js's error
   */
  static Double millis(String resultLine) {
    if (resultLine == null) {
      return null;
    }
    Matcher m = MS.matcher(resultLine);
    if (!resultLine.contains("\"ok\":true") || !m.find()) {
      throw new IllegalStateException("tuf-js: " + resultLine);
    }
    return Double.parseDouble(m.group(1));
  }

  Session session() throws IOException {
    return new Session(new ProcessBuilder("node", "driver.js", "serve").directory(home.toFile()).start());
  }

  /** One Node process answering runs one at a time; killed if a run exceeds its limit. */
  static final class Session implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final List<String> stderr = new ArrayList<>();

    private Session(Process process) {
      this.process = process;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process ended or was killed; run() reports the missing answer
        }
      }, "tuf-js-session");
      reader.setDaemon(true);
      reader.start();
      ProcessRunner.drain(process.getErrorStream()).thenAccept(s -> {
        synchronized (stderr) {
          stderr.add(s);
        }
      });
    }

    /**
     * Sends one run and waits for its result line.
     *
     * @return the result line, or null when the limit passed (the process is then killed)
     */
    String run(String request, Duration limit) throws IOException, InterruptedException {
      if (!process.isAlive()) {
        return null;
      }
      in.write(request + "\n");
      in.flush();
      String line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        process.destroyForcibly();
        process.waitFor();
      }
      return line;
    }

    boolean alive() {
      return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
      try {
        in.close();
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
