package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Argument parsing and exit codes, run in-process: no network, no jar. */
class CliArgumentsTest {
  @TempDir Path tmp;

  static Stream<List<String>> everyCommand() {
    List<List<String>> paths = new ArrayList<>();
    collect(Cli.commandLine(new CliContext(System.out, System.err, Map.of(), null, java.time.Clock.systemUTC())),
        new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      List<String> next = new ArrayList<>(path);
      next.add(name);
      collect(sub, next, out);
    });
  }

  @Test
  void theCommandTreeHasTheClientKeyServeAndDemoCommands() {
    // Only these trees: repo and project have their own test (RepoBadInputTest).
    List<String> names = everyCommand().map(p -> String.join(" ", p))
        .filter(n -> !n.startsWith("repo") && !n.startsWith("project")).toList();
    assertEquals(List.of("", "client", "client audit", "client download", "client info",
        "client init", "client list", "client refresh", "demo", "key", "key generate", "key show", "serve"),
        names.stream().sorted().toList());
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void everyCommandHasHelpThatExitsZero(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    InProcess.Result r = InProcess.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().startsWith("Usage: tuf4j" + (path.isEmpty() ? "" : " " + String.join(" ", path))), r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void versionExitsZero() {
    InProcess.Result r = InProcess.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().startsWith("tuf4j "), r.stdout());
  }

  static Stream<List<String>> usageErrors() {
    return Stream.of(
        List.of(),
        List.of("client"),
        List.of("key"),
        List.of("nonsense"),
        List.of("client", "--bogus", "refresh"),
        List.of("client", "--metadata-dir", "md", "init"),
        List.of("client", "--metadata-dir", "md", "init", "a", "b"),
        List.of("client", "--metadata-dir", "a", "--metadata-dir", "b", "init", "root.json"),
        List.of("client", "--metadata-url", "http://127.0.0.1:1/", "refresh"),
        List.of("client", "--metadata-dir", "md", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "ftp://example.org/", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "not a url", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/?x=1", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "download"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--target-name", "a",
            "--target-base-url", "http://h/t/", "download"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--target-name", "a",
            "--target-dir", "td", "download"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "audit"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "info"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--root-sha256",
            "00".repeat(32), "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--trust-on-first-use", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--bootstrap-url",
            "http://h/m/1.root.json", "--trust-on-first-use", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--bootstrap-url",
            "https://h/m/1.root.json", "--root-keyids", "aa,bb", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--bootstrap-url",
            "https://h/m/1.root.json", "--root-keyids", "aa,bb", "--root-threshold", "3", "refresh"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--bootstrap-url",
            "https://h/m/1.root.json", "--root-sha256", "xyz", "refresh"),
        List.of("client", "--metadata-dir", "md", "--bootstrap-url", "https://h/m/1.root.json",
            "--root-sha256", "00".repeat(32), "init", "root.json"),
        List.of("client", "--metadata-dir", "md", "--root-threshold", "two", "init", "root.json"),
        List.of("client", "--metadata-dir", "md", "--metadata-url", "http://h/m/", "--target-name", "root.json",
            "--target-dir", "md", "--target-base-url", "http://h/t/", "download"),
        List.of("client", "--metadata-dir", "x/md", "--metadata-url", "http://h/m/", "--target-name", "a",
            "--target-dir", "x", "--target-base-url", "http://h/t/", "download"),
        List.of("key", "generate"),
        List.of("key", "generate", "--type", "dsa", "--out", "k"),
        List.of("key", "show"),
        List.of("--verbose"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void aUsageErrorExitsOneWithOneLineNeverTwo(List<String> args) {
    InProcess.Result r = InProcess.run(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.stderr());
    assertEquals(1, r.stderrLines().size(), r.stderr());
    assertTrue(r.stderr().startsWith("error: "), r.stderr());
    assertTrue(r.stderr().contains("--help"), "points at the help: " + r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void aMissingOptionIsNamedInTheError() {
    InProcess.Result r = InProcess.run("client", "--metadata-dir", "md", "refresh");
    assertTrue(r.stderr().contains("refresh needs --metadata-url"), r.stderr());
  }

  @Test
  void optionsAfterTheClientOptionsMayComeInAnyOrder() throws Exception {
    Path root = tmp.resolve("root.json");
    Files.write(root, new dev.tuf4j.testing.RepositorySimulator().signedRoots.get(0));
    Path md = tmp.resolve("md");
    InProcess.Result r = InProcess.run("client", "--metadata-url", "http://127.0.0.1:1/m/",
        "--metadata-dir", md.toString(), "--target-dir", "td", "init", root.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(Files.isRegularFile(md.resolve("root.json")));
  }

  @Test
  void aTargetFolderHoldingTheMetadataFolderIsRefusedBeforeAnythingIsTouched() {
    Path md = tmp.resolve("md");
    InProcess.Result r = InProcess.run("client", "--metadata-dir", md.toString(), "--metadata-url",
        "http://127.0.0.1:1/m/", "--target-name", "root.json", "--target-dir", tmp.toString(),
        "--target-base-url", "http://127.0.0.1:1/t/", "download");
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("--target-dir must not be the metadata folder"), r.stderr());
    assertFalse(Files.exists(md));
  }

  @Test
  void aTargetFolderInsideTheMetadataFolderIsAllowed() {
    // Refused only later, by the network (port 1 refuses): the folders themselves were accepted.
    InProcess.Result r = InProcess.run("client", "--metadata-dir", tmp.toString(), "--metadata-url",
        "http://127.0.0.1:1/m/", "--target-name", "a", "--target-dir", tmp.resolve("targets").toString(),
        "--target-base-url", "http://127.0.0.1:1/t/", "download");
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("root.json"), r.stderr());
  }

  @Test
  void anOutputThatCannotBeWrittenIsAFailure() {
    java.io.PrintStream broken = new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("closed pipe");
      }
    });
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = Cli.run(new String[] {"--version"},
        new CliContext(broken, new java.io.PrintStream(err, true), Map.of(), null, java.time.Clock.systemUTC()));
    assertEquals(1, code);
    assertEquals("error: cannot write to standard output", err.toString().strip());
  }

  @Test
  void verboseAddsTheStackTraceToAFailure() {
    InProcess.Result quiet = InProcess.run("client", "--metadata-dir", tmp.resolve("md").toString(),
        "init", tmp.resolve("missing.json").toString());
    InProcess.Result verbose = InProcess.run("--verbose", "client", "--metadata-dir", tmp.resolve("md").toString(),
        "init", tmp.resolve("missing.json").toString());
    assertEquals(1, quiet.exitCode());
    assertEquals(1, verbose.exitCode());
    assertEquals(1, quiet.stderrLines().size(), quiet.stderr());
    assertEquals(quiet.stderrLines().get(0), verbose.stderrLines().get(0));
    assertTrue(verbose.stderr().contains("\tat dev.tuf4j.cli."), verbose.stderr());
  }

  @Test
  void verboseIsAcceptedAfterASubcommandToo() {
    InProcess.Result r = InProcess.run("client", "--verbose", "--metadata-dir", tmp.resolve("md").toString(),
        "init", tmp.resolve("missing.json").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("\tat "), r.stderr());
  }

  /** Words from which random command lines are made; none of them reaches the network or disk. */
  @Provide
  Arbitrary<List<String>> commandLines() {
    return Arbitraries.of(
            "client", "key", "init", "refresh", "download", "info", "list", "audit", "generate", "show",
            "--metadata-dir", "--metadata-url", "--target-name", "--target-dir", "--target-base-url",
            "--bootstrap-url", "--root-sha256", "--root-keyids", "--root-threshold", "--ca-file",
            "--trust-on-first-use", "--known-hashes", "--type", "--out", "--passphrase-env",
            "--passphrase-file", "--verbose", "-x", "--", "@args", "ftp://x/", "no url", "https://",
            "3", "-1", "rsa", "", "missing-file", "a,b", "--help", "-V")
        .list().ofMaxSize(8);
  }

  @Property(tries = 300)
  void anyCommandLineExitsZeroOrOneAndFailsWithOneLine(@ForAll("commandLines") List<String> args) {
    InProcess.Result r = InProcess.run(args.toArray(String[]::new));
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, () -> args + " exited " + r.exitCode());
    if (r.exitCode() == 1) {
      if (!args.contains("--verbose")) {
        assertEquals(1, r.stderrLines().size(), () -> args + ": " + r.stderr());
      }
      assertTrue(r.stderr().startsWith("error: "), () -> args + ": " + r.stderr());
    } else {
      assertFalse(r.stdout().isEmpty(), () -> args + " succeeded silently: only --help and --version can");
    }
  }
}
