package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/tuf4j}, the launcher script: the same output and exit status as {@code java -jar},
 * and an AppCDS archive made by the first run and used by the next. Runs on a copy of the jar
 * and script, so that the archive it makes is its own. The launcher is a POSIX shell script, so
 * this test needs {@code /bin/sh}, as every machine that runs the build here has.
 */
class LauncherIT {
  @TempDir Path tmp;

  private record Run(int exitCode, String stdout, String stderr) {}

  private Run run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("out.txt").toFile())
        .redirectError(tmp.resolve("err.txt").toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    assertTrue(p.waitFor(CliProcess.MAX_RUN.toSeconds(), TimeUnit.SECONDS), "launcher did not end");
    return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private Path copyOfLauncher() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bin"));
    Path jar = CliProcess.jar();
    Files.copy(jar, dir.resolve("tuf4j.jar"));
    Path script = Files.copy(jar.resolveSibling("tuf4j"), dir.resolve("tuf4j"));
    assertTrue(Files.isExecutable(script), "the build makes the launcher executable");
    return script;
  }

  @Test
  void theFirstClientRunMakesTheArchiveAndPrintsOnlyWhatTheJarPrints() throws Exception {
    Path launcher = copyOfLauncher();
    Path archive = launcher.resolveSibling("tuf4j.jsa");
    Run version = run(launcher, "--version");
    assertEquals(new Run(0, version.stdout(), ""), version);
    assertTrue(version.stdout().matches("tuf4j \\S+\\R"), version.stdout());
    assertFalse(Files.exists(archive), "only a client run makes the archive");

    Run first = run(launcher, "client", "--help");
    assertEquals(new Run(0, first.stdout(), ""), first);
    assertTrue(first.stdout().startsWith("Usage: tuf4j client "), first.stdout());
    assertTrue(Files.size(archive) > 0, "archive made");

    Run second = run(launcher, "client", "--help");
    assertEquals(first, second);
  }

  @Test
  void failuresKeepTheirExitStatusAndOneLine() throws Exception {
    Path launcher = copyOfLauncher();
    for (int i = 0; i < 2; i++) { // without, then with the archive
      Run r = run(launcher, "client", "--metadata-dir", tmp.resolve("md").toString(), "init",
          tmp.resolve("missing.json").toString());
      assertEquals(1, r.exitCode());
      assertEquals("", r.stdout());
      assertEquals(1, r.stderr().lines().count(), r.stderr());
      assertTrue(r.stderr().startsWith("error: "), r.stderr());
    }
  }
}
