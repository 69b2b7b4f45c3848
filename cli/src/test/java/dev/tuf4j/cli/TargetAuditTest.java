package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.metadata.TargetFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetAuditTest {
  @TempDir Path tmp;
  private Path md;
  private Path record;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;
  private CliContext context;

  @BeforeEach
  void setUp() throws Exception {
    md = Files.createDirectories(tmp.resolve("md"));
    record = tmp.resolve("known-hashes.json");
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null, Clock.systemUTC());
  }

  private static TargetFile target(String path, long length, String sha256) {
    return new TargetFile(path, length, Map.of("sha256", sha256));
  }

  private int audit(TargetFile... targets) throws UserError {
    return TargetAudit.open(record, md).run(List.of(targets), context);
  }

  private List<String> report() {
    String s = out.toString(StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }

  @Test
  void theFirstRunRecordsEveryTargetAndPasses() throws Exception {
    assertEquals(0, audit(target("a", 1, "aa"), target("b/c", 2, "bb")));
    assertEquals(List.of(), report());
    String text = Files.readString(record);
    assertTrue(text.contains("\"a\"") && text.contains("\"b/c\"") && text.contains("\"bb\""), text);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("recorded 2 new targets"));
  }

  @Test
  void anUnchangedRepositoryPassesAndLeavesTheRecordAlone() throws Exception {
    audit(target("a", 1, "aa"));
    long modified = Files.getLastModifiedTime(record).toMillis();
    byte[] before = Files.readAllBytes(record);
    assertEquals(0, audit(target("a", 1, "aa")));
    assertEquals(List.of(), report());
    assertEquals(modified, Files.getLastModifiedTime(record).toMillis());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(record));
  }

  @Test
  void aChangedHashIsReportedAndFails() throws Exception {
    audit(target("a", 1, "aa"), target("b", 1, "bb"));
    UserError e = assertThrows(UserError.class, () -> audit(target("a", 1, "aa"), target("b", 1, "cc")));
    assertEquals(List.of("changed b: expected sha256 bb, got cc"), report());
    assertTrue(e.getMessage().startsWith("1 target changed"), e.getMessage());
  }

  @Test
  void aChangedLengthIsReported() throws Exception {
    audit(target("a", 1, "aa"));
    assertThrows(UserError.class, () -> audit(target("a", 2, "aa")));
    assertEquals(List.of("changed a: expected length 1, got 2"), report());
  }

  @Test
  void aVanishedTargetIsReported() throws Exception {
    audit(target("a", 1, "aa"), target("b", 1, "bb"));
    assertThrows(UserError.class, () -> audit(target("a", 1, "aa")));
    assertEquals(List.of("vanished b: expected it to be listed, got no such target"), report());
  }

  @Test
  void theRecordKeepsTheFirstSeenValuesSoAChangeIsReportedAgain() throws Exception {
    audit(target("a", 1, "aa"));
    assertThrows(UserError.class, () -> audit(target("a", 1, "cc")));
    out.reset();
    assertThrows(UserError.class, () -> audit(target("a", 1, "cc")));
    assertEquals(List.of("changed a: expected sha256 aa, got cc"), report());
  }

  @Test
  void newTargetsAreAddedOnLaterRuns() throws Exception {
    audit(target("a", 1, "aa"));
    assertEquals(0, audit(target("a", 1, "aa"), target("new", 3, "dd")));
    assertTrue(Files.readString(record).contains("\"new\""));
    assertThrows(UserError.class, () -> audit(target("a", 1, "aa"), target("new", 3, "ee")));
  }

  @Test
  void noHashAlgorithmInCommonCountsAsAChange() throws Exception {
    audit(target("a", 1, "aa"));
    assertThrows(UserError.class, () -> audit(new TargetFile("a", 1, Map.of("sha512", "ff"))));
    assertEquals(List.of("changed a: expected hashes [sha256], got only [sha512]"), report());
  }

  @Test
  void pathsWithControlCharactersStayOnOneLine() throws Exception {
    audit(target("a\nb", 1, "aa"));
    assertThrows(UserError.class, () -> audit());
    assertEquals(List.of("vanished a\\nb: expected it to be listed, got no such target"), report());
  }

  @Test
  void aJsonRecordDirectlyInTheMetadataFolderIsRefused() {
    UserError e = assertThrows(UserError.class,
        () -> TargetAudit.open(md.resolve("known.json"), md));
    assertTrue(e.getMessage().contains("metadata folder"), e.getMessage());
    assertFalse(Files.exists(md.resolve("known.json")));
  }

  @Test
  void aRecordInTheMetadataFolderWithAnotherSuffixOrInASubfolderIsFine() throws Exception {
    TargetAudit.open(md.resolve("known-hashes.txt"), md);
    TargetAudit.open(md.resolve("audit").resolve("known.json"), md);
  }

  @Test
  void aJsonRecordReachedThroughAnotherPathToTheMetadataFolderIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), md);
    assertThrows(UserError.class, () -> TargetAudit.open(link.resolve("known.json"), md));
  }

  @Test
  void aFileThatIsNotARecordIsAnError() throws Exception {
    Files.writeString(record, "{\"targets\": {}}");
    assertThrows(UserError.class, () -> TargetAudit.open(record, md));
    Files.writeString(record, "not json");
    assertThrows(UserError.class, () -> TargetAudit.open(record, md));
    Files.writeString(record, "{\"tuf4j-known-hashes\": 1, \"targets\": {\"a\": {\"length\": 1, \"hashes\": {}}}}");
    assertThrows(UserError.class, () -> TargetAudit.open(record, md));
  }

  @Test
  void nothingButTheRecordIsLeftInItsFolder() throws Exception {
    audit(target("a", 1, "aa"));
    audit(target("a", 1, "aa"), target("b", 1, "bb"));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of("known-hashes.json", "md"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
