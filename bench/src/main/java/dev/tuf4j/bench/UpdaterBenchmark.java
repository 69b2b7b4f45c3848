package dev.tuf4j.bench;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.MetadataStore;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client end to end, in process: a PEP 458 repository of 16,384 succinct bins and 100,000
 * targets built in memory ({@link Pep458Repository}) and served by an {@link InMemoryFetcher}.
 *
 * <ul>
 *   <li>{@code coldRefreshAndLookup*}: a new client that has only the trusted root refreshes
 *       (root chain, timestamp, snapshot, targets) and looks one target up (which loads its bin);
 *       with a fresh metadata folder on disk each time (writes and fsyncs included), and with an
 *       in-memory store (the client's own work only).
 *   <li>{@code noChangeRefresh*}: one {@link Updater} kept across calls refreshes against a
 *       repository where nothing changed (and then looks the target up again).
 *   <li>{@code floorParseAndHash}: the floor for the cold case: parse every file the cold case
 *       reads (root, timestamp, snapshot, targets, one bin) and SHA-256 it once, nothing else.
 * </ul>
 *
 * <p>Besides wall time, each reports its own thread's CPU time ({@link CpuTime}): the goals are
 * about CPU, and the machine may be busy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UpdaterBenchmark {
  static final URI METADATA_URL = URI.create("memory:/pep458/metadata/");

  /** The repository, built once per fork and shared by every thread. */
  @State(Scope.Benchmark)
  public static class Repository {
    @Param("14")
    public int bitLength;

    @Param("100000")
    public int repoTargets;

    Pep458Repository repo;
    InMemoryFetcher fetcher;
    String lookupPath;
    String lookupBin;
    byte[] root;
    byte[] timestamp;
    byte[] snapshot;
    byte[] targets;
    byte[] bin;
    final Clock clock = Clock.fixed(BenchData.NOW, ZoneOffset.UTC);

    @Setup
    public void build() {
      repo = Pep458Repository.build(bitLength, repoTargets, Seeds.REPOSITORY);
      fetcher = new InMemoryFetcher(METADATA_URL, repo.files());
      List<String> paths = repo.targetPaths();
      lookupPath = paths.get(paths.size() / 2);
      lookupBin = repo.binFor(lookupPath);
      root = repo.trustedRoot();
      timestamp = repo.timestamp();
      snapshot = repo.snapshot();
      targets = repo.targets();
      bin = repo.binBytesFor(lookupPath);
    }

    Updater.Builder client() {
      return Updater.builder()
          .metadataBaseUrl(METADATA_URL)
          .fetcher(fetcher)
          .clock(clock)
          .trustedRoot(root);
    }

    TargetFile lookup(Updater updater) throws TufException {
      Optional<TargetFile> found = updater.targetInfo(lookupPath);
      if (found.isEmpty()) {
        throw new IllegalStateException("the client did not find " + lookupPath);
      }
      return found.get();
    }
  }

  /** Fresh metadata folders for cold clients, under one temporary folder per thread. */
  @State(Scope.Thread)
  public static class Folders {
    private Path parent;
    private int made;

    @Setup
    public void create() throws IOException {
      parent = Files.createTempDirectory("tuf4j-bench-");
    }

    Path next() throws IOException {
      return Files.createDirectory(parent.resolve("client-" + made++));
    }

    @TearDown(Level.Iteration)
    public void clean() throws IOException {
      deleteChildren(parent);
    }

    @TearDown
    public void remove() throws IOException {
      deleteChildren(parent);
      Files.deleteIfExists(parent);
    }
  }

  /** A client that refreshed once, kept for the whole run: the no-change case. */
  @State(Scope.Thread)
  public static class WarmClient {
    private Path folder;
    Updater updater;

    @Setup
    public void refreshOnce(Repository r) throws IOException, TufException {
      folder = Files.createTempDirectory("tuf4j-bench-warm-");
      updater = r.client().metadataDir(folder).build();
      updater.refresh();
      r.lookup(updater);
    }

    @TearDown
    public void remove() throws IOException {
      deleteChildren(folder);
      Files.deleteIfExists(folder);
    }
  }

  @Benchmark
  public TargetFile coldRefreshAndLookupFileStore(Repository r, Folders folders, CpuTime cpu)
      throws IOException, TufException {
    long start = CpuTime.start();
    Updater updater = r.client().metadataDir(folders.next()).build();
    updater.refresh();
    TargetFile found = r.lookup(updater);
    cpu.stop(start);
    return found;
  }

  @Benchmark
  public TargetFile coldRefreshAndLookupMemoryStore(Repository r, CpuTime cpu) throws TufException {
    long start = CpuTime.start();
    MetadataStore store = new InMemoryMetadataStore();
    Updater updater = r.client().metadataStore(store).build();
    updater.refresh();
    TargetFile found = r.lookup(updater);
    cpu.stop(start);
    return found;
  }

  @Benchmark
  public void noChangeRefresh(WarmClient client, CpuTime cpu) throws TufException {
    long start = CpuTime.start();
    client.updater.refresh();
    cpu.stop(start);
  }

  @Benchmark
  public TargetFile noChangeRefreshAndLookup(Repository r, WarmClient client, CpuTime cpu)
      throws TufException {
    long start = CpuTime.start();
    client.updater.refresh();
    TargetFile found = r.lookup(client.updater);
    cpu.stop(start);
    return found;
  }

  /** Parse and SHA-256 the bytes of the cold case once each: no signatures, no checks, no I/O. */
  @Benchmark
  public void floorParseAndHash(Repository r, CpuTime cpu, Blackhole bh) throws MetadataFormatException {
    long start = CpuTime.start();
    bh.consume(Metadata.parseRoot(r.root));
    bh.consume(Metadata.parseTimestamp(r.timestamp));
    bh.consume(Metadata.parseSnapshot(r.snapshot));
    bh.consume(Metadata.parseTargets(r.targets, Targets.TYPE));
    bh.consume(Metadata.parseTargets(r.bin, r.lookupBin));
    for (byte[] file : new byte[][] {r.root, r.timestamp, r.snapshot, r.targets, r.bin}) {
      bh.consume(Digester.digest(HashAlgorithm.SHA256, file));
    }
    cpu.stop(start);
  }

  /** Deletes {@code folder} and everything in it, ignoring failures (for shutdown hooks). */
  static void deleteQuietly(Path folder) {
    try {
      deleteChildren(folder);
      Files.deleteIfExists(folder);
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the folder is temporary.
    }
  }

  static void deleteChildren(Path folder) throws IOException {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(folder))
          .forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
