package dev.tuf4j.bench;

import dev.tuf4j.client.Fetcher;
import dev.tuf4j.client.Updater;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pep458}: the macro benchmark of issue #9. Builds a PEP 458 repository with tuf4j's
 * repository API, serves it on 127.0.0.1 and times tuf4j's client (in process and as the CLI
 * process) next to tuf-js (in Node and as a Node process) and, on a top-level-only variant,
 * sigstore-java; then the repository side (bootstrap, one upload, batched uploads). Prints one
 * markdown table, tuf4j against each peer with the ratio, and writes it as JSON.
 */
final class Pep458Command implements Main.Command {
  static final long SEED = Seeds.PEP458;
  /** Size of uploaded target files: a small wheel. */
  static final int TARGET_SIZE = 16 * 1024;

  @Override
  public String name() {
    return "pep458";
  }

  @Override
  public String summary() {
    return "PEP 458 macro benchmark against tuf-js and sigstore-java [--targets N --bins N --out F]";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.contains("-h") || args.contains("--help")) {
      out.println(Pep458Options.USAGE);
      return 0;
    }
    Pep458Options o;
    try {
      o = Pep458Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(Pep458Options.USAGE);
      return 2;
    }
    boolean tempWork = o.work == null;
    Path work = tempWork ? Files.createTempDirectory("tuf4j-pep458-") : Files.createDirectories(o.work);
    try (StaticServer server = new StaticServer()) {
      MacroReport report = new MacroReport();
      report.headerLine("# pep458: " + String.format("%,d", o.targets) + " targets, " + o.bins + " succinct bins, "
          + o.runs + " runs per measurement");
      report.headerLine(machine());
      new Pep458Run(o, work, server, report, err).run();
      String table = report.markdown();
      out.println(table);
      if (o.out != null) {
        Files.writeString(o.out, report.json());
        err.println("wrote " + o.out);
      }
      return 0;
    } finally {
      if (!o.keepWork) {
        UpdaterBenchmark.deleteChildren(work);
        if (tempWork) {
          Files.deleteIfExists(work);
        }
      }
    }
  }

  static String machine() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return "Run " + Instant.now().toString().substring(0, 16) + "Z on " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, load average at start "
        + String.format("%.1f", load) + ".";
  }

  /** The peak heap use since the last {@link #resetPeakHeap}, in MB (sum of the pools' peaks). */
  static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024.0 * 1024.0);
  }

  static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Milliseconds since {@code startNanos}. */
  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** One whole benchmark run; the steps in the order of the issue. */
  static final class Pep458Run {
    private final Pep458Options o;
    private final Path work;
    private final StaticServer server;
    private final MacroReport report;
    private final PrintStream log;
    private final Duration tufJsLimit;
    private TufJsClient tufJs;
    private String tufJsMissing;
    private int clients;

    Pep458Run(Pep458Options o, Path work, StaticServer server, MacroReport report, PrintStream log) {
      this.o = o;
      this.work = work;
      this.server = server;
      this.report = report;
      this.log = log;
      this.tufJsLimit = Duration.ofSeconds(o.tufJsLimitSeconds);
    }

    void run() throws Exception {
      if (o.runs("tufjs")) {
        try {
          tufJs = TufJsClient.install(o.nodeDir);
        } catch (IllegalStateException | IOException e) {
          tufJsMissing = "tuf-js not run: " + e.getMessage();
          log.println(tufJsMissing);
        }
      } else {
        tufJsMissing = "skipped (--skip tufjs)";
      }
      Served main = buildMain();
      Pep458Clients clients = new Pep458Clients(this, main);
      // A part that fails is reported and the others still run: a long run keeps what it measured.
      step("clients in process", clients::inProcess);
      step("clients as whole processes", clients::wholeProcess);
      step("tuf-js at other bin counts", clients::tufJsSweep);
      step("sigstore-java variant", clients::sigstore);
      step("repository side", () -> repositorySide(main));
    }

    interface Part {
      void run() throws Exception;
    }

    private void step(String name, Part part) {
      log.println(name + " (" + Instant.now().toString().substring(11, 19) + ")");
      try {
        part.run();
      } catch (Exception | LinkageError e) {
        e.printStackTrace(log);
        report.headerLine("**" + name + " failed: " + e + "** (its rows are missing)");
      }
    }

    /** Step 1: the repository, with build time, bytes, sizes and peak heap. */
    private Served buildMain() throws Exception {
      log.printf("building %,d targets in %d bins%n", o.targets, o.bins);
      resetPeakHeap();
      long start = System.nanoTime();
      Served s = build("main", o.bins, o.targets);
      double buildMs = since(start);
      double heap = peakHeapMb();
      report.add("build.time", "build: " + String.format("%,d", o.targets) + " targets, " + o.bins
          + " bins, publish (" + (o.durable ? "durable" : "no fsync") + ")", "s", MacroReport.Stats.single(buildMs / 1000),
          null, null, "");
      report.add("build.bytes", "build: bytes written (metadata and the uploaded target files)", "MB",
          MacroReport.Stats.single(s.repo.bytesOnDisk() / 1e6), null, null, "");
      report.add("build.heap", "build: peak heap (sum of the heap pools' peaks)", "MB", MacroReport.Stats.single(heap),
          "goal at 2,300,000 targets", MacroReport.Stats.single(2048), "run with -Xmx2g for the goal");
      for (Map.Entry<String, Long> e : s.repo.metadataSizes().entrySet()) {
        report.add("size." + e.getKey().replaceAll("[^a-z]+", "_").replaceAll("_$", ""), "size: " + e.getKey(), "KB",
            MacroReport.Stats.single(e.getValue() / 1000.0), null, null, "");
      }
      return s;
    }

    /** A repository with {@code bins} bins and {@code targets} targets (one of them a real file), served. */
    Served build(String name, int bins, int targets) throws Exception {
      MacroRepository repo = MacroRepository.create(work.resolve(name), bins, targets, o.durable, SEED);
      repo.addTargets(targets - 1L);
      String target = repo.uploadFile(work.resolve(name + "-uploads"), TARGET_SIZE, false);
      repo.publishAll();
      URI md = server.mount(name + "-metadata", repo.metadataDir());
      URI td = server.mount(name + "-targets", repo.targetsDir());
      Path rootFile = work.resolve(name + "-root.json");
      Files.write(rootFile, repo.trustedRoot());
      return new Served(repo, md, td, target, rootFile, repo.trustedRoot());
    }

    /** Step 3: bootstrap of empty bins, one upload published, batched uploads. */
    private void repositorySide(Served main) throws Exception {
      String skipped = "skipped (--skip repository)";
      if (!o.runs("repository")) {
        report.add("repo.bootstrap", "repository: bootstrap of " + o.bootstrapBins + " empty bins", "ms", null, null,
            null, skipped);
        report.add("repo.upload", "repository: publish one upload", "ms", null, null, null, skipped);
        report.add("repo.batch", "repository: batched uploads (" + o.batch + " per publish)", "uploads/s", null,
            null, null, skipped);
        return;
      }
      List<Double> bootstrap = new ArrayList<>();
      for (int i = 0; i < Math.min(o.runs, 3); i++) {
        long start = System.nanoTime();
        MacroRepository r = MacroRepository.create(work.resolve("bootstrap-" + i), o.bootstrapBins, 0, o.durable, SEED);
        r.publishAll();
        bootstrap.add(since(start));
        UpdaterBenchmark.deleteChildren(work.resolve("bootstrap-" + i));
      }
      report.add("repo.bootstrap", "repository: bootstrap of " + o.bootstrapBins + " empty bins (create, sign, publish)",
          "ms", MacroReport.Stats.of(bootstrap), "goal", MacroReport.Stats.single(2000), "at most 3 runs");
      List<Double> upload = new ArrayList<>();
      for (int i = 0; i < o.runs; i++) {
        long start = System.nanoTime();
        main.repo.uploadFile(work.resolve("main-uploads"), TARGET_SIZE, true);
        upload.add(since(start));
      }
      report.add("repo.upload", "repository: one upload (hash the file, add, publish timestamp, snapshot, bin)", "ms",
          MacroReport.Stats.of(upload), "goal", MacroReport.Stats.single(20), "");
      List<Double> perSecond = new ArrayList<>();
      for (int i = 0; i < o.runs; i++) {
        long start = System.nanoTime();
        main.repo.uploadBatch(o.batch);
        perSecond.add(o.batch / (since(start) / 1000));
      }
      report.add("repo.batch", "repository: batched uploads, " + o.batch + " new targets per publish", "uploads/s",
          MacroReport.Stats.of(perSecond), "goal", MacroReport.Stats.single(1000),
          "higher is better; python-tuf: 1,000 in about 2.6 s into 1 M");
    }

    Path newClientDir(String kind) throws IOException {
      return Files.createDirectories(work.resolve("clients").resolve(kind + "-" + clients++));
    }

    Pep458Options options() {
      return o;
    }

    StaticServer server() {
      return server;
    }

    MacroReport report() {
      return report;
    }

    PrintStream log() {
      return log;
    }

    TufJsClient tufJs() {
      return tufJs;
    }

    String tufJsMissing() {
      return tufJsMissing;
    }

    Duration tufJsLimit() {
      return tufJsLimit;
    }

    Path work() {
      return work;
    }
  }

  /** A built repository and where it is served. */
  record Served(MacroRepository repo, URI metadataUrl, URI targetUrl, String target, Path rootFile, byte[] root) {
    /** A client over a folder a previous client filled: it starts from the root stored there. */
    Updater storedClient(Path dir) throws IOException {
      return Tuf4jClient.open(dir, metadataUrl, targetUrl, null);
    }

    /** The same, fetching over the reference {@link BareUrlConnectionFetcher}. */
    Updater storedBareClient(Path dir) throws IOException {
      return Tuf4jClient.open(dir, metadataUrl, targetUrl, null, new BareUrlConnectionFetcher());
    }

    /**
     * A cold client that does only its own work: metadata and target come from {@code fetcher}
     * (bytes in memory) and metadata is kept in memory; the target is still stored in {@code
     * dir}.
     */
    Updater ownWorkClient(Path dir, Fetcher fetcher) throws IOException {
      return Updater.builder()
          .metadataBaseUrl(metadataUrl)
          .targetBaseUrl(targetUrl)
          .fetcher(fetcher)
          .targetFetcher(fetcher)
          .metadataStore(new InMemoryMetadataStore())
          .targetDir(Files.createDirectories(dir.resolve("targets")))
          .trustedRoot(root)
          .build();
    }

    /**
     * A cold client whose metadata lives in memory ({@link InMemoryMetadataStore}): the same work
     * without files or fsync for metadata (the target is still stored in {@code dir}).
     */
    Updater memoryClient(Path dir) throws IOException {
      return Updater.builder()
          .metadataBaseUrl(metadataUrl)
          .targetBaseUrl(targetUrl)
          .metadataStore(new InMemoryMetadataStore())
          .targetDir(Files.createDirectories(dir.resolve("targets")))
          .trustedRoot(root)
          .build();
    }
  }
}
