package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run of {@code pep458} that CI makes: a tiny repository, one run of everything, tuf-js
 * and sigstore-java included, the CLI row left out (its jar is another module's). Never checks a
 * timing, only that every measurement was made.
 */
class Pep458CommandTest {
  /** Every row of the report; CLI rows are skipped here, so only they may lack values. */
  private static final List<String> ROWS = List.of(
      "build.time", "build.bytes", "build.heap", "size.root", "size.timestamp", "size.snapshot", "size.targets",
      "size.bins", "size.bin_median", "size.bin_largest", "client.floor", "client.floor_hot", "client.cold_vs_floor",
      "client.cold_vs_floor_cpu", "client.cold_vs_floor_client_cpu", "client.io_floor", "client.cold_vs_both_floors",
      "client.io_floor_cpu", "client.sig_floor_cpu", "client.floors_bound", "client.cold_vs_all_floors_cpu", "client.own_cold",
      "client.own_cold_client_cpu", "client.cold", "client.cold_bytes", "client.warm", "client.warm_goal",
      "client.warm_cpu", "client.warm_client_cpu", "client.bare_cold", "client.bare_cold_client_cpu",
      "client.memory_cold", "client.memory_cold_client_cpu", "client.bare_warm", "client.bare_warm_client_cpu", "client.warm_new", "client.warm_bytes", "client.upload", "client.upload_bytes",
      "process.cold", "process.cold_python", "process.cold_launcher", "process.cold_cpu",
      "process.cold_launcher_cpu", "process.warm", "process.warm_launcher", "process.warm_cpu",
      "process.cold_bytes", "sweep.cold_32",
      "sigstore.cold", "sigstore.warm", "sigstore.cold_bytes", "repo.bootstrap", "repo.upload", "repo.batch");
  private static final Pattern ROW = Pattern.compile("\\{\"id\": \"([^\"]+)\".*\"tuf4j\": (null|\\{[^}]*\\})"
      + ".*\"peer\": (null|\"[^\"]*\").*\"peerValue\": (null|\\{[^}]*\\}).*\"note\": \"(.*)\"\\}");

  @TempDir Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void smokeRunMeasuresEveryRowAgainstEveryPeer() throws Exception {
    Path json = temp.resolve("pep458.json");
    int status = run("pep458", "--targets", "2000", "--bins", "16", "--runs", "1", "--warmup", "0",
        "--tufjs-bins", "32", "--bootstrap-bins", "16", "--flat-targets", "200", "--batch", "10",
        "--skip", "cli", "--node-dir", Path.of("target", "pep458-node").toString(),
        "--work", temp.resolve("work").toString(), "--out", json.toString());
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    String text = Files.readString(json);
    try (JsonParser p = new JsonFactory().createParser(text)) {
      while (p.nextToken() != null) {
        // well-formed JSON, or the parser throws
      }
    }
    Map<String, Matcher> rows = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.put(m.group(1), m);
      }
    }
    assertEquals(ROWS, List.copyOf(rows.keySet()), "rows of " + text);
    for (Map.Entry<String, Matcher> e : rows.entrySet()) {
      Matcher m = e.getValue();
      if (e.getKey().startsWith("process.")) {
        assertTrue(m.group(5).contains("skipped (--skip cli)"), e.getKey() + ": " + m.group(0));
        continue;
      }
      assertTrue(m.group(2).startsWith("{"), e.getKey() + " has no tuf4j value: " + m.group(0));
      if (!m.group(3).equals("null")) {
        assertTrue(m.group(4).startsWith("{"), e.getKey() + " has no peer value: " + m.group(0));
      }
    }
    String table = out.toString(StandardCharsets.UTF_8);
    assertTrue(table.contains("| measurement | tuf4j | peer | peer value | ratio tuf4j/peer | note |"), table);
  }

  @Test
  void aMissingCliJarLeavesTheProcessRowsWithANotBuiltNote() throws Exception {
    Path json = temp.resolve("no-cli.json");
    Path missing = temp.resolve("missing/tuf4j.jar");
    int status = run("pep458", "--targets", "200", "--bins", "2", "--runs", "1", "--warmup", "0",
        "--skip", "tufjs,sigstore,sweep,repository", "--cli-jar", missing.toString(),
        "--work", temp.resolve("work").toString(), "--out", json.toString());
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    String coldRow = Files.readString(json).lines().filter(l -> l.contains("\"id\": \"process.cold\""))
        .findFirst().orElseThrow();
    assertTrue(coldRow.contains("\"tuf4j\": null"), coldRow);
    assertTrue(coldRow.contains("not built: " + missing.toString().replace("\\", "\\\\") + " is missing"), coldRow);
  }

  @Test
  void aBinCountThatIsNoPowerOfTwoIsRefused() throws Exception {
    assertEquals(2, run("pep458", "--bins", "3000"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bins must be a power of 2"));
  }

  @Test
  void anUnknownPartToSkipIsRefused() throws Exception {
    assertEquals(2, run("pep458", "--skip", "python"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--skip: unknown part python"));
  }

  @Test
  void theCliJarDefaultsToTheRepositoryRootsCliTarget() {
    Pep458Options o = Pep458Options.parse(List.of());
    assertNotNull(o.cliJar);
    assertTrue(o.cliJar.endsWith(Path.of("cli", "target", "tuf4j.jar")), o.cliJar.toString());
  }
}
