package dev.tuf4j.cli;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code client audit}: a record of the length and hashes each target had the first time it was
 * seen, and a report of every target that differs from its record or vanished since. A published
 * file whose bytes change under the same path is what PyPI never does, so each such change is
 * worth a look even when the repository signed it.
 *
 * <p>Records are never updated: a changed target keeps being reported until the user edits or
 * removes the record file. New targets are added. The file is JSON, written atomically; it lives
 * where the user says, and never as a {@code *.json} directly in the metadata folder, where every
 * {@code *.json} must be trusted TUF metadata.
 */
final class TargetAudit {
  private static final String FORMAT = "tuf4j-known-hashes";
  private static final int FORMAT_VERSION = 1;

  private final Path file;
  private final boolean existed;
  /** Target path to its first-seen record, sorted so that the file and the report are stable. */
  private final TreeMap<String, Known> known;

  record Known(long length, Map<String, String> hashes) {}

  private TargetAudit(Path file, boolean existed, TreeMap<String, Known> known) {
    this.file = file;
    this.existed = existed;
    this.known = known;
  }

  /** Checks where the record may live and reads it if it exists, before any network request. */
  static TargetAudit open(Path file, Path metadataDir) throws UserError {
    refuseInsideMetadataFolder(file, metadataDir);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TargetAudit(file, false, new TreeMap<>());
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the known-hashes file: " + e.getMessage(), e);
    }
    return new TargetAudit(file, true, parse(file, bytes));
  }

  /**
   * Compares, reports one line per changed or vanished target on stdout, records new targets.
   *
   * @return the exit code: 1 when anything changed or vanished
   */
  int run(List<TargetFile> targets, CliContext context) throws UserError {
    Map<String, TargetFile> current = new LinkedHashMap<>();
    targets.forEach(t -> current.putIfAbsent(t.path(), t));
    List<String> report = new ArrayList<>();
    for (Map.Entry<String, Known> e : known.entrySet()) {
      TargetFile now = current.get(e.getKey());
      String path = OneLine.of(e.getKey());
      if (now == null) {
        report.add("vanished " + path + ": expected it to be listed, got no such target");
        continue;
      }
      String difference = difference(e.getValue(), now);
      if (difference != null) {
        report.add("changed " + path + ": " + difference);
      }
    }
    int added = 0;
    for (TargetFile t : current.values()) {
      if (!known.containsKey(t.path())) {
        known.put(t.path(), new Known(t.length(), t.hashes()));
        added++;
      }
    }
    if (added > 0 || !existed) {
      save();
      context.err().println("recorded " + added + " new target" + (added == 1 ? "" : "s") + " in " + file);
    }
    report.forEach(context.out()::println);
    if (!report.isEmpty()) {
      throw new UserError(report.size() + " target" + (report.size() == 1 ? "" : "s")
          + " changed or vanished since first recorded in " + file);
    }
    return Cli.OK;
  }

  /** What differs, or null: the length, or any hash both list, or no hash algorithm in common. */
  private static String difference(Known was, TargetFile now) {
    List<String> parts = new ArrayList<>();
    if (was.length() != now.length()) {
      parts.add("expected length " + was.length() + ", got " + now.length());
    }
    boolean common = false;
    for (Map.Entry<String, String> h : was.hashes().entrySet()) {
      String nowHash = now.hashes().get(h.getKey());
      if (nowHash != null) {
        common = true;
        if (!nowHash.equalsIgnoreCase(h.getValue())) {
          parts.add("expected " + h.getKey() + " " + h.getValue() + ", got " + nowHash);
        }
      }
    }
    if (!common) {
      parts.add("expected hashes " + was.hashes().keySet() + ", got only " + now.hashes().keySet());
    }
    return parts.isEmpty() ? null : OneLine.of(String.join("; ", parts));
  }

  private void save() throws UserError {
    JsonObject.Builder targets = JsonObject.builder();
    known.forEach((path, k) -> targets.put(path, JsonObject.builder()
        .put("length", k.length())
        .put("hashes", TargetJson.hashes(new TreeMap<>(k.hashes())))
        .build()));
    JsonObject document = JsonObject.builder()
        .put(FORMAT, FORMAT_VERSION)
        .put("targets", targets.build())
        .build();
    try {
      AtomicWrite.replace(file, (JsonText.pretty(document) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError(file + ": cannot write the known-hashes file: " + e.getMessage(), e);
    }
  }

  private static TreeMap<String, Known> parse(Path file, byte[] bytes) throws UserError {
    JsonValue root;
    try {
      root = StrictJsonParser.withDefaults().parse(bytes);
    } catch (MetadataFormatException e) {
      throw notKnownHashes(file, "at " + e.jsonPath() + ": " + e.detail());
    }
    if (!(root instanceof JsonObject o)
        || !(o.get(FORMAT) instanceof JsonNumber n) || n.value() != FORMAT_VERSION
        || !(o.get("targets") instanceof JsonObject targets)) {
      throw notKnownHashes(file, "expected {\"" + FORMAT + "\": " + FORMAT_VERSION + ", \"targets\": {...}}");
    }
    TreeMap<String, Known> known = new TreeMap<>();
    for (int i = 0; i < targets.size(); i++) {
      String path = targets.keyAt(i);
      if (!(targets.valueAt(i) instanceof JsonObject t)
          || !(t.get("length") instanceof JsonNumber length) || length.value() < 0
          || !(t.get("hashes") instanceof JsonObject hashes) || hashes.isEmpty()) {
        throw notKnownHashes(file, "target " + OneLine.of(path) + ": expected {\"length\": N, \"hashes\": {...}}");
      }
      Map<String, String> h = new LinkedHashMap<>();
      for (int j = 0; j < hashes.size(); j++) {
        if (!(hashes.valueAt(j) instanceof JsonString s)) {
          throw notKnownHashes(file, "target " + OneLine.of(path) + ": expected hex strings as hashes");
        }
        h.put(hashes.keyAt(j), s.value());
      }
      known.put(path, new Known(length.value(), Map.copyOf(h)));
    }
    return known;
  }

  private static UserError notKnownHashes(Path file, String detail) {
    return new UserError(file + ": not a known-hashes file: " + detail);
  }

  private static void refuseInsideMetadataFolder(Path file, Path metadataDir) throws UserError {
    Path name = file.getFileName();
    if (name == null || !name.toString().endsWith(".json")) {
      return;
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    Path md = metadataDir.toAbsolutePath().normalize();
    boolean same = parent.equals(md);
    if (!same && Files.isDirectory(parent) && Files.isDirectory(md)) {
      try {
        same = Files.isSameFile(parent, md);
      } catch (IOException e) {
        same = false;
      }
    }
    if (same) {
      throw new UserError(file + ": a *.json file directly in the metadata folder would pass for"
          + " TUF metadata; keep the known-hashes file elsewhere or give it another suffix");
    }
  }
}
