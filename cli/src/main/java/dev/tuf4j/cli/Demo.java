package dev.tuf4j.cli;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.BootstrapException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.TargetNotFoundException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.RootBootstrap;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.repository.PublishResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code tuf4j demo}: the whole of TUF in one run, in a temporary folder. A PEP 458 repository
 * with succinct hash bins is created and served over HTTPS on 127.0.0.1 under a fresh CA; a
 * client bootstraps its first root over HTTPS under a SHA-256 pin, refreshes, downloads and
 * verifies a target; then the server is attacked three ways (a tampered target, a rolled-back
 * timestamp, an expired snapshot) and the client must refuse each with the right error; last,
 * the root key is rotated and the client must follow. Each step states what it expects; the
 * run succeeds only if every expectation held.
 *
 * <p>Each client step uses a new {@link Updater} over the same metadata folder, as separate runs
 * of an installer would.
 */
final class Demo {
  /** Breaks one step on purpose, for the test that shows a broken expectation fails the run. */
  enum Sabotage {
    NONE,
    /** The "tampered" target is left as it was. */
    LEAVE_TARGET_INTACT,
    /** The "rolled-back" timestamp is the current one. */
    SERVE_CURRENT_TIMESTAMP,
    /** The "expired" snapshot is signed now, so it is fresh. */
    SIGN_FRESH_SNAPSHOT,
    /** No new root is published. */
    SKIP_ROOT_ROTATION
  }

  /** How big a repository to build, and whether to keep and fsync it. */
  record Settings(int bins, int targets, boolean durable, boolean keep) {}

  /** A step body; returns what it got. */
  private interface Step {
    String run() throws Exception;
  }

  /** What an attacker (and the client facing it) does; it must end in a refusal. */
  private interface Attack {
    void run() throws Exception;
  }

  /** An expectation that did not hold; its message is what the step got. */
  private static final class Unexpected extends Exception {
    Unexpected(String got) {
      super(got, null, false, false);
    }
  }

  /** A required step failed; the steps after it cannot run. */
  private static final class Abort extends Exception {
    Abort() {
      super(null, null, false, false);
    }
  }

  private final CliContext context;
  private final Settings settings;
  private final Sabotage sabotage;
  private final DemoReport report;

  private @Nullable DemoRepository repository;
  private @Nullable ServeServer server;
  private @Nullable HttpFetcher http;
  private byte[] bootstrappedRoot = new byte[0];
  private boolean rootAnchored;
  private Path clientMetadata;
  private Path clientTargets;
  private long bytesBefore;

  Demo(CliContext context, Settings settings, Sabotage sabotage) {
    this.context = context;
    this.settings = settings;
    this.sabotage = sabotage;
    this.report = new DemoReport(context.out());
  }

  /** Runs every step and prints the report; 0 if every expectation held, else 1. */
  int run() throws IOException {
    long start = System.nanoTime();
    Path work = Files.createTempDirectory("tuf4j-demo-");
    clientMetadata = work.resolve("client").resolve("metadata");
    clientTargets = work.resolve("client").resolve("targets");
    report.header(String.format(Locale.ROOT,
        "tuf4j demo: PEP 458 repository (%,d succinct bins, %,d targets) over HTTPS on 127.0.0.1, a client, three attacks",
        settings.bins(), settings.targets()));
    report.header("folder: " + work + (settings.keep() ? " (kept)" : " (removed at the end; --keep keeps it)"));
    report.columns();
    try {
      steps(work);
    } catch (Abort e) {
      report.header("demo: stopped after a step that the rest depends on failed");
    } finally {
      close();
    }
    String elapsed = DemoReport.seconds(System.nanoTime() - start);
    if (!settings.keep()) {
      // Tens of thousands of small files: on a busy disk their removal takes long enough to say so.
      long removal = System.nanoTime();
      deleteTree(work);
      elapsed += " (and " + DemoReport.seconds(System.nanoTime() - removal) + " to remove the folder)";
    }
    List<DemoReport.Line> failures = report.failures();
    if (failures.isEmpty()) {
      report.header("demo: all " + report.lines().size() + " expectations held in " + elapsed);
      return Cli.OK;
    }
    context.err().println("error: " + failures.size() + " of " + report.lines().size()
        + " expectations did not hold (" + failures.get(0).what() + ": got " + OneLine.of(failures.get(0).got())
        + "), in " + elapsed);
    return Cli.FAILURE;
  }

  private void steps(Path work) throws Abort {
    SecureRandom random = new SecureRandom();
    DemoRepository.Keys[] keys = new DemoRepository.Keys[1];
    ServeTls.FreshCa[] ca = new ServeTls.FreshCa[1];
    step("make keys", "4 Ed25519 keys and a TLS CA", true, () -> {
      keys[0] = DemoRepository.Keys.generate(random);
      ca[0] = ServeTls.freshCa(random);
      return "root " + shortId(keys[0].root().publicKey()) + ", online " + shortId(keys[0].online().publicKey())
          + ", CA " + ServeTls.sha256(ca[0].certificate()).substring(0, 8);
    });

    step("create PEP 458 repository", String.format(Locale.ROOT, "v1: %,d bins, %,d targets",
        settings.bins(), settings.targets()), true, () -> {
      repository = DemoRepository.create(work, keys[0], settings.bins(), settings.targets(), settings.durable(),
          random);
      long bins = repository.firstPublish().binsWritten();
      String got = String.format(Locale.ROOT, "v%d: %,d bins, %,d targets", repository.publishedVersion("timestamp"),
          bins, repository.targetPaths().size());
      if (bins != settings.bins() || repository.publishedVersion("timestamp") != 1) {
        throw new Unexpected(got);
      }
      return got;
    }, () -> treeSize(work.resolve("repository")));
    DemoRepository repo = repository;
    byte[] firstTimestamp = readMetadata("timestamp.json");

    step("serve it over HTTPS", "https://127.0.0.1 under the CA", true, () -> {
      ServeTls.ServerIdentity identity = ca[0].issue(List.of("127.0.0.1", "localhost"));
      server = ServeServer.start(repo.folder(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          identity.context());
      http = HttpFetcher.builder().sslContext(ServeTls.trusting(ca[0].certificate())).build();
      return server.baseUrl() + " cert " + ServeTls.sha256(identity.certificate()).substring(0, 8);
    });

    Path newestRoot = repo.folder().resolve("metadata").resolve("1.root.json");
    step("bootstrap root, wrong pin", "refused: Bootstrap", false, refusal(BootstrapException.class, null, () -> {
      String pin = sha256(Files.readAllBytes(newestRoot));
      String wrong = pin.substring(0, 63) + (pin.charAt(63) == '0' ? '1' : '0');
      bootstrap(newestRoot, wrong);
    }));

    step("bootstrap root, sha256 pin", "root v1 accepted", true, () -> {
      Path root = ServeCommand.newestRoot(repo.folder().resolve("metadata")).orElseThrow();
      RootBootstrap.Result r = bootstrap(root, sha256(Files.readAllBytes(root)));
      bootstrappedRoot = r.rootBytes();
      return "root v" + r.root().signed().version() + " accepted, sha256 " + r.sha256().substring(0, 8);
    });

    step("refresh", "timestamp v1, snapshot v1", true, () -> {
      Updater u = client();
      u.refresh();
      return versions(u);
    });

    String wanted = repo.targetPaths().get(repo.targetPaths().size() / 2);
    step("download and verify a target", "same bytes as uploaded", true, () -> {
      Updater u = client();
      TargetFile info = find(u, wanted);
      Path file = u.download(info);
      long mismatch = Files.mismatch(file, repo.upload(wanted));
      String got = String.format(Locale.ROOT, "%,d bytes, %s", Files.size(file),
          mismatch == -1 ? "identical" : "differ at byte " + mismatch);
      if (mismatch != -1) {
        throw new Unexpected(got);
      }
      return got;
    });

    String victim = repo.targetPaths().get(repo.targetPaths().size() / 3);
    step("attack: tampered target", "refused: LengthOrHashMismatch", false,
        refusal(LengthOrHashMismatchException.class, null, () -> {
          Updater u = client();
          TargetFile info = find(u, victim);
          List<Path> served = repo.servedFiles(info);
          byte[] original = Files.readAllBytes(served.get(0));
          try {
            if (sabotage != Sabotage.LEAVE_TARGET_INTACT) {
              byte[] evil = original.clone();
              evil[evil.length / 2] ^= 0x01; // one bit, same length: only the hash can tell
              for (Path p : served) {
                Files.write(p, evil);
              }
            }
            try {
              u.download(info);
            } catch (LengthOrHashMismatchException e) {
              if (u.findCachedTarget(info).isPresent()) {
                throw new Unexpected("refused, but the file was stored");
              }
              throw e;
            }
          } finally {
            for (Path p : served) {
              Files.write(p, original);
            }
          }
        }));

    String release = "packages/demo-release/demo_release-2.0-py3-none-any.whl";
    step("publish a release, refresh", "timestamp v2, finds the release", true, () -> {
      PublishResult p = repo.release(release, DemoRepository.content(settings.targets() + 1));
      Updater u = client();
      u.refresh();
      find(u, release);
      String got = versions(u) + ", release found";
      if (u.trustedMetadata("timestamp").orElseThrow().signed().version() != p.timestampVersion()) {
        throw new Unexpected(got);
      }
      return got;
    });

    step("attack: rolled-back timestamp", "refused: BadVersion", false,
        refusal(BadVersionException.class, "timestamp", () -> {
          byte[] current = readMetadata("timestamp.json");
          try {
            if (sabotage != Sabotage.SERVE_CURRENT_TIMESTAMP) {
              repo.overwriteMetadata("timestamp.json", firstTimestamp); // validly signed, but old
            }
            client().refresh();
          } finally {
            repo.overwriteMetadata("timestamp.json", current);
          }
        }));

    step("attack: expired snapshot", "refused: ExpiredMetadata", false,
        refusal(ExpiredMetadataException.class, "snapshot", () -> {
          String hotfix = "packages/demo-release/demo_release-2.0.1-py3-none-any.whl";
          try {
            // Signed as if two days ago: snapshot (1 day) expired yesterday, timestamp (7 days) is valid.
            repo.releaseAt(sabotage == Sabotage.SIGN_FRESH_SNAPSHOT ? Duration.ZERO : Duration.ofDays(-2),
                hotfix, DemoRepository.content(settings.targets() + 2));
            client().refresh();
          } finally {
            // The same target again, signed now: its bin, snapshot and timestamp are fresh again.
            repo.releaseAt(Duration.ZERO, hotfix, DemoRepository.content(settings.targets() + 3));
          }
        }));

    step("rotate the root key", "root v2, only the new root key", false, () -> {
      PublicKey newKey = sabotage == Sabotage.SKIP_ROOT_ROTATION ? null : repo.rotateRootKey();
      Updater u = client();
      u.refresh();
      Metadata<Root> root = u.trustedRoot().orElseThrow();
      List<String> keyids = root.signed().roles().get("root").keyids();
      String got = "root v" + root.signed().version() + ", root keys " + keyids.stream().map(k -> k.substring(0, 8)).toList();
      if (newKey == null || root.signed().version() != 2 || !keyids.equals(List.of(newKey.keyId()))) {
        throw new Unexpected(got);
      }
      return got;
    });
  }

  // ---- steps ----

  private void step(String what, String expected, boolean required, Step body) throws Abort {
    step(what, expected, required, body, null);
  }

  /** Runs a step and reports it; bytes are what the server sent during it, unless {@code size} says. */
  private void step(String what, String expected, boolean required, Step body,
      java.util.concurrent.@Nullable Callable<Long> size) throws Abort {
    long bytesAtStart = server == null ? 0 : server.bytesSent();
    long start = System.nanoTime();
    String got;
    boolean ok;
    try {
      got = body.run();
      ok = true;
    } catch (Unexpected e) {
      got = e.getMessage();
      ok = false;
    } catch (Exception e) {
      got = "error: " + Cli.describe(e);
      ok = false;
      if (context.verbose()) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        context.err().print(s);
      }
    }
    long nanos = System.nanoTime() - start;
    long bytes;
    try {
      bytes = size != null && ok ? size.call() : (server == null ? 0 : server.bytesSent() - bytesAtStart);
    } catch (Exception e) {
      bytes = 0;
    }
    report.add(new DemoReport.Line(what, expected, got, ok, nanos, bytes));
    if (!ok && required) {
      throw new Abort();
    }
  }

  /** An attack that must end in {@code type} (about {@code role}, if given) and nothing else. */
  private static Step refusal(Class<? extends RepositoryException> type, @Nullable String role, Attack attack) {
    return () -> {
      try {
        attack.run();
      } catch (RepositoryException e) {
        String got = "refused: " + e.getClass().getSimpleName().replace("Exception", "")
            + (role != null && e.role() != null ? " (" + e.role() + ")" : "");
        if (type.isInstance(e) && (role == null || role.equals(e.role()))) {
          return got;
        }
        throw new Unexpected(got + ": " + e.getMessage());
      }
      throw new Unexpected("accepted");
    };
  }

  // ---- the client ----

  private RootBootstrap.Result bootstrap(Path rootFile, String pin) throws Exception {
    URI url = server.baseUrl().resolve("metadata/" + rootFile.getFileName());
    return RootBootstrap.builder().url(url).sha256(pin).fetcher(http).build().fetch();
  }

  /** A new updater over the client's folders: the first one anchors the bootstrapped root. */
  private Updater client() {
    Updater.Builder b = Updater.builder()
        .metadataBaseUrl(server.baseUrl().resolve("metadata/"))
        .targetBaseUrl(server.baseUrl().resolve("targets/"))
        .metadataDir(clientMetadata)
        .targetDir(clientTargets)
        .fetcher(http);
    if (!rootAnchored) {
      b.trustedRoot(bootstrappedRoot);
      rootAnchored = true;
    }
    return b.build();
  }

  private static TargetFile find(Updater u, String path) throws Exception {
    return u.targetInfo(path).orElseThrow(() -> new TargetNotFoundException(path, "no trusted metadata lists it"));
  }

  private static String versions(Updater u) {
    return "timestamp v" + u.trustedMetadata("timestamp").orElseThrow().signed().version()
        + ", snapshot v" + u.trustedMetadata("snapshot").orElseThrow().signed().version();
  }

  // ---- helpers ----

  private byte[] readMetadata(String name) throws Abort {
    try {
      return repository.metadata(name);
    } catch (IOException e) {
      report.add(new DemoReport.Line("read " + name, "readable", "error: " + e.getMessage(), false, 0, 0));
      throw new Abort();
    }
  }

  private static String shortId(PublicKey key) {
    return key.keyId().substring(0, 8);
  }

  private static String sha256(byte[] bytes) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes));
  }

  private void close() {
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private static long treeSize(Path dir) throws IOException {
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        total[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // A temporary folder left behind is no failure of the demo.
    }
  }
}
