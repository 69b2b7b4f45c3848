package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.internal.Names;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What must hold of a client's metadata and target folders at any moment, even right after the
 * client was killed, checked against what a {@link PublishingRepository} published:
 *
 * <ul>
 *   <li>every {@code *.json} in MD parses and verifies along the trust chain: {@code root.json}
 *       and every {@code root_history} file is a root the repository published, byte for byte;
 *       timestamp, snapshot and targets are signed by a threshold of the stored root's keys; the
 *       delegated role by the keys the stored {@code targets.json} delegates to (a stored file may
 *       be older than the newest, never unsigned);
 *   <li>no trusted version went down, and no trusted role vanished, since the last check;
 *   <li>every file in TD is a complete content the repository published for that target, and TD
 *       holds nothing else; MD holds nothing but role files, {@code root_history/}, the lock, the
 *       clock record, {@code staging/} and hidden {@code .tuf4j-*.tmp} files of interrupted writes.
 * </ul>
 *
 * Keeps the highest version seen per role between checks; one instance per metadata folder.
 */
final class ClientFolderCheck {
  private static final Set<String> TOP_LEVEL = Set.of("timestamp", "snapshot", "targets");

  private final PublishingRepository repository;
  private final Path md;
  private final Path td;
  private final Map<String, Long> highest = new HashMap<>();

  ClientFolderCheck(PublishingRepository repository, Path md, Path td) {
    this.repository = repository;
    this.md = md;
    this.td = td;
  }

  /** The highest trusted version seen so far of each role. */
  Map<String, Long> highest() {
    return Map.copyOf(highest);
  }

  /** Checks everything listed in the class comment; the message says what and where. */
  void check(String when) {
    List<String> problems = new ArrayList<>();
    try {
      checkMetadata(problems);
      checkTargets(problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(when + ": " + String.join("; ", problems));
    }
  }

  private void checkMetadata(List<String> problems) throws IOException {
    Map<String, Long> versions = new HashMap<>();
    byte[] rootBytes = read(md.resolve("root.json"));
    if (rootBytes == null) {
      problems.add("no root.json");
      return;
    }
    Metadata<Root> root = parse(problems, "root", () -> Metadata.parseRoot(rootBytes));
    if (root == null) {
      return;
    }
    long rootVersion = root.signed().version();
    if (!Arrays.equals(rootBytes, repository.root(rootVersion))) {
      problems.add("root.json is not root version " + rootVersion + " as published");
    }
    versions.put("root", rootVersion);
    SchemeRegistry registry = SchemeRegistry.defaults();
    Metadata<Targets> targets = null;
    for (String role : List.of("timestamp", "snapshot", "targets")) {
      byte[] bytes = read(md.resolve(role + ".json"));
      if (bytes == null) {
        continue;
      }
      Metadata<? extends Signed> m = parse(problems, role, () -> parseRole(role, bytes));
      if (m == null) {
        continue;
      }
      if (!root.signed().verifyDelegate(role, m, registry).verified()) {
        problems.add(role + ".json is not signed by a threshold of the stored root's keys");
      }
      versions.put(role, m.signed().version());
      if (role.equals("targets")) {
        @SuppressWarnings("unchecked")
        Metadata<Targets> t = (Metadata<Targets>) m;
        targets = t;
      }
    }
    String delegatedFile = Names.metadataFileName(PublishingRepository.DELEGATED_ROLE);
    try (Stream<Path> list = Files.list(md)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (name.equals(delegatedFile)) {
          byte[] bytes = read(p);
          if (bytes == null) {
            continue;
          }
          String role = PublishingRepository.DELEGATED_ROLE;
          Metadata<Targets> m = parse(problems, role, () -> Metadata.parseTargets(bytes, role));
          if (m == null) {
            continue;
          }
          if (targets == null) {
            problems.add(name + " is stored without a targets.json that delegates to it");
          } else if (!targets.signed().verifyDelegate(role, m, registry).verified()) {
            problems.add(name + " is not signed by the keys targets.json delegates to");
          }
          versions.put(role, m.signed().version());
        } else if (name.endsWith(".json") && !name.equals("root.json")
            && !TOP_LEVEL.contains(name.substring(0, name.length() - ".json".length()))) {
          problems.add("a *.json that is no trusted role: " + name);
        } else if (!name.endsWith(".json") && !allowedInMetadataFolder(p, name)) {
          problems.add("an unexpected file in the metadata folder: " + name);
        }
      }
    }
    checkRootHistory(problems);
    Path staging = md.resolve("staging");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> list = Files.list(staging)) {
        list.map(p -> p.getFileName().toString())
            .filter(n -> !(n.startsWith(".tuf4j-") && n.endsWith(".tmp")))
            .forEach(n -> problems.add("an unexpected file in staging: " + n));
      }
    }
    for (Map.Entry<String, Long> e : highest.entrySet()) {
      Long now = versions.get(e.getKey());
      if (now == null) {
        problems.add("trusted " + e.getKey() + " vanished (was version " + e.getValue() + ")");
      } else if (now < e.getValue()) {
        problems.add("trusted " + e.getKey() + " went down from version " + e.getValue() + " to " + now);
      }
    }
    versions.forEach((role, v) -> highest.merge(role, v, Math::max));
  }

  private static boolean allowedInMetadataFolder(Path p, String name) {
    if (Files.isDirectory(p)) {
      return name.equals("root_history") || name.equals("staging");
    }
    return name.equals(".tuf4j.lock") || name.equals(".tuf4j.last-accepted")
        || (name.startsWith(".tuf4j-") && name.endsWith(".tmp"));
  }

  private void checkRootHistory(List<String> problems) throws IOException {
    Path history = md.resolve("root_history");
    if (!Files.isDirectory(history)) {
      return;
    }
    try (Stream<Path> list = Files.list(history)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".root.json")) {
          if (!(name.startsWith(".tuf4j-") && name.endsWith(".tmp"))) {
            problems.add("an unexpected file in root_history: " + name);
          }
          continue;
        }
        long version = Long.parseLong(name.substring(0, name.indexOf('.')));
        byte[] bytes = read(p);
        if (bytes != null && !Arrays.equals(bytes, repository.root(version))) {
          problems.add("root_history/" + name + " is not that root as published");
        }
      }
    }
  }

  private void checkTargets(List<String> problems) throws IOException {
    if (!Files.isDirectory(td)) {
      return;
    }
    Map<String, String> pathByFileName = new HashMap<>();
    for (String path : repository.targetPaths()) {
      pathByFileName.put(Names.targetFileName(path), path);
    }
    try (Stream<Path> list = Files.list(td)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        String path = pathByFileName.get(name);
        byte[] bytes = read(p);
        if (path == null || bytes == null) {
          problems.add("a file in the target folder that is no target: " + name);
        } else if (!repository.published(path, Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes)))) {
          problems.add("the target file " + name + " (" + bytes.length + " bytes) is no content published for " + path);
        }
      }
    }
  }

  /** The bytes of a file, or null if it does not exist (any more) or is a folder. */
  private static byte[] read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    try {
      return Files.readAllBytes(p);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static Metadata<? extends Signed> parseRole(String role, byte[] bytes) throws TufException {
    switch (role) {
      case "timestamp":
        return Metadata.parseTimestamp(bytes);
      case "snapshot":
        return Metadata.parseSnapshot(bytes);
      default:
        return Metadata.parseTargets(bytes, role);
    }
  }

  private interface Parse<T> {
    T get() throws TufException;
  }

  private static <T> T parse(List<String> problems, String role, Parse<T> parse) {
    try {
      return parse.get();
    } catch (TufException e) {
      problems.add(role + " does not parse: " + e.getMessage());
      return null;
    }
  }
}
