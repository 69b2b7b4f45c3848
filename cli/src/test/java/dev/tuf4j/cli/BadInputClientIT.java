package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to {@code tuf4j client} as a separate process: a missing, empty, truncated or garbage
 * root for {@code init}; a damaged metadata folder; unknown options and absurd values; a folder
 * that cannot be written. Each must exit 1 with exactly one line on stderr, without a stack trace,
 * naming the file or option, and leave every folder exactly as it was.
 *
 * <p>A wrong passphrase and a key written into a folder that cannot be written are {@link KeyIT}'s
 * (each costs a 600,000-round key derivation, so they are not repeated here).
 */
class BadInputClientIT {
  private static final byte[] WHEEL = "wheel content".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path shared;
  private static ServedRepository served;
  /** A metadata folder after one good refresh; each test works on a copy. */
  private static Path goodMetadata;

  @TempDir Path tmp;
  private final CliProcess cli = new CliProcess();

  @BeforeAll
  static void firstRefresh() {
    served = ServedRepository.http();
    served.repo.addTarget("targets", "pkgs/a.whl", WHEEL);
    served.repo.updateTargets("targets");
    served.publish();
    goodMetadata = shared.resolve("md");
    CliProcess cli = new CliProcess();
    cli.run("client", "--metadata-dir", goodMetadata.toString(), "init",
        served.writeInitialRoot(shared.resolve("root.json")).toString()).assertSuccess();
    cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", goodMetadata.toString(),
        "refresh").assertSuccess();
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  // ---- client init ----

  @ParameterizedTest(name = "init with a root file that is {0}")
  @ValueSource(strings = {"missing", "empty", "truncated", "garbage", "a folder", "the wrong role"})
  void initWithABadRootFailsCleanlyAndCreatesNothing(String kind) throws Exception {
    Path root = tmp.resolve("root-" + kind.replace(' ', '-') + ".json");
    byte[] good = served.initialRoot();
    switch (kind) {
      case "missing" -> { }
      case "empty" -> Files.write(root, new byte[0]);
      case "truncated" -> Files.write(root, Arrays.copyOf(good, good.length / 2));
      case "garbage" -> Files.write(root, "\u0000\u00ffgarbage".getBytes(StandardCharsets.ISO_8859_1));
      case "a folder" -> Files.createDirectories(root);
      default -> Files.write(root, served.repo.metadataBytes("timestamp"));
    }
    Path md = tmp.resolve("md");
    Map<String, String> before = tree(tmp);

    CliProcess.Result r = cli.run("client", "--metadata-dir", md.toString(), "init", root.toString());

    assertFailsNaming(r, root.toString());
    assertEquals(before, tree(tmp), "nothing written");
    assertFalse(Files.exists(md));
  }

  // ---- client refresh with a damaged metadata folder ----

  @Test
  void refreshWithATruncatedTrustedRootFailsNamingItAndKeepsIt() throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    byte[] root = Files.readAllBytes(md.resolve("root.json"));
    Files.write(md.resolve("root.json"), Arrays.copyOf(root, root.length - 10));
    Map<String, String> before = tree(md);

    CliProcess.Result r = refresh(md);

    assertFailsNaming(r, md.resolve("root.json").toString());
    assertEquals(before, tree(md), "the metadata folder, damaged root included, stays as it was");
  }

  /**
   * A damaged cached timestamp is no baseline (the updater cannot read it), as in python-tuf: the
   * refresh downloads and verifies the repository's timestamp, which then replaces the garbage.
   * Success here is the decided behaviour, not a failure: only the trusted root anchors trust, and
   * anyone who could write garbage into the folder could as well delete the file.
   */
  @Test
  void refreshWithAGarbageTimestampReplacesItWithAVerifiedOne() throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    Files.write(md.resolve("timestamp.json"), "<html>garbage</html>".getBytes(StandardCharsets.US_ASCII));

    refresh(md).assertSuccess();

    assertArrayEquals(served.repo.metadataBytes("timestamp"), Files.readAllBytes(md.resolve("timestamp.json")));
  }

  // ---- unknown options, absurd values ----

  @Test
  void anUnknownOptionFailsNamingIt() throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    Map<String, String> before = tree(tmp);
    assertFailsNaming(cli.run("client", "--metadata-dir", md.toString(), "--frobnicate", "refresh"), "--frobnicate");
    assertEquals(before, tree(tmp));
  }

  @ParameterizedTest(name = "--metadata-url {0}")
  @ValueSource(strings = {"not-a-url", "ftp://127.0.0.1/metadata/", "", "http://"})
  void aMetadataUrlThatIsNoHttpUrlFailsNamingTheOption(String url) throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    Map<String, String> before = tree(tmp);
    assertFailsNaming(cli.run("client", "--metadata-url", url, "--metadata-dir", md.toString(), "refresh"),
        "--metadata-url");
    assertEquals(before, tree(tmp));
  }

  @Test
  void aMetadataDirThatIsAFileFailsNamingIt() throws Exception {
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Map<String, String> before = tree(tmp);
    assertFailsNaming(refresh(file), file.toString());
    assertEquals(before, tree(tmp));
  }

  @Test
  void anEmptyTargetNameFailsNamingTheOptionAndDownloadsNothing() throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    Path td = tmp.resolve("td");
    Map<String, String> before = tree(tmp);
    CliProcess.Result r = cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(),
        "--target-dir", td.toString(), "--target-base-url", served.targetsUrl(), "--target-name", "", "download");
    assertFailsNaming(r, "--target-name");
    assertEquals(before, tree(tmp));
  }

  /**
   * A target folder that cannot be created (its parent is a regular file: tests may run as root,
   * where a 0500 folder is still writable). The metadata verified before is kept, as the contract
   * says; the target folder's place and the staging area hold nothing new.
   */
  @Test
  void anUnwritableTargetFolderFailsNamingItAndWritesNoTarget() throws Exception {
    Path md = copy(goodMetadata, tmp.resolve("md"));
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Path td = file.resolve("td");
    Map<String, String> before = tree(md);
    CliProcess.Result r = cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(),
        "--target-dir", td.toString(), "--target-base-url", served.targetsUrl(), "--target-name", "pkgs/a.whl",
        "download");
    assertFailsNaming(r, file.toString());
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
    assertEquals(before, tree(md), "nothing new in the metadata folder (the repository did not change)");
  }

  // ---- key files ----

  @ParameterizedTest(name = "key show of a file that is {0}")
  @ValueSource(strings = {"missing", "empty", "garbage", "a truncated key"})
  void keyShowOfABadFileFailsNamingIt(String kind) throws Exception {
    Path file = tmp.resolve("key-" + kind.replace(' ', '-'));
    switch (kind) {
      case "missing" -> { }
      case "empty" -> Files.write(file, new byte[0]);
      case "garbage" -> Files.write(file, "\u0000\u00ffgarbage".getBytes(StandardCharsets.ISO_8859_1));
      default -> Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF");
    }
    Map<String, String> before = tree(tmp);
    CliProcess.Result r = cli.env("PW", "pw").run("key", "show", file.toString(), "--passphrase-env", "PW");
    assertFailsNaming(r, file.toString());
    assertEquals("", r.stdout());
    assertEquals(before, tree(tmp));
  }

  @Test
  void initIntoAnUnwritableMetadataFolderFailsNamingItAndWritesNothing() throws Exception {
    Path file = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Path root = served.writeInitialRoot(tmp.resolve("root.json"));
    Map<String, String> before = tree(tmp);
    CliProcess.Result r = cli.run("client", "--metadata-dir", file.resolve("md").toString(), "init", root.toString());
    assertFailsNaming(r, file.toString());
    assertEquals(before, tree(tmp));
  }

  @Test
  void aMissingPassphraseVariableFailsNamingIt() throws Exception {
    Map<String, String> before = tree(tmp);
    CliProcess.Result r = cli.run("key", "generate", "--out", tmp.resolve("key").toString(),
        "--passphrase-env", "TUF4J_SURELY_UNSET_VARIABLE");
    assertFailsNaming(r, "TUF4J_SURELY_UNSET_VARIABLE");
    assertEquals(before, tree(tmp));
  }

  // ---- helpers ----

  private CliProcess.Result refresh(Path md) {
    return cli.run("client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString(), "refresh");
  }

  /** Exit 1, one line on stderr, no stack trace, and the line names {@code what}. */
  private static void assertFailsNaming(CliProcess.Result r, String what) {
    System.out.println("STDERR " + r.args() + " -> " + r.stderr().strip());
    r.assertFailure();
    assertTrue(r.stderr().contains(what), () -> "expected the error to name " + what + ", got: " + r.stderr());
  }

  /** Relative path of every file and folder below {@code dir} to its content (folders: "/"). */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = dir.relativize(p).toString();
        out.put(name, Files.isDirectory(p) ? "/" : ClientFolders.text(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return to;
  }
}
