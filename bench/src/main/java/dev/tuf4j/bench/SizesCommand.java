package dev.tuf4j.bench;

import dev.tuf4j.crypto.SigningKey;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code sizes}: prints the sizes of the generated benchmark data (with the benchmarks' default
 * parameters, or {@code --bits N --targets N} for the repository), so that MB/s figures can be
 * checked and the data sets compared with real ones.
 */
final class SizesCommand implements Main.Command {
  @Override
  public String name() {
    return "sizes";
  }

  @Override
  public String summary() {
    return "print the sizes of the generated data [--bits 14] [--targets 100000]";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    int bits = 14;
    int targets = 100_000;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--bits") || a.equals("--targets")) && i + 1 < args.size()) {
        int value;
        try {
          value = Integer.parseInt(args.get(++i));
        } catch (NumberFormatException e) {
          err.println("not a number: " + args.get(i));
          return 2;
        }
        if (a.equals("--bits")) {
          bits = value;
        } else {
          targets = value;
        }
      } else {
        err.println("unknown argument: " + a);
        return 2;
      }
    }
    List<SigningKey> key = BenchData.ed25519Keys(1, Seeds.KEYS);
    print(out, "bin, 120 targets (ParseBenchmark)",
        BenchData.signedBy(BenchData.targets(BenchData.pypiTargets(120, Seeds.BIN), 1234), key).toBytes().length);
    print(out, "snapshot, 2^14 bins (ParseBenchmark)", Pep458Repository.snapshotOnly(14, Seeds.SNAPSHOT).length);
    print(out, "targets, 16,000 targets (ParseBenchmark)",
        BenchData.signedBy(BenchData.targets(BenchData.pypiTargets(16_000, Seeds.LARGE_TARGETS), 1), key)
            .toBytes().length);
    List<SigningKey> twenty = BenchData.ed25519Keys(20, Seeds.VERIFY);
    print(out, "targets, 5,000 targets, 20 signatures (VerifyBenchmark)",
        BenchData.signedBy(BenchData.targets(BenchData.pypiTargets(5_000, Seeds.VERIFY), 1), twenty)
            .toBytes().length);
    long start = System.nanoTime();
    Pep458Repository repo = Pep458Repository.build(bits, targets, Seeds.REPOSITORY);
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    long total = repo.files().values().stream().mapToLong(b -> b.length).sum();
    String lookup = repo.targetPaths().get(repo.targetPaths().size() / 2);
    out.printf("repository: 2^%d bins, %,d targets, %,d files, %,d bytes in all, built in %,d ms%n",
        bits, targets, repo.files().size(), total, buildMillis);
    print(out, "  root", repo.trustedRoot().length);
    print(out, "  timestamp", repo.timestamp().length);
    print(out, "  snapshot", repo.snapshot().length);
    print(out, "  targets", repo.targets().length);
    print(out, "  bin of the looked-up target (" + repo.binFor(lookup) + ")", repo.binBytesFor(lookup).length);
    return 0;
  }

  private static void print(PrintStream out, String what, long bytes) {
    out.printf("%-50s %,12d bytes%n", what, bytes);
  }
}
