package dev.tuf4j.bench;

import dev.tuf4j.TufException;
import dev.tuf4j.client.Fetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** tuf4j's client in this JVM, the way an installer uses it: folder stores, HTTP. */
final class Tuf4jClient {
  private Tuf4jClient() {}

  /**
   * A client over {@code clientDir}/metadata and /targets, trusting {@code root} to start, or
   * (null) the {@code root.json} stored there.
   */
  static Updater open(Path clientDir, URI metadataUrl, URI targetUrl, byte[] root) throws IOException {
    return open(clientDir, metadataUrl, targetUrl, root, null);
  }

  /** The same, fetching metadata and targets with {@code fetcher} (null: the default). */
  static Updater open(Path clientDir, URI metadataUrl, URI targetUrl, byte[] root, Fetcher fetcher)
      throws IOException {
    Path metadata = Files.createDirectories(clientDir.resolve("metadata"));
    Path targets = Files.createDirectories(clientDir.resolve("targets"));
    Updater.Builder b = Updater.builder()
        .metadataBaseUrl(metadataUrl)
        .targetBaseUrl(targetUrl)
        .metadataDir(metadata)
        .targetDir(targets);
    if (root != null) {
      b.trustedRoot(root);
    }
    if (fetcher != null) {
      b.fetcher(fetcher);
    }
    return b.build();
  }

  /** Refresh, look {@code target} up, download it unless a valid copy is stored. */
  static void run(Updater updater, String target) throws TufException {
    updater.refresh();
    TargetFile info = updater.targetInfo(target)
        .orElseThrow(() -> new IllegalStateException("tuf4j did not find " + target));
    if (updater.findCachedTarget(info).isEmpty()) {
      updater.download(info);
    }
  }

  /**
   * The floor of a cold run: the metadata and target bytes it stored, read back once (not
   * timed), to be parsed and hashed once ({@link #parseAndHash}).
   */
  static List<byte[]> storedBytes(Path clientDir) throws IOException {
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> md = Files.list(clientDir.resolve("metadata"))) {
      for (Path p : md.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    try (Stream<Path> t = Files.walk(clientDir.resolve("targets"))) {
      for (Path p : t.filter(Files::isRegularFile).toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    return files;
  }

  /**
   * Parses every metadata file (by its {@code _type}) and SHA-256s every file once: what any
   * client must at least do with these bytes. Returns a value so the work cannot be skipped.
   */
  static long parseAndHash(List<byte[]> files, List<String> roleNames) throws TufException {
    long sink = 0;
    for (int i = 0; i < files.size(); i++) {
      byte[] f = files.get(i);
      String role = i < roleNames.size() ? roleNames.get(i) : null;
      if (role != null) {
        Metadata<?> m = switch (role) {
          case "root" -> Metadata.parseRoot(f);
          case "timestamp" -> Metadata.parseTimestamp(f);
          case "snapshot" -> Metadata.parseSnapshot(f);
          default -> Metadata.parseTargets(f, role);
        };
        sink += m.signed().version();
      }
      sink += Digester.digest(HashAlgorithm.SHA256, f)[0];
    }
    return sink;
  }

  /**
   * The signature checks a cold run cannot skip, prepared from the files it stored (not timed):
   * each signature over each metadata file's signed bytes, with the key its keyid names in the
   * root or a delegating targets role. On the benchmark's repository that is exactly the checks
   * the client must make: two root signatures for the root's threshold of two, one for every
   * other role. Run them with {@link #verifyAll}.
   */
  static List<Runnable> signatureChecks(List<byte[]> files, List<String> roleNames) throws TufException {
    List<Metadata<?>> parsed = new ArrayList<>();
    Map<String, PublicKey> keys = new HashMap<>();
    for (int i = 0; i < roleNames.size(); i++) {
      byte[] f = files.get(i);
      Metadata<?> m = switch (roleNames.get(i)) {
        case "root" -> Metadata.parseRoot(f);
        case "timestamp" -> Metadata.parseTimestamp(f);
        case "snapshot" -> Metadata.parseSnapshot(f);
        default -> Metadata.parseTargets(f, roleNames.get(i));
      };
      parsed.add(m);
      if (m.signed() instanceof Root root) {
        root.keys().forEach((id, key) -> keys.put(id, decode(key)));
      } else if (m.signed() instanceof Targets targets) {
        targets.delegations().ifPresent(d -> d.keys().forEach((id, key) -> keys.put(id, decode(key))));
      }
    }
    List<Runnable> checks = new ArrayList<>();
    for (Metadata<?> m : parsed) {
      byte[] signed = m.signedBytes();
      for (Signature s : m.signatures()) {
        PublicKey key = keys.get(s.keyid());
        if (key == null) {
          continue;
        }
        String sig = s.sig();
        checks.add(() -> {
          if (!key.verify(signed, Hex.decode(sig).orElseThrow())) {
            throw new IllegalStateException("a stored signature does not verify: " + s.keyid());
          }
        });
      }
    }
    return checks;
  }

  private static PublicKey decode(Key key) {
    return key.publicKey(SchemeRegistry.defaults()).orElseThrow();
  }

  /** Runs the checks {@link #signatureChecks} prepared; returns how many ran. */
  static int verifyAll(List<Runnable> checks) {
    checks.forEach(Runnable::run);
    return checks.size();
  }

  /** The role names of {@link #storedBytes}' metadata files, in the same order. */
  static List<String> storedRoles(Path clientDir) throws IOException {
    try (Stream<Path> md = Files.list(clientDir.resolve("metadata"))) {
      return md.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
          .map(n -> n.substring(0, n.length() - ".json".length())).toList();
    }
  }
}
