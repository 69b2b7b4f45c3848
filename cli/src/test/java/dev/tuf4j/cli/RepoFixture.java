package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.RepoTestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Keys and shortcuts for the repo and project command tests: key files made once per test class
 * (see {@link RepoTestKeys}), commands run in-process with the passphrase in {@code PW}, a
 * published repository in two commands' time, and the real client reading a repository folder.
 */
final class RepoFixture {
  static final String PASSPHRASE = "correct horse";
  static final Map<String, String> ENV = Map.of("PW", PASSPHRASE, "WRONG", "battery staple");
  static final List<String> KEYS = List.of("root1", "root2", "targets", "targets2", "online", "dev", "dev2");

  final Path keyDir;
  final Map<String, String> keyids = new LinkedHashMap<>();

  private RepoFixture(Path keyDir) {
    this.keyDir = keyDir;
  }

  static RepoFixture create(Path keyDir) throws Exception {
    RepoFixture f = new RepoFixture(keyDir);
    long seed = 458;
    for (String k : KEYS) {
      f.keyids.put(k, RepoTestKeys.write(keyDir.resolve(k), PASSPHRASE, seed++));
    }
    return f;
  }

  /** The private key file. */
  String key(String name) {
    return keyDir.resolve(name).toString();
  }

  /** The public key file. */
  String pub(String name) {
    return keyDir.resolve(name + ".pub.json").toString();
  }

  InProcess.Result run(String... args) {
    return InProcess.run(ENV, null, args);
  }

  /** Runs and expects exit 0. */
  InProcess.Result ok(String... args) {
    InProcess.Result r = run(args);
    assertEquals(0, r.exitCode(), () -> "expected success of " + List.of(args) + "\nstderr: " + r.stderr()
        + "\nstdout: " + r.stdout());
    return r;
  }

  /** Runs and expects exit 1 with exactly one error line and no stack trace. */
  InProcess.Result fails(String... args) {
    InProcess.Result r = run(args);
    assertEquals(1, r.exitCode(), () -> "expected failure of " + List.of(args) + "\nstdout: " + r.stdout());
    assertEquals(1, r.stderrLines().size(), () -> "expected one line on stderr, got: " + r.stderr());
    assertTrue(r.stderr().startsWith("error: "), r.stderr());
    assertFalse(r.stderr().contains("\tat "), r.stderr());
    return r;
  }

  /** With the online key's passphrase option appended. */
  static String[] online(String... args) {
    String[] out = Arrays.copyOf(args, args.length + 2);
    out[args.length] = "--passphrase-env";
    out[args.length + 1] = "PW";
    return out;
  }

  /** {@code repo init} of a small repository: root1 alone, targets, the online key. */
  void init(Path dir, String layout, String... extra) {
    List<String> args = new ArrayList<>(List.of("repo", "init", dir.toString(), "--layout", layout, "--bins", "8",
        "--root-key", pub("root1"), "--targets-key", pub("targets"), "--online-key", key("online")));
    args.addAll(List.of(extra));
    ok(online(args.toArray(String[]::new)));
  }

  /** A published repository: init, the two holders' signatures, publish. */
  Path published(Path dir, String layout, String... extra) {
    init(dir, layout, extra);
    ok(online("repo", "sign", dir.toString(), "--key", key("root1")));
    ok(online("repo", "sign", dir.toString(), "--key", key("targets")));
    ok(online("repo", "publish", dir.toString()));
    return dir;
  }

  /**
   * The real client over the repository folder, keeping its trusted metadata in {@code
   * clientDir} between calls, which starts from the repository's first root.
   */
  static Updater client(Path repoDir, Path clientDir) {
    try {
      Path md = Files.createDirectories(clientDir.resolve("metadata"));
      Path td = Files.createDirectories(clientDir.resolve("targets"));
      Updater.Builder b = Updater.builder()
          .metadataBaseUrl(folder(repoDir.resolve("metadata")))
          .targetBaseUrl(folder(repoDir.resolve("targets")))
          .metadataDir(md)
          .targetDir(td)
          .fetcher(new RepoFolderFetcher());
      if (!Files.exists(md.resolve("root.json"))) {
        b.trustedRoot(Files.readAllBytes(repoDir.resolve("metadata").resolve("1.root.json")));
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI folder(Path p) {
    return URI.create(p.toAbsolutePath().normalize().toUri().toString().replaceAll("/?$", "/"));
  }

  /** Every file below {@code dir}, by relative path, with its bytes as text; for "nothing changed". */
  static Map<String, String> tree(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("lock")) {
          out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
