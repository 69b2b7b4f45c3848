package dev.tuf4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The options of {@code pep458}; see {@link #USAGE}. */
final class Pep458Options {
  static final String USAGE = String.join("\n",
      "usage: java -jar tuf4j-bench.jar pep458 [options]",
      "  --targets N         targets in the repository (default 100000)",
      "  --bins N            succinct bins, a power of 2 (default 16384)",
      "  --runs N            measured runs per measurement, median and spread (default 5)",
      "  --warmup N          unmeasured runs first, in-process clients (default 10)",
      "  --out FILE          write the results as JSON",
      "  --work DIR          folder for repositories and clients (default: a new temp folder)",
      "  --keep-work         do not delete --work's contents afterwards",
      "  --cli-jar FILE      tuf4j's CLI (default cli/target/tuf4j.jar under the repository root)",
      "  --node-dir DIR      where tuf-js is installed with npm ci (default bench/target/node)",
      "  --tufjs-bins LIST   bin counts tuf-js is also timed at, cold (default 256,4096)",
      "  --tufjs-limit S     time limit of one tuf-js run, seconds (default 180)",
      "  --tufjs-runs N      runs per tuf-js measurement (default --runs)",
      "  --tufjs-profile DIR one more cold tuf-js process under node --cpu-prof, profile in DIR",
      "  --flat-targets N    targets of the top-level-only variant for sigstore-java (default 10000)",
      "  --batch N           targets per batched upload (default 1000)",
      "  --bootstrap-bins N  bins of the bootstrap measurement (default 16384)",
      "  --not-durable       publish without fsync (default: durable, as a real repository)",
      "  --skip LIST         leave out some of: tufjs, sigstore, cli, sweep, repository");

  int targets = 100_000;
  int bins = 16_384;
  int runs = 5;
  int warmup = 10;
  Path out;
  Path work;
  boolean keepWork;
  Path cliJar;
  Path nodeDir;
  List<Integer> tufJsBins = new ArrayList<>(List.of(256, 4096));
  int tufJsLimitSeconds = 180;
  int tufJsRuns = -1;
  Path tufJsProfile;
  int flatTargets = 10_000;
  int batch = 1000;
  int bootstrapBins = 16_384;
  boolean durable = true;
  Set<String> skip = new HashSet<>();

  /** @throws IllegalArgumentException with a message for the user */
  static Pep458Options parse(List<String> args) {
    Pep458Options o = new Pep458Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--keep-work" -> o.keepWork = true;
        case "--not-durable" -> o.durable = false;
        default -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("unknown argument or missing value: " + a);
          }
          String v = args.get(++i);
          switch (a) {
            case "--targets" -> o.targets = positive(a, v);
            case "--bins" -> o.bins = powerOfTwo(a, v);
            case "--runs" -> o.runs = positive(a, v);
            case "--warmup" -> o.warmup = nonNegative(a, v);
            case "--out" -> o.out = Path.of(v);
            case "--work" -> o.work = Path.of(v);
            case "--cli-jar" -> o.cliJar = Path.of(v);
            case "--node-dir" -> o.nodeDir = Path.of(v);
            case "--tufjs-bins" -> {
              o.tufJsBins.clear();
              for (String s : v.split(",")) {
                if (!s.isBlank()) {
                  o.tufJsBins.add(powerOfTwo(a, s.strip()));
                }
              }
            }
            case "--tufjs-limit" -> o.tufJsLimitSeconds = positive(a, v);
            case "--tufjs-runs" -> o.tufJsRuns = positive(a, v);
            case "--tufjs-profile" -> o.tufJsProfile = Path.of(v);
            case "--flat-targets" -> o.flatTargets = positive(a, v);
            case "--batch" -> o.batch = positive(a, v);
            case "--bootstrap-bins" -> o.bootstrapBins = powerOfTwo(a, v);
            case "--skip" -> {
              for (String s : v.split(",")) {
                if (!Set.of("tufjs", "sigstore", "cli", "sweep", "repository").contains(s.strip())) {
                  throw new IllegalArgumentException("--skip: unknown part " + s);
                }
                o.skip.add(s.strip());
              }
            }
            default -> throw new IllegalArgumentException("unknown argument: " + a);
          }
        }
      }
    }
    if (o.tufJsRuns < 0) {
      o.tufJsRuns = o.runs;
    }
    Path root = repositoryRoot();
    if (o.cliJar == null) {
      o.cliJar = root.resolve("cli/target/tuf4j.jar");
    }
    if (o.nodeDir == null) {
      o.nodeDir = root.resolve("bench/target/node");
    }
    return o;
  }

  boolean runs(String part) {
    return !skip.contains(part);
  }

  /** The tuf4j source tree this runs in (the working folder or its parent), else the working folder. */
  static Path repositoryRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("bench")) && Files.isDirectory(p.resolve("cli"))) {
        return p;
      }
    }
    return cwd;
  }

  private static int positive(String name, String v) {
    int n = number(name, v);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + v);
    }
    return n;
  }

  private static int nonNegative(String name, String v) {
    int n = number(name, v);
    if (n < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + v);
    }
    return n;
  }

  private static int powerOfTwo(String name, String v) {
    int n = positive(name, v);
    if (Integer.bitCount(n) != 1 || n < 2) {
      throw new IllegalArgumentException(name + " must be a power of 2, at least 2: " + v);
    }
    return n;
  }

  private static int number(String name, String v) {
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number: " + v);
    }
  }
}
