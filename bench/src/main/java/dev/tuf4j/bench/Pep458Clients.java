package dev.tuf4j.bench;

import dev.tuf4j.bench.MacroReport.Stats;
import dev.tuf4j.client.Updater;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 2 of {@code pep458}: the clients against the served repository. Every timed run is one
 * refresh + look-up + download of one target (reused when a valid copy is stored), and the bytes
 * the server sent during it are counted.
 */
final class Pep458Clients {
  private static final Duration CLI_LIMIT = Duration.ofMinutes(2);
  static final String TUFJS_BLAKE2B =
      "tuf-js checks the target's length and sha256 only: Node has no blake2b-256 (driver.js drops it)";

  private final Pep458Command.Pep458Run run;
  private final Pep458Command.Served main;
  private final Pep458Options o;
  private final StaticServer server;
  private final MacroReport report;
  /** The calling thread's CPU time of the last run, when the step measured it, else -1. */
  private double lastCpu = -1;
  /** The CPU time of all the client's threads in the last run, when measured, else -1. */
  private double lastClientCpu = -1;
  /** Where the own-work runs keep their folders when on tmpfs, and how many they made. */
  private Path ownWorkRoot;
  private int ownWorkDirs;
  /** The body bytes the server sent for the last run when the step counted them, else -1. */
  private long lastBytes = -1;

  Pep458Clients(Pep458Command.Pep458Run run, Pep458Command.Served main) {
    this.run = run;
    this.main = main;
    this.o = run.options();
    this.server = run.server();
    this.report = run.report();
  }

  /** Timings and bytes of a series of runs; a note when some did not finish. */
  static final class Series {
    final List<Double> millis = new ArrayList<>();
    final List<Double> kilobytes = new ArrayList<>();
    final List<Double> cpuMillis = new ArrayList<>();
    final List<Double> clientCpuMillis = new ArrayList<>();
    String note = "";

    Stats cpu() {
      return cpuMillis.isEmpty() ? null : Stats.of(cpuMillis);
    }

    Stats clientCpu() {
      return clientCpuMillis.isEmpty() ? null : Stats.of(clientCpuMillis);
    }

    Stats time() {
      return millis.isEmpty() ? null : Stats.of(millis);
    }

    Stats kb() {
      return kilobytes.isEmpty() ? null : Stats.of(kilobytes);
    }
  }

  interface Step {
    /** One run; returns its time in ms, or null when it failed (with {@code why} set). */
    Double run() throws Exception;
  }

  /** Runs {@code step} {@code count} times, stopping at the first failure. */
  private Series series(int count, Step step) throws Exception {
    Series s = new Series();
    for (int i = 0; i < count; i++) {
      server.resetCounters();
      Double ms;
      lastCpu = -1;
      lastClientCpu = -1;
      lastBytes = -1;
      try {
        ms = step.run();
      } catch (Exception e) {
        s.note = "run " + (i + 1) + " failed: " + e.getMessage();
        break;
      }
      if (ms == null) {
        s.note = "run " + (i + 1) + ": over the " + o.tufJsLimitSeconds + " s limit; later runs not made";
        break;
      }
      s.millis.add(ms);
      s.kilobytes.add((lastBytes >= 0 ? lastBytes : server.bytesSent()) / 1000.0);
      if (lastCpu >= 0) {
        s.cpuMillis.add(lastCpu);
      }
      if (lastClientCpu >= 0) {
        s.clientCpuMillis.add(lastClientCpu);
      }
      lastCpu = -1;
    }
    return s;
  }

  private Double timeTuf4j(Updater u, String target) throws Exception {
    CpuTime.ClientThreads clientCpu = CpuTime.clientThreads();
    long cpu = CpuTime.start();
    long start = System.nanoTime();
    Tuf4jClient.run(u, target);
    double ms = Pep458Command.since(start);
    lastCpu = (CpuTime.start() - cpu) / 1e6;
    lastClientCpu = clientCpu.elapsedNanos() / 1e6;
    return ms;
  }

  /**
   * A client folder for the own-work runs: in memory-backed {@code /dev/shm} where there is one,
   * so that storing the target forces nothing to a disk (fsync is a no-op on tmpfs); else with
   * the others. Removed with the work folder, or when this JVM exits.
   */
  private Path ownWorkDir(String kind) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      if (ownWorkRoot == null) {
        ownWorkRoot = Files.createTempDirectory(shm, "tuf4j-bench-");
        Path root = ownWorkRoot;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> UpdaterBenchmark.deleteQuietly(root)));
      }
      return Files.createDirectories(ownWorkRoot.resolve(kind + "-" + ownWorkDirs++));
    }
    return run.newClientDir(kind);
  }

  /** Whether the own-work runs stored their target on tmpfs. */
  private boolean ownWorkOnTmpfs() {
    return ownWorkRoot != null;
  }

  /** A fetcher answering, from memory, what the server answered for {@code paths}. */
  private InMemoryFetcher ownWorkFetcher(List<String> paths) throws IOException {
    Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
    for (String path : paths) {
      byte[] body = server.body(path);
      if (body != null) { // a 404 (the next root version) stays one: the map lacks it
        bodies.put(path.substring(1), body);
      }
    }
    return new InMemoryFetcher(server.uri("/"), bodies);
  }

  /** A new client folder holding only the trusted root, as tuf-js and the CLI start from. */
  private Path seededDir(String kind, Path rootFile) throws IOException {
    Path dir = run.newClientDir(kind);
    Files.createDirectories(dir.resolve("metadata"));
    Files.copy(rootFile, dir.resolve("metadata").resolve("root.json"));
    return dir;
  }

  /** In process: tuf4j in this (warmed) JVM, tuf-js in one Node process. */
  void inProcess() throws Exception {
    for (int i = 0; i < o.warmup; i++) {
      try (Updater u = main.storedClient(seededDir("warmup", main.rootFile()))) {
        Tuf4jClient.run(u, main.target());
      }
    }
    Updater[] last = new Updater[1];
    Path[] lastDir = new Path[1];
    // The floor of each cold run is measured right after it, once, on fresh copies of the
    // bytes that run stored: the same JVM and cache state the run's own parse met, not a tight
    // loop over the same arrays (whose figure is kept below as the "hot" floor).
    Series floor = new Series();
    Series ioFloor = new Series();
    Series bothFloors = new Series();
    Series sigFloor = new Series();
    Series allFloors = new Series();
    int[] checkCount = new int[1];
    List<List<String>> coldPaths = new ArrayList<>(List.of(List.of()));
    for (int i = 0; i < o.warmup; i++) {
      Path warm = seededDir("warmup-floor", main.rootFile());
      server.resetCounters();
      try (Updater u = main.storedClient(warm)) {
        Tuf4jClient.run(u, main.target());
      }
      Tuf4jClient.parseAndHash(Tuf4jClient.storedBytes(warm), Tuf4jClient.storedRoles(warm));
      IoFloor.run(server, server.paths(), run.newClientDir("warmup-io-floor"));
    }
    Series cold = series(o.runs, () -> {
      // Like tuf-js and the CLI after `client init`: a folder holding only the trusted root.
      lastDir[0] = seededDir("tuf4j-cold", main.rootFile());
      if (last[0] != null) {
        last[0].close(); // its connections and writer; the last one is used further below
      }
      CpuTime.ClientThreads clientCpu = CpuTime.clientThreads();
      long cpu = CpuTime.start();
      long start = System.nanoTime();
      last[0] = main.storedClient(lastDir[0]);
      Tuf4jClient.run(last[0], main.target());
      double ms = Pep458Command.since(start);
      double coldCpu = (CpuTime.start() - cpu) / 1e6;
      lastClientCpu = clientCpu.elapsedNanos() / 1e6;
      lastBytes = server.bytesSent();
      List<String> requested = server.paths();
      List<byte[]> fresh = Tuf4jClient.storedBytes(lastDir[0]);
      List<String> freshRoles = Tuf4jClient.storedRoles(lastDir[0]);
      long floorCpu = CpuTime.start();
      long floorStart = System.nanoTime();
      Tuf4jClient.parseAndHash(fresh, freshRoles);
      double floorMs = Pep458Command.since(floorStart);
      floor.millis.add(floorMs);
      double floorCpuMs = (CpuTime.start() - floorCpu) / 1e6;
      floor.cpuMillis.add(floorCpuMs);
      List<Runnable> checks = Tuf4jClient.signatureChecks(fresh, freshRoles);
      long sigCpu = CpuTime.start();
      checkCount[0] = Tuf4jClient.verifyAll(checks);
      double sigCpuMs = (CpuTime.start() - sigCpu) / 1e6;
      sigFloor.cpuMillis.add(sigCpuMs);
      Path ioDir = run.newClientDir("io-floor");
      long ioCpu = CpuTime.start();
      long ioStart = System.nanoTime();
      IoFloor.run(server, requested, ioDir);
      double ioMs = Pep458Command.since(ioStart);
      double ioCpuMs = (CpuTime.start() - ioCpu) / 1e6;
      ioFloor.millis.add(ioMs);
      ioFloor.cpuMillis.add(ioCpuMs);
      bothFloors.millis.add(floorMs + ioMs);
      allFloors.cpuMillis.add(floorCpuMs + sigCpuMs + ioCpuMs);
      coldPaths.set(0, requested);
      lastCpu = coldCpu;
      return ms;
    });
    List<byte[]> bytes = Tuf4jClient.storedBytes(lastDir[0]);
    List<String> roles = Tuf4jClient.storedRoles(lastDir[0]);
    for (int i = 0; i < Math.max(o.warmup, 3); i++) {
      Tuf4jClient.parseAndHash(bytes, roles);
    }
    Series hotFloor = series(o.runs, () -> {
      long cpu = CpuTime.start();
      long start = System.nanoTime();
      Tuf4jClient.parseAndHash(bytes, roles);
      double ms = Pep458Command.since(start);
      lastCpu = (CpuTime.start() - cpu) / 1e6;
      return ms;
    });
    Series warm = series(o.runs, () -> timeTuf4j(last[0], main.target()));

    // The reference: the same updater over a bare blocking HttpURLConnection, which shows what
    // HttpFetcher's own HTTP/1.1 client and its defences cost over the JDK's simplest transport.
    for (int i = 0; i < o.warmup; i++) {
      try (Updater u = main.storedBareClient(seededDir("warmup-bare", main.rootFile()))) {
        Tuf4jClient.run(u, main.target());
      }
    }
    Updater[] bare = new Updater[1];
    Series bareCold = series(o.runs, () -> {
      Path dir = seededDir("bare-cold", main.rootFile());
      if (bare[0] != null) {
        bare[0].close();
      }
      CpuTime.ClientThreads clientCpu = CpuTime.clientThreads();
      long start = System.nanoTime();
      bare[0] = main.storedBareClient(dir);
      Tuf4jClient.run(bare[0], main.target());
      double ms = Pep458Command.since(start);
      lastClientCpu = clientCpu.elapsedNanos() / 1e6;
      return ms;
    });
    Series bareWarm = series(o.runs, () -> timeTuf4j(bare[0], main.target()));
    if (bare[0] != null) {
      bare[0].close();
    }

    // The other reference: metadata kept in memory, so the durable writes' share shows.
    for (int i = 0; i < o.warmup; i++) {
      try (Updater u = main.memoryClient(run.newClientDir("warmup-memory"))) {
        Tuf4jClient.run(u, main.target());
      }
    }
    Series memoryCold = series(o.runs, () -> {
      Path dir = run.newClientDir("memory-cold");
      CpuTime.ClientThreads clientCpu = CpuTime.clientThreads();
      long start = System.nanoTime();
      try (Updater u = main.memoryClient(dir)) {
        Tuf4jClient.run(u, main.target());
        double ms = Pep458Command.since(start);
        lastClientCpu = clientCpu.elapsedNanos() / 1e6;
        return ms;
      }
    });
    // The client's own work: the cold run's bodies from memory and its metadata kept in memory,
    // so neither the transport nor the metadata folder is in it (the target is still stored).
    InMemoryFetcher fromMemory = ownWorkFetcher(coldPaths.get(0));
    for (int i = 0; i < o.warmup; i++) {
      try (Updater u = main.ownWorkClient(ownWorkDir("warmup-own"), fromMemory)) {
        Tuf4jClient.run(u, main.target());
      }
    }
    Series ownCold = series(o.runs, () -> {
      Path dir = ownWorkDir("own-cold");
      CpuTime.ClientThreads clientCpu = CpuTime.clientThreads();
      long start = System.nanoTime();
      try (Updater u = main.ownWorkClient(dir, fromMemory)) {
        Tuf4jClient.run(u, main.target());
        double ms = Pep458Command.since(start);
        lastClientCpu = clientCpu.elapsedNanos() / 1e6;
        return ms;
      }
    });
    Series warmNew = series(o.runs, () -> {
      long start = System.nanoTime();
      Updater u = main.storedClient(lastDir[0]);
      try {
        Tuf4jClient.run(u, main.target());
        return Pep458Command.since(start);
      } finally {
        u.close();
      }
    });

    Series jsCold = new Series();
    Series jsWarm = new Series();
    Series jsUpload = new Series();
    Series upload = new Series();
    TufJsClient.Session session = run.tufJs() == null ? null : run.tufJs().session();
    try {
      Path[] jsDir = new Path[1];
      if (session != null) {
        jsCold = series(o.tufJsRuns, () -> {
          jsDir[0] = seededDir("tufjs-cold", main.rootFile());
          return TufJsClient.millis(session.run(request(jsDir[0], main, main.target()), run.tufJsLimit()));
        });
        if (session.alive() && jsDir[0] != null) {
          jsWarm = series(o.tufJsRuns, () ->
              TufJsClient.millis(session.run(request(jsDir[0], main, main.target()), run.tufJsLimit())));
        }
      }
      // After one new upload each: timestamp, snapshot and one bin are new, and so is the target.
      for (int i = 0; i < o.runs; i++) {
        String target = main.repo().uploadFile(run.work().resolve("main-uploads"), Pep458Command.TARGET_SIZE, true);
        append(upload, series(1, () -> timeTuf4j(last[0], target)));
        if (session != null && session.alive() && jsDir[0] != null && i < o.tufJsRuns) {
          append(jsUpload, series(1, () ->
              TufJsClient.millis(session.run(request(jsDir[0], main, target), run.tufJsLimit()))));
        }
      }
    } finally {
      if (session != null) {
        session.close();
      }
    }
    String js = "tuf-js in Node";
    String jsNote = run.tufJsMissing() == null ? TUFJS_BLAKE2B : run.tufJsMissing();
    report.add("client.floor", "in process: floor, parse + SHA-256 of the cold run's files once", "ms",
        floor.time(), null, null, bytes.size() + " files, " + bytes.stream().mapToLong(b -> b.length).sum() / 1000
            + " KB, right after each cold run, on fresh copies");
    report.add("client.floor_hot", "in process: the same floor in a tight loop over the same arrays", "ms",
        hotFloor.time(), null, null, "thread CPU " + (hotFloor.cpu() == null ? "-" : hotFloor.cpu().format("ms")));
    report.add("client.cold_vs_floor", "in process: cold refresh + look-up + download, against the floor", "ms",
        cold.time(), "floor (goal: ratio <= 2)", floor.time(), cold.note);
    report.add("client.cold_vs_floor_cpu", "in process: cold against the floor, CPU time of the calling thread", "ms",
        cold.cpu(), "floor, thread CPU (goal: ratio <= 2)", floor.cpu(),
        "leaves out the store writer's thread: see the next row");
    report.add("client.cold_vs_floor_client_cpu", "in process: cold against the floor, CPU time of all the client's threads",
        "ms", cold.clientCpu(), "floor, thread CPU (goal: ratio <= 2)", floor.cpu(),
        "calling thread + metadata writer; the in-process server's threads left out");
    report.add("client.io_floor", "in process: I/O floor, the cold run's requests and durable writes once", "ms",
        ioFloor.time(), null, null, "plain HttpURLConnection on one kept-alive connection; fsync'd files; right after"
            + " each cold run");
    report.add("client.cold_vs_both_floors", "in process: cold against the parse + hash floor plus the I/O floor", "ms",
        cold.time(), "floor + I/O floor, per run", bothFloors.time(), "");
    report.add("client.io_floor_cpu", "in process: I/O floor, CPU time of the calling thread", "ms",
        ioFloor.cpu(), null, null, "the requests and the writes all run on it");
    report.add("client.sig_floor_cpu", "in process: signature floor, the cold run's signature checks once, thread CPU",
        "ms", sigFloor.cpu(), null, null, checkCount[0] + " Ed25519 checks over the stored files' signed bytes");
    report.add("client.floors_bound",
        "in process: parse + hash, signature and I/O floors together, against the parse + hash floor, thread CPU",
        "ms", allFloors.cpu(), "floor, thread CPU", floor.cpu(),
        "the least cold/floor CPU ratio a client making these checks, requests and durable writes can show");
    report.add("client.cold_vs_all_floors_cpu",
        "in process: cold against the three floors together, CPU time of all the client's threads", "ms",
        cold.clientCpu(), "parse + hash, signature and I/O floors, thread CPU, per run", allFloors.cpu(), "");
    report.add("client.own_cold", "in process: cold, the client's own work (bodies from memory, metadata in memory)",
        "ms", ownCold.time(), "floor in a tight loop (goal: ratio <= 2)", hotFloor.time(),
        (ownWorkOnTmpfs()
            ? "no transport, no metadata files; the target is stored on tmpfs (/dev/shm)"
            : "no transport, no metadata files; the target is still stored durably (no /dev/shm)")
            + "; runs back to back, so against the floor measured the same way");
    report.add("client.own_cold_client_cpu",
        "in process: cold, the client's own work, CPU time of all the client's threads", "ms", ownCold.clientCpu(),
        "floor in a tight loop, thread CPU (goal: ratio <= 2)", hotFloor.cpu(), "");
    report.add("client.cold", "in process: cold (trusted root only) refresh + look-up + download", "ms",
        cold.time(), js, jsCold.time(), join(jsNote, jsCold.note));
    report.add("client.cold_bytes", "in process: cold, bytes downloaded", "KB", cold.kb(), js, jsCold.kb(), "");
    report.add("client.warm", "in process: nothing changed, same client object", "ms", warm.time(),
        js + " (new Updater over the same folder)", jsWarm.time(), join(warm.note, jsWarm.note));
    report.add("client.warm_goal", "in process: nothing changed, same client object", "ms", warm.time(), "goal",
        Stats.single(2), "");
    report.add("client.warm_cpu", "in process: nothing changed, same client object, thread CPU", "ms", warm.cpu(),
        "goal", Stats.single(2), "");
    report.add("client.warm_client_cpu", "in process: nothing changed, same client object, CPU of all the client's threads",
        "ms", warm.clientCpu(), "goal", Stats.single(2), "");
    String bareNote = "reference: HttpURLConnection with only the length cap, no hostile-server defences";
    report.add("client.bare_cold", "in process: cold, the same updater over a bare HttpURLConnection fetcher", "ms",
        bareCold.time(), "tuf4j over HttpFetcher", cold.time(), join(bareNote, bareCold.note));
    report.add("client.bare_cold_client_cpu", "in process: cold, bare HttpURLConnection fetcher, CPU of all the client's threads",
        "ms", bareCold.clientCpu(), "tuf4j over HttpFetcher", cold.clientCpu(), "");
    report.add("client.memory_cold", "in process: cold, metadata kept in memory instead of on disk", "ms",
        memoryCold.time(), "tuf4j with its durable metadata folder", cold.time(),
        "reference: no metadata files, no fsync; the target is still stored durably");
    report.add("client.memory_cold_client_cpu",
        "in process: cold, metadata in memory, CPU of all the client's threads", "ms", memoryCold.clientCpu(),
        "floor, thread CPU (goal: ratio <= 2)", floor.cpu(), "");
    report.add("client.bare_warm", "in process: nothing changed, bare HttpURLConnection fetcher", "ms", bareWarm.time(),
        "tuf4j over HttpFetcher", warm.time(), bareWarm.note);
    report.add("client.bare_warm_client_cpu", "in process: nothing changed, bare HttpURLConnection fetcher, CPU of all the client's threads",
        "ms", bareWarm.clientCpu(), "tuf4j over HttpFetcher", warm.clientCpu(), "");
    report.add("client.warm_new", "in process: nothing changed, new client over the stored folder", "ms",
        warmNew.time(), js + " (new Updater over the same folder)", jsWarm.time(), warmNew.note);
    report.add("client.warm_bytes", "in process: nothing changed, bytes downloaded", "KB", warm.kb(), js,
        jsWarm.kb(), "");
    report.add("client.upload", "in process: after one new upload (timestamp, snapshot, one bin, the new target)",
        "ms", upload.time(), js, jsUpload.time(), join(upload.note, jsUpload.note));
    report.add("client.upload_bytes", "in process: after one new upload, bytes downloaded", "KB", upload.kb(), js,
        jsUpload.kb(), "");
  }

  /**
   * Whole processes: tuf4j's CLI (a fresh JVM each run), both as {@code java -jar tuf4j.jar} and
   * through the launcher script beside it (C1 only, an AppCDS archive made by its first run), and
   * {@code node driver.js once}.
   */
  void wholeProcess() throws Exception {
    Path jar = o.cliJar;
    Path launcher = jar.resolveSibling("tuf4j");
    String cliNote = "";
    String launcherNote = "";
    CliSeries viaJar = new CliSeries();
    CliSeries viaLauncher = new CliSeries();
    if (!o.runs("cli")) {
      cliNote = "skipped (--skip cli)";
      launcherNote = cliNote;
    } else if (!Files.isRegularFile(jar)) {
      cliNote = "not built: " + jar + " is missing (mvn -B -q -DskipTests package)";
      launcherNote = cliNote;
    } else {
      viaJar = cliSeries(List.of("java", "-jar", jar.toString()), "cli-cold");
      if (Files.isExecutable(launcher)) {
        // The launcher's first client run writes the archive (a slower run): not measured.
        Files.deleteIfExists(jar.resolveSibling("tuf4j.jsa"));
        cliCold(List.of(launcher.toString()), "cli-launcher-archive");
        viaLauncher = cliSeries(List.of(launcher.toString()), "cli-launcher-cold");
      } else {
        launcherNote = "not built: " + launcher + " is missing";
      }
    }
    Series jsCold = new Series();
    Series jsWarm = new Series();
    if (run.tufJs() != null) {
      Path[] dir = new Path[1];
      jsCold = series(o.tufJsRuns, () -> {
        dir[0] = seededDir("tufjs-process-cold", main.rootFile());
        return nodeOnce(dir[0], null);
      });
      if (o.tufJsProfile != null) { // one more cold run, profiled, not counted
        nodeOnce(seededDir("tufjs-process-profile", main.rootFile()), o.tufJsProfile);
      }
      if (dir[0] != null && !jsCold.millis.isEmpty()) {
        jsWarm = series(o.tufJsRuns, () -> nodeOnce(dir[0], null));
      }
    }
    String js = "tuf-js, node process";
    String jsNote = run.tufJsMissing() == null ? "" : run.tufJsMissing();
    Series cliCold = viaJar.cold;
    Series cliWarm = viaJar.warm;
    report.add("process.cold", "whole process: cold refresh + look-up + download (CLI, fresh JVM)", "ms",
        cliCold.time(), js, jsCold.time(), join(cliNote, join(cliCold.note, join(jsNote, jsCold.note))));
    report.add("process.cold_python", "whole process: cold refresh + look-up + download (CLI, fresh JVM)", "ms",
        cliCold.time(), "python-tuf, issue's figure at 1 M targets", Stats.single(630), cliNote);
    report.add("process.cold_launcher", "whole process: cold, through the launcher cli/target/tuf4j", "ms",
        viaLauncher.cold.time(), "python-tuf, issue's figure at 1 M targets", Stats.single(630),
        join(launcherNote, viaLauncher.cold.note));
    report.add("process.cold_cpu", "whole process: cold, CPU time of the process (user + system)", "ms",
        cliCold.cpu(), js, jsCold.cpu(), join(cliNote, "all threads: JIT and GC included; bash's times"));
    report.add("process.cold_launcher_cpu", "whole process: cold through the launcher, CPU time (user + system)",
        "ms", viaLauncher.cold.cpu(), js, jsCold.cpu(), launcherNote);
    report.add("process.warm", "whole process: nothing changed (CLI, fresh JVM)", "ms", cliWarm.time(), js,
        jsWarm.time(), join(cliNote, join(cliWarm.note, jsWarm.note)));
    report.add("process.warm_launcher", "whole process: nothing changed, through the launcher", "ms",
        viaLauncher.warm.time(), js, jsWarm.time(), join(launcherNote, viaLauncher.warm.note));
    report.add("process.warm_cpu", "whole process: nothing changed, CPU time of the process (user + system)", "ms",
        cliWarm.cpu(), js, jsWarm.cpu(), cliNote);
    report.add("process.cold_bytes", "whole process: cold, bytes downloaded", "KB", cliCold.kb(), js, jsCold.kb(),
        cliNote);
  }

  /** Cold and warm runs of one way of starting the CLI. */
  private static final class CliSeries {
    Series cold = new Series();
    Series warm = new Series();
  }

  private CliSeries cliSeries(List<String> command, String dirName) throws Exception {
    CliSeries out = new CliSeries();
    Path[] dir = new Path[1];
    out.cold = series(o.runs, () -> {
      dir[0] = cliInit(command, dirName);
      server.resetCounters();
      return cli(command, dir[0]);
    });
    if (dir[0] != null) {
      out.warm = series(o.runs, () -> cli(command, dir[0]));
    }
    return out;
  }

  private void cliCold(List<String> command, String dirName) throws Exception {
    cli(command, cliInit(command, dirName));
  }

  private Path cliInit(List<String> command, String dirName) throws Exception {
    Path dir = run.newClientDir(dirName);
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("client", "--metadata-dir", dir.resolve("metadata").toString(), "init",
        main.rootFile().toString()));
    ProcessRunner.Result init = ProcessRunner.run(args, dir, CLI_LIMIT);
    if (!init.ok()) {
      throw new IllegalStateException("tuf4j client init: " + init.why());
    }
    return dir;
  }

  private Double cli(List<String> command, Path dir) throws Exception {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("client",
        "--metadata-url", main.metadataUrl().toString(), "--metadata-dir", dir.resolve("metadata").toString(),
        "--target-name", main.target(), "--target-dir", dir.resolve("targets").toString(),
        "--target-base-url", main.targetUrl().toString(), "download"));
    ProcessRunner.Result r = ProcessRunner.run(args, dir, CLI_LIMIT);
    if (!r.ok()) {
      throw new IllegalStateException("tuf4j client download: " + r.why());
    }
    lastCpu = r.cpuMillis() >= 0 ? r.cpuMillis() : -1;
    return r.millis();
  }

  private Double nodeOnce(Path dir, Path profileDir) throws Exception {
    ProcessRunner.Result r = run.tufJs().once(request(dir, main, main.target()), run.tufJsLimit(), profileDir);
    if (r.timedOut()) {
      return null;
    }
    if (!r.ok()) {
      throw new IllegalStateException("node driver.js: " + r.why() + " " + r.stdout().strip());
    }
    lastCpu = r.cpuMillis() >= 0 ? r.cpuMillis() : -1;
    return r.millis();
  }

  /** tuf-js cold in process at other bin counts, same targets: where its snapshot handling breaks. */
  void tufJsSweep() throws Exception {
    for (int bins : o.tufJsBins) {
      String id = "sweep.cold_" + bins;
      String what = "in process, cold, " + bins + " bins";
      if (bins == o.bins) {
        continue; // the main repository's row is client.cold
      }
      if (!o.runs("sweep") || run.tufJs() == null) {
        report.add(id, what, "ms", null, "tuf-js in Node", null,
            run.tufJs() == null ? run.tufJsMissing() : "skipped (--skip sweep)");
        continue;
      }
      run.log().printf("tuf-js at %d bins%n", bins);
      Pep458Command.Served s = run.build("sweep-" + bins, bins, o.targets);
      for (int i = 0; i < o.warmup; i++) {
        try (Updater u = s.storedClient(seededDir("warmup", s.rootFile()))) {
          Tuf4jClient.run(u, s.target());
        }
      }
      Series tuf4j = series(o.runs, () -> {
        Path dir = seededDir("sweep-tuf4j", s.rootFile());
        long start = System.nanoTime();
        Updater u = s.storedClient(dir);
        try {
          Tuf4jClient.run(u, s.target());
          return Pep458Command.since(start);
        } finally {
          u.close();
        }
      });
      Series js;
      try (TufJsClient.Session session = run.tufJs().session()) {
        js = series(o.tufJsRuns, () -> TufJsClient.millis(
            session.run(request(seededDir("sweep-tufjs", s.rootFile()), s, s.target()), run.tufJsLimit())));
      }
      long snapshot = s.repo().metadataSizes().get("snapshot");
      report.add(id, what + " (snapshot " + snapshot / 1000 + " KB)", "ms", tuf4j.time(), "tuf-js in Node",
          js.time(), join(tuf4j.note, js.note));
      UpdaterBenchmark.deleteChildren(run.work().resolve("sweep-" + bins));
    }
  }

  /** sigstore-java and tuf4j on the top-level-only variant, both in this JVM. */
  void sigstore() throws Exception {
    String peer = "sigstore-java 2.0.0";
    if (!o.runs("sigstore")) {
      for (String id : List.of("sigstore.cold", "sigstore.warm", "sigstore.cold_bytes")) {
        report.add(id, "top-level-only variant: " + id.substring(9), "ms", null, peer, null, "skipped (--skip sigstore)");
      }
      return;
    }
    FlatRepository flat = FlatRepository.build(run.work().resolve("flat"), o.flatTargets, Pep458Command.TARGET_SIZE,
        Pep458Command.SEED + 7);
    URI md = server.mount("flat-metadata", flat.dir.resolve("metadata"));
    URI td = server.mount("flat-targets", flat.dir.resolve("targets"));
    byte[] root = flat.trustedRoot();
    Path rootFile = run.work().resolve("flat-root.json");
    Files.write(rootFile, root);
    for (int i = 0; i < o.warmup; i++) {
      Tuf4jClient.run(Tuf4jClient.open(run.newClientDir("warmup"), md, td, root), flat.target);
      SigstoreClient.run(run.newClientDir("warmup"), rootFile, md, td, flat.target);
    }
    Updater[] last = new Updater[1];
    Series cold = series(o.runs, () -> {
      Path dir = run.newClientDir("flat-tuf4j");
      long start = System.nanoTime();
      last[0] = Tuf4jClient.open(dir, md, td, root);
      Tuf4jClient.run(last[0], flat.target);
      return Pep458Command.since(start);
    });
    Series warm = series(o.runs, () -> timeTuf4j(last[0], flat.target));
    Path[] dir = new Path[1];
    Series sgCold = series(o.runs, () -> {
      dir[0] = run.newClientDir("flat-sigstore");
      long start = System.nanoTime();
      SigstoreClient.run(dir[0], rootFile, md, td, flat.target);
      return Pep458Command.since(start);
    });
    Series sgWarm = dir[0] == null ? new Series() : series(o.runs, () -> {
      long start = System.nanoTime();
      SigstoreClient.run(dir[0], rootFile, md, td, flat.target);
      return Pep458Command.since(start);
    });
    String shape = "top-level-only variant (" + String.format("%,d", flat.targetCount) + " targets, targets.json "
        + flat.targetsBytes / 1000 + " KB)";
    report.add("sigstore.cold", shape + ": cold refresh + download", "ms", cold.time(), peer, sgCold.time(),
        join(cold.note, sgCold.note));
    report.add("sigstore.warm", shape + ": nothing changed", "ms", warm.time(), peer + " (new Updater, same store)",
        sgWarm.time(), join(warm.note, sgWarm.note));
    report.add("sigstore.cold_bytes", shape + ": cold, bytes downloaded", "KB", cold.kb(), peer, sgCold.kb(), "");
  }

  private static String request(Path dir, Pep458Command.Served s, String target) {
    return TufJsClient.request(dir, s.metadataUrl(), s.targetUrl(), target);
  }

  private static void append(Series to, Series from) {
    to.millis.addAll(from.millis);
    to.kilobytes.addAll(from.kilobytes);
    if (!from.note.isEmpty() && to.note.isEmpty()) {
      to.note = from.note;
    }
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }
}
