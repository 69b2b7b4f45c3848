package dev.tuf4j.repository;

import dev.tuf4j.crypto.Hex;
import dev.tuf4j.metadata.TargetFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The PEP 458 scale measurements, run by hand (not a test; prints, asserts nothing):
 *
 * <pre>
 * java -Xmx2g -cp CLASSPATH dev.tuf4j.repository.RepositoryScaleMain DIR TARGETS [files|durable|memory] [RUNS]
 * </pre>
 *
 * With RUNS, only step 1 runs, RUNS times in fresh folders below DIR, and the median is printed.
 *
 * 1. create and sign 16,384 empty bins; 2. add TARGETS targets (streamed, PyPI-like paths, two
 * hashes each) into them and publish; 3. single-upload publishes; 4. batches of 1,000 uploads
 * per publish. Timing and peak heap go to stdout. Targets are generated from a fixed seed.
 */
public final class RepositoryScaleMain {
  private RepositoryScaleMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long targets = Long.parseLong(args[1]);
    String mode = args.length > 2 ? args[2] : "files";
    Files.createDirectories(dir);
    if (args.length > 3) {
      bootstrapRuns(dir, targets, mode, Integer.parseInt(args[3]));
      return;
    }
    RepositoryStorage storage = mode.equals("memory") ? new MemoryStorage()
        : FileSystemStorage.create(dir, mode.equals("durable"));
    RepoTesting.Fixture f = new RepoTesting.Fixture(dir,
        RepositoryConfig.builder().expectedTargets(targets).build(), storage);
    System.out.printf("bins=%d targets=%,d storage=%s threads=%d%n", f.config.binCount(), targets, mode,
        f.config.signingThreads());

    // 1. Create and sign 16,384 empty bins (plus root, targets, bins, snapshot, timestamp).
    resetPeaks();
    long t0 = System.nanoTime();
    long c0 = cpu();
    f.signOffline();
    PublishResult first = f.publish();
    long t1 = System.nanoTime();
    System.out.printf("create+sign+write %d empty bins: %.0f ms wall, %.0f ms CPU (%d signatures)%n",
        first.binsWritten(), ms(t1 - t0), ms(cpu() - c0), first.signatures());
    // Again, now that the JIT has seen the code: re-sign every bin.
    f.repo.bumpOnlineExpiries(Duration.ofDays(2));
    t0 = System.nanoTime();
    c0 = cpu();
    PublishResult again = f.repo.publisher().publishOnline();
    t1 = System.nanoTime();
    System.out.printf("re-sign+write %d empty bins (warm): %.0f ms wall, %.0f ms CPU%n", again.binsWritten(),
        ms(t1 - t0), ms(cpu() - c0));

    // 2. Bulk build.
    System.gc();
    resetPeaks();
    t0 = System.nanoTime();
    c0 = cpu();
    TargetsResult added = f.repo.addTargets(new Generated(targets, 458));
    long t2 = System.nanoTime();
    long c2 = cpu();
    long liveStaged = liveHeapMb();
    t2 = System.nanoTime();
    c2 = cpu();
    PublishResult built = f.repo.publisher().publishOnline();
    t1 = System.nanoTime();
    System.out.printf("bulk: add %,d targets %.1f s (CPU %.1f s), publish %d bins %.1f s (CPU %.1f s), total %.1f s,"
        + " pool peaks %d MB%n", added.added(), (t2 - t0) / 1e9, (c2 - c0) / 1e9, built.binsWritten(),
        (t1 - t2) / 1e9, (cpu() - c2) / 1e9, (t1 - t0) / 1e9, peakHeapMb());
    System.out.printf("live heap with every target staged (after a full GC): %d MB; after the publish: %d MB%n",
        liveStaged, liveHeapMb());
    long bytes = 0;
    long largest = 0;
    BinLayout layout = BinLayout.of(f.config);
    for (int i = 0; i < f.config.binCount(); i++) {
      String name = layout.name(i);
      int size = storage.readMetadata(FileNames.metadata(name, f.repo.publishedVersion(name), true)).orElseThrow().length;
      bytes += size;
      largest = Math.max(largest, size);
    }
    System.out.printf("bins: %,d bytes in all, largest %,d; snapshot %,d bytes%n", bytes, largest,
        storage.readMetadata(built.snapshotVersion() + ".snapshot.json").orElseThrow().length);

    // 3. Single uploads: one target each, one publish each.
    Generated uploads = new Generated(Long.MAX_VALUE, 480);
    double[] times = new double[200];
    long cpuWarm = 0;
    for (int i = 0; i < times.length; i++) {
      long a = System.nanoTime();
      long c = cpu();
      f.repo.addTargets(List.of(uploads.next()));
      f.repo.publisher().publishOnline();
      times[i] = ms(System.nanoTime() - a);
      if (i >= 50) {
        cpuWarm += cpu() - c;
      }
    }
    double[] warm = Arrays.copyOfRange(times, 50, times.length);
    Arrays.sort(warm);
    System.out.printf("single upload publish (after 50 warm-up): median %.1f ms, p90 %.1f ms, max %.1f ms;"
        + " mean CPU %.1f ms%n", warm[warm.length / 2], warm[warm.length * 9 / 10], warm[warm.length - 1],
        ms(cpuWarm) / warm.length);

    // 4. Batches of 1,000 uploads per publish.
    List<Double> rates = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      long a = System.nanoTime();
      long c = cpu();
      for (int i = 0; i < 1000; i++) {
        f.repo.addTargets(List.of(uploads.next()));
      }
      long added1 = System.nanoTime();
      PublishResult r = f.repo.publisher().publishOnline();
      double s = (System.nanoTime() - a) / 1e9;
      rates.add(1000 / s);
      System.out.printf("batch %d: 1,000 uploads into %d bins, %.2f s (adds %.2f s), CPU %.2f s, %.0f uploads/s%n",
          b, r.binsWritten(), s, (added1 - a) / 1e9, (cpu() - c) / 1e9, 1000 / s);
    }
    // 5. The same, with each batch of 1,000 uploads handed over in one call.
    for (int b = 0; b < 6; b++) {
      List<TargetFile> batch = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(uploads.next());
      }
      long a = System.nanoTime();
      long c = cpu();
      f.repo.addTargets(batch);
      long added1 = System.nanoTime();
      PublishResult r = f.repo.publisher().publishOnline();
      double s = (System.nanoTime() - a) / 1e9;
      System.out.printf("batch call %d: 1,000 uploads into %d bins, %.2f s (adds %.2f s), CPU %.2f s, %.0f uploads/s%n",
          b, r.binsWritten(), s, (added1 - a) / 1e9, (cpu() - c) / 1e9, 1000 / s);
    }
    System.out.printf("peak heap overall: %d MB%n", peakHeapMb());
  }

  /** Step 1 only (create, sign and publish every bin), {@code runs} times, each in a new folder. */
  private static void bootstrapRuns(Path dir, long targets, String mode, int runs) throws Exception {
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      Path d = dir.resolve("run-" + i + "-" + System.nanoTime());
      Files.createDirectories(d);
      RepositoryStorage storage = mode.equals("memory") ? new MemoryStorage()
          : FileSystemStorage.create(d, mode.equals("durable"));
      long t0 = System.nanoTime();
      long c0 = cpu();
      RepoTesting.Fixture f = new RepoTesting.Fixture(d,
          RepositoryConfig.builder().expectedTargets(targets).build(), storage);
      f.signOffline();
      PublishResult r = f.publish();
      wall[i] = ms(System.nanoTime() - t0);
      cpu[i] = ms(cpu() - c0);
      System.out.printf("bootstrap %d: %d bins, %.0f ms wall, %.0f ms CPU, load %s%n", i, r.binsWritten(), wall[i],
          cpu[i], Files.readString(Path.of("/proc/loadavg")).trim());
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("bootstrap median of %d (%s): %.0f ms wall, %.0f ms CPU%n", runs, mode, wall[runs / 2],
        cpu[runs / 2]);
  }

  /** CPU time of the whole process (all threads, GC and JIT included), in nanoseconds. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Heap in use right after a full collection: the live data. */
  private static long liveHeapMb() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) >> 20;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  /** PyPI-like targets from a fixed seed: packages/ab/cd/<60 hex>/<project>-<version>.tar.gz. */
  static final class Generated implements Iterator<TargetFile> {
    private final long count;
    private final SplittableRandom random;
    private long made;

    Generated(long count, long seed) {
      this.count = count;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean hasNext() {
      return made < count;
    }

    @Override
    public TargetFile next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      made++;
      byte[] blake = new byte[32];
      byte[] sha = new byte[32];
      for (int i = 0; i < 32; i++) {
        blake[i] = (byte) random.nextInt(256);
        sha[i] = (byte) random.nextInt(256);
      }
      String b = Hex.encode(blake);
      String project = "project_" + Long.toString(random.nextLong(400_000), 36);
      String path = "packages/" + b.substring(0, 2) + "/" + b.substring(2, 4) + "/" + b.substring(4) + "/" + project
          + "-" + random.nextInt(50) + "." + random.nextInt(20) + "." + made + ".tar.gz";
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put("blake2b-256", b);
      hashes.put("sha256", Hex.encode(sha));
      return new TargetFile(path, 1000 + random.nextInt(10_000_000), hashes);
    }
  }
}
