package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.TargetFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client info}, {@code list} and {@code audit} as a separate process. */
class ClientInspectIT {
  private static final byte[] TOP = "top-level".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WHEEL = "a wheel".getBytes(StandardCharsets.UTF_8);
  private static final String PROJECT = "project/x";

  @TempDir Path tmp;
  private Path md;
  private ServedRepository served;
  private final CliProcess cli = new CliProcess();

  @BeforeEach
  void start() {
    md = tmp.resolve("md");
    served = ServedRepository.http();
    TargetFile top = served.repo.addTarget("targets", "top.txt", TOP);
    served.repo.targets.put("targets", served.repo.targets.get("targets")
        .withTarget(top.withCustom(JsonObject.builder().put("note", "kept as given").build())));
    served.repo.addDelegation("targets", DelegatedRole.forPaths(PROJECT, List.of(), 1, List.of("pkgs/*")));
    served.repo.addTarget(PROJECT, "pkgs/x.whl", WHEEL);
    served.repo.updateTargets("targets");
    served.publish();
    cli.run("client", "--metadata-dir", md.toString(), "init",
        served.writeInitialRoot(tmp.resolve("root.json")).toString()).assertSuccess();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  private CliProcess.Result client(String... subcommand) {
    String[] args = {"client", "--metadata-url", served.metadataUrl(), "--metadata-dir", md.toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + subcommand.length);
    System.arraycopy(subcommand, 0, all, args.length, subcommand.length);
    return cli.run(all);
  }

  private static JsonObject json(String text) throws Exception {
    JsonValue v = StrictJsonParser.withDefaults().parse(text.getBytes(StandardCharsets.UTF_8));
    return (JsonObject) v;
  }

  private static String sha256(byte[] b) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, b));
  }

  @Test
  void infoPrintsTheVerifiedPathLengthHashesAndCustomAsJson() throws Exception {
    CliProcess.Result r = client("info", "top.txt").assertSuccess();
    assertEquals(JsonObject.builder()
        .put("path", "top.txt")
        .put("length", TOP.length)
        .put("hashes", JsonObject.builder().put("sha256", sha256(TOP)).build())
        .put("custom", JsonObject.builder().put("note", "kept as given").build())
        .build(), json(r.stdout()));
  }

  @Test
  void infoFindsATargetThroughDelegations() throws Exception {
    CliProcess.Result r = client("info", "pkgs/x.whl").assertSuccess();
    JsonObject o = json(r.stdout());
    assertEquals("pkgs/x.whl", ((dev.tuf4j.json.JsonString) o.get("path")).value());
    assertFalse(o.has("custom"));
    assertTrue(served.server.requestLines().contains("GET /metadata/1.project%2Fx.json"), served.server.requestLines().toString());
  }

  @Test
  void infoOfATargetNobodyListsFails() {
    CliProcess.Result r = client("info", "pkgs/none.whl").assertFailure();
    assertTrue(r.stderr().contains("pkgs/none.whl"), r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void listPrintsEveryTargetThroughAllDelegations() {
    CliProcess.Result r = client("list").assertSuccess();
    assertEquals(List.of("top.txt", "pkgs/x.whl"), r.stdoutLines());
  }

  @Test
  void auditRecordsFirstThenReportsChangesAndVanishedTargets() throws Exception {
    Path record = tmp.resolve("audit").resolve("known.json");
    Files.createDirectories(record.getParent());
    CliProcess.Result first = client("audit", "--known-hashes", record.toString()).assertSuccess();
    assertEquals("", first.stdout());
    assertTrue(Files.readString(record).contains("pkgs/x.whl"));

    client("audit", "--known-hashes", record.toString()).assertSuccess();

    // The delegated project publishes other bytes under the same path, and drops top.txt.
    served.repo.addTarget(PROJECT, "pkgs/x.whl", "another wheel".getBytes(StandardCharsets.UTF_8));
    served.repo.targets.put(PROJECT, served.repo.targets.get(PROJECT).withVersion(2));
    served.repo.targets.put("targets", served.repo.targets.get("targets").withoutTargets(List.of("top.txt")));
    served.repo.updateTargets("targets");
    served.publish();
    CliProcess.Result r = client("audit", "--known-hashes", record.toString()).assertFailure();
    assertEquals(List.of(
        "changed pkgs/x.whl: expected length 7, got 13; expected sha256 " + sha256(WHEEL) + ", got "
            + sha256("another wheel".getBytes(StandardCharsets.UTF_8)),
        "vanished top.txt: expected it to be listed, got no such target"), r.stdoutLines());
    assertTrue(r.stderr().startsWith("error: 2 targets changed or vanished"), r.stderr());
  }

  @Test
  void anAuditRecordNamedLikeMetadataInTheMetadataFolderIsRefusedBeforeAnyRequest() {
    client("audit", "--known-hashes", md.resolve("known.json").toString()).assertFailure();
    assertFalse(Files.exists(md.resolve("known.json")));
    assertEquals(List.of(), served.server.requestLines());
  }
}
