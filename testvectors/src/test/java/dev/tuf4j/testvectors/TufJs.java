package dev.tuf4j.testvectors;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs the real tuf-js client and {@code @tufjs/models} (from npm) as Node subprocesses, for
 * tests that compare tuf-js's verdicts with tuf4j's.
 *
 * <p>The Node project lives in {@code src/test/node} ({@code package.json}, the committed {@code
 * package-lock.json} and the driver scripts). {@link #get()} copies it to {@code
 * target/node} and runs {@code npm ci} there once per JVM, skipping even that when {@code
 * node_modules} was already installed from the same lock file (a stamp file records which). The
 * module's base directory comes from the system property {@value #BASEDIR_PROPERTY}, which
 * surefire sets to {@code ${project.basedir}}; without it, the working directory is used.
 *
 * <p>Scripts:
 *
 * <ul>
 *   <li>{@code client.js}: a client CLI over tuf-js's {@code Updater} ({@code --metadata-dir},
 *       {@code --metadata-url}, {@code --target-dir}, {@code --target-base-url}, {@code
 *       --target-name}; commands {@code init}, {@code refresh}, {@code download}), see {@link
 *       #client}.
 *   <li>{@code models.js}: canonical JSON, signing and {@code verifyDelegate} with
 *       {@code @tufjs/models}, one JSON request on stdin, see {@link #models}.
 * </ul>
 *
 * Both print exactly one JSON line on stdout and exit 0 or 1; on failure the line is {@code
 * {"ok":false,"error":TYPE,"message":...}} and stderr holds one line {@code TYPE: message}.
 *
 * <p>Thread-safe: every call starts its own process.
 */
public final class TufJs {
  /** System property holding the testvectors module's base directory. */
  public static final String BASEDIR_PROPERTY = "tuf4j.testvectors.basedir";
  /** How long one script run may take before it is killed and the test fails. */
  public static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  /** How long {@code npm ci} may take (it may have to download every package). */
  public static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  /** The oldest Node that tuf-js 5 supports ({@code engines} in its package.json): 20.17. */
  private static final int MIN_NODE_MAJOR = 20;
  private static final int MIN_NODE_MINOR = 17;

  private static final String STAMP_FILE = ".tuf4j-install-stamp";

  /** The outcome of one script run. */
  public record Run(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {
    public Run {
      command = List.copyOf(command);
    }

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The JSON line the script printed on stdout (its last non-blank line). */
    public JsonObject json() {
      String[] lines = stdout.strip().split("\n");
      String last = lines[lines.length - 1];
      try {
        return (JsonObject) JsonText.parse(last);
      } catch (RuntimeException e) {
        throw new AssertionError("no JSON result line from " + this, e);
      }
    }

    /** The {@code error} of a failed run's JSON line (a tuf-js error class name). */
    public String errorType() {
      JsonValue e = json().get("error");
      if (!(e instanceof JsonString s)) {
        throw new AssertionError("not a failed run: " + this);
      }
      return s.value();
    }

    @Override
    public String toString() {
      return String.join(" ", command) + "\n  exit " + exitCode + " after " + elapsed.toMillis()
          + " ms\n  stdout: " + stdout.strip() + "\n  stderr: " + stderr.strip();
    }
  }

  // Once per JVM; a failed install is remembered so every test reports the same clear cause.
  private static @Nullable TufJs installed;
  private static @Nullable RuntimeException installFailure;

  private final Path home;
  private final Path node;
  private final String nodeVersion;
  private final Duration installTime;

  private TufJs(Path home, Path node, String nodeVersion, Duration installTime) {
    this.home = home;
    this.node = node;
    this.nodeVersion = nodeVersion;
    this.installTime = installTime;
  }

  /**
   * The installed Node project, installing it on first use in this JVM.
   *
   * @throws IllegalStateException when node or npm is missing or {@code npm ci} failed
   */
  public static synchronized TufJs get() {
    if (installed == null && installFailure == null) {
      try {
        installed = install();
      } catch (RuntimeException e) {
        installFailure = e;
      }
    }
    if (installFailure != null) {
      throw new IllegalStateException("the tuf-js Node project could not be installed: "
          + installFailure.getMessage(), installFailure);
    }
    return installed;
  }

  /** The folder holding the scripts and {@code node_modules}. */
  public Path home() {
    return home;
  }

  /** {@code node --version}, e.g. {@code v20.20.2}. */
  public String nodeVersion() {
    return nodeVersion;
  }

  /** How long the install took in this JVM (near zero when the stamp matched). */
  public Duration installTime() {
    return installTime;
  }

  /** Runs {@code client.js} with these arguments (see the class comment). */
  public Run client(List<String> args) {
    return run("client.js", args, new byte[0], RUN_TIMEOUT);
  }

  /** Runs {@code models.js} with {@code request} written to its stdin as JSON. */
  public Run models(JsonValue request) {
    return run("models.js", List.of(), JsonText.write(request).getBytes(StandardCharsets.UTF_8), RUN_TIMEOUT);
  }

  /**
   * Runs a script of the Node project, feeding {@code stdin}, and waits at most {@code timeout}.
   *
   * @throws AssertionError when the process does not finish in time (it is killed first)
   */
  public Run run(String script, List<String> args, byte[] stdin, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add(home.resolve(script).toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    // Nothing from the developer's shell may change what tuf-js does or prints.
    pb.environment().remove("NODE_OPTIONS");
    pb.environment().remove("DEBUG");
    Exec e = exec(pb, stdin, timeout);
    return new Run(command, e.exitCode, e.stdout, e.stderr, e.elapsed);
  }

  // ---- Installation ----

  private static TufJs install() {
    long start = System.nanoTime();
    Path basedir = Path.of(System.getProperty(BASEDIR_PROPERTY, "")).toAbsolutePath();
    Path source = basedir.resolve("src/test/node");
    if (!Files.isRegularFile(source.resolve("package-lock.json"))) {
      throw new IllegalStateException("no Node project at " + source + ": set -D" + BASEDIR_PROPERTY
          + " to the testvectors module folder (surefire sets it to ${project.basedir})");
    }
    Path node = executable("node");
    String version = checkNodeVersion(node);
    Path home = basedir.resolve("target/node");
    try {
      Files.createDirectories(home);
      // Another JVM (a parallel build) may be installing into the same folder.
      try (FileChannel ch = FileChannel.open(basedir.resolve("target/node.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        copyProject(source, home);
        String stamp = stamp(home, version);
        Path stampFile = home.resolve("node_modules").resolve(STAMP_FILE);
        if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)) {
          npmCi(home);
          Files.writeString(stampFile, stamp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Node project in " + home, e);
    }
    return new TufJs(home, node, version, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Copies the project's top-level files (not node_modules) when they differ. */
  private static void copyProject(Path source, Path home) throws IOException {
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = home.resolve(f.getFileName().toString());
        byte[] bytes = Files.readAllBytes(f);
        if (!Files.isRegularFile(to) || !Arrays.equals(bytes, Files.readAllBytes(to))) {
          Files.write(to, bytes);
        }
      }
    }
  }

  /** What node_modules was installed from: the lock file, package.json and the Node version. */
  private static String stamp(Path home, String nodeVersion) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Files.readAllBytes(home.resolve("package-lock.json")));
    b.writeBytes(Files.readAllBytes(home.resolve("package.json")));
    b.writeBytes(nodeVersion.getBytes(StandardCharsets.UTF_8));
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, b.toByteArray()));
  }

  private static void npmCi(Path home) {
    // --ignore-scripts: no package gets to run code at install time. The registry is whatever
    // npm is configured with (registry.npmjs.org by default); the lock pins every version and
    // integrity hash.
    List<String> command = List.of(executable("npm").toString(), "ci", "--ignore-scripts",
        "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error");
    Exec e = exec(new ProcessBuilder(command).directory(home.toFile()), new byte[0], INSTALL_TIMEOUT);
    if (e.exitCode != 0) {
      throw new IllegalStateException("npm ci failed in " + home + " (exit " + e.exitCode
          + "); the tuf-js interop tests need Node >= 20.17, npm and access to the npm registry."
          + "\nstdout: " + e.stdout.strip() + "\nstderr: " + e.stderr.strip());
    }
  }

  private static String checkNodeVersion(Path node) {
    Exec e = exec(new ProcessBuilder(node.toString(), "--version"), new byte[0], Duration.ofSeconds(30));
    String v = e.stdout.strip();
    if (e.exitCode != 0 || !v.matches("v\\d+\\.\\d+\\.\\d+.*")) {
      throw new IllegalStateException(node + " --version failed: " + e.stdout + e.stderr);
    }
    String[] parts = v.substring(1).split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    if (major < MIN_NODE_MAJOR || (major == MIN_NODE_MAJOR && minor < MIN_NODE_MINOR)) {
      throw new IllegalStateException("tuf-js needs Node >= " + MIN_NODE_MAJOR + "." + MIN_NODE_MINOR
          + ", found " + v + " at " + node);
    }
    return v;
  }

  /** The first {@code name} on the PATH ({@code name.exe}/{@code .cmd} on Windows). */
  static Path executable(String name) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> names = windows ? List.of(name + ".exe", name + ".cmd") : List.of(name);
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      for (String n : names) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, n);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
    }
    throw new IllegalStateException("no '" + name + "' on the PATH; the tuf-js interop tests need"
        + " Node >= 20.17 and npm (PATH=" + path + ")");
  }

  // ---- Processes ----

  private record Exec(int exitCode, String stdout, String stderr, Duration elapsed) {}

  private static Exec exec(ProcessBuilder pb, byte[] stdin, Duration timeout) {
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + pb.command(), e);
    }
    FutureTask<byte[]> out = drain(p.getInputStream(), "stdout");
    FutureTask<byte[]> err = drain(p.getErrorStream(), "stderr");
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // The process exited without reading its input; its output says why.
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(pb.command() + " did not finish within " + timeout
            + "\nstdout: " + text(out) + "\nstderr: " + text(err));
      }
      return new Exec(p.exitValue(), text(out), text(err), Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + pb.command(), e);
    }
  }

  private static FutureTask<byte[]> drain(InputStream in, String what) {
    FutureTask<byte[]> task = new FutureTask<>(() -> {
      try (in) {
        return in.readAllBytes();
      }
    });
    Thread t = new Thread(task, "tuf-js-" + what);
    t.setDaemon(true);
    t.start();
    return task;
  }

  private static String text(FutureTask<byte[]> task) {
    try {
      // The streams close when the process exits (or is killed), so this returns promptly.
      return new String(task.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (ExecutionException | TimeoutException e) {
      return "<unreadable: " + e + ">";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "<interrupted>";
    }
  }
}
