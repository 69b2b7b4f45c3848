package dev.tuf4j.testvectors;

import dev.tuf4j.TargetNotFoundException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One repository from {@link RepositorySimulator}, served over HTTP on 127.0.0.1, and two clients
 * of it with their own metadata and target folders: the real tuf-js client (through {@link
 * TufJs#client}) and tuf4j's {@link Updater}. Each client call runs the commands of the client
 * CLI contract ({@code refresh}, {@code download}) as a fresh process would, and returns a {@link
 * Verdict} that holds the outcome and the exact requests the server saw meanwhile, so a test can
 * compare the two clients line by line.
 *
 * <p>Both clients start from version 1 of the root, written to their metadata folders as {@code
 * init} would. Calls are serial, so the server's request log belongs to one client at a time.
 */
final class ClientPair implements AutoCloseable {
  final RepositorySimulator repo;
  final TestServer server = TestServer.http();
  final Path tufJsMetadata;
  final Path tufJsTargets;
  final Path tuf4jMetadata;
  final Path tuf4jTargets;
  private final HttpFetcher fetcher = HttpFetcher.builder().build();

  /**
   * What one client run did.
   *
   * @param error null on success; else the tuf-js error class name, or tuf4j's exception class
   * @param message the error message, or null
   * @param requests the server's request lines during the run ({@code "GET /metadata/..."})
   * @param files target path to the stored file, for {@code download}
   * @param stored role name to the version of the file in the metadata folder after the run
   */
  record Verdict(String client, @Nullable String error, @Nullable String message,
      List<String> requests, Map<String, Path> files, Map<String, Long> stored) {
    boolean ok() {
      return error == null;
    }

    @Override
    public String toString() {
      return client + ": " + (ok() ? "ok" : error + ": " + message) + "\n  requests " + requests
          + "\n  stored " + stored + "\n  files " + files;
    }
  }

  ClientPair(RepositorySimulator repo, Path tmp) {
    this.repo = repo;
    this.tufJsMetadata = tmp.resolve("tuf-js/metadata");
    this.tufJsTargets = tmp.resolve("tuf-js/targets");
    this.tuf4jMetadata = tmp.resolve("tuf4j/metadata");
    this.tuf4jTargets = tmp.resolve("tuf4j/targets");
    try {
      for (Path md : List.of(tufJsMetadata, tuf4jMetadata)) {
        Files.createDirectories(md);
        Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publish();
  }

  /**
   * Writes the repository as it is now into the server (earlier files stay served). Each target
   * is also served under the URL path tuf-js asks for when that differs from tuf4j's (see {@link
   * KnownDifference#TARGET_URL_LEAVES_SUB_DELIMITERS_RAW}): the test server matches raw request
   * paths, while a real web server decodes percent-escapes and finds the same file either way.
   */
  void publish() {
    repo.publishTo(server);
    boolean consistent = repo.root.consistentSnapshot();
    for (Map.Entry<String, byte[]> f : repo.targetFiles.entrySet()) {
      String path = f.getKey();
      if (consistent) {
        int slash = path.lastIndexOf('/');
        String hash = Hex.encode(Digester.digest(HashAlgorithm.SHA256, f.getValue()));
        path = path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
      }
      server.put("/targets/" + whatwgPath(path), f.getValue());
    }
  }

  /**
   * A path as a WHATWG URL (node's {@code new URL}) writes it: only controls, space, {@code "
   * # < > ? ` { }} and non-ASCII are percent-encoded. Paths holding {@code ? # % \} or dot
   * segments would change meaning in such a URL; the tests use none.
   */
  static String whatwgPath(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || "\"#<>?`{}".indexOf(c) >= 0) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  URI metadataUrl() {
    return URI.create(server.baseUri() + "metadata/");
  }

  URI targetsUrl() {
    return URI.create(server.baseUri() + "targets/");
  }

  /** Runs the tuf-js client: {@code refresh}, or {@code download} of {@code targets}. */
  Verdict tufJs(String command, String... targets) {
    List<String> args = new ArrayList<>(List.of("--metadata-dir", tufJsMetadata.toString(),
        "--metadata-url", metadataUrl().toString()));
    if (command.equals("download")) {
      args.addAll(List.of("--target-dir", tufJsTargets.toString(), "--target-base-url", targetsUrl().toString()));
      for (String t : targets) {
        args.addAll(List.of("--target-name", t));
      }
    }
    args.add(command);
    server.clearRequests();
    TufJs.Run run = TufJs.get().client(args);
    List<String> requests = server.requestLines();
    JsonObject json = run.json();
    boolean ok = json.get("ok") == JsonBoolean.TRUE;
    // The contract: exit 0 on success, exactly 1 on any failure.
    if (run.exitCode() != (ok ? 0 : 1)) {
      throw new AssertionError("exit code and result line disagree: " + run);
    }
    Map<String, Path> files = new LinkedHashMap<>();
    if (json.get("targets") instanceof JsonObject t) {
      for (String name : t.keys()) {
        files.put(name, Path.of(((JsonString) ((JsonObject) t.get(name)).get("file")).value()));
      }
    }
    return new Verdict("tuf-js", ok ? null : run.errorType(),
        ok ? null : ((JsonString) json.get("message")).value(), requests, files, stored(tufJsMetadata));
  }

  /** Runs tuf4j's updater the way {@code tuf4j client} does: a new updater per command. */
  Verdict tuf4j(String command, String... targets) {
    server.clearRequests();
    Map<String, Path> files = new LinkedHashMap<>();
    TufException error = null;
    try {
      Updater updater = Updater.builder()
          .metadataBaseUrl(metadataUrl())
          .targetBaseUrl(targetsUrl())
          .metadataDir(tuf4jMetadata)
          .targetDir(tuf4jTargets)
          .fetcher(fetcher)
          .build();
      updater.refresh();
      if (command.equals("download")) {
        for (String t : targets) {
          TargetFile info = updater.targetInfo(t).orElseThrow(
              () -> new TargetNotFoundException(t, "no trusted targets metadata lists it"));
          Optional<Path> cached = updater.findCachedTarget(info);
          files.put(t, cached.isPresent() ? cached.get() : updater.download(info));
        }
      } else if (!command.equals("refresh")) {
        throw new IllegalArgumentException(command);
      }
    } catch (TufException e) {
      error = e;
    }
    return new Verdict("tuf4j", error == null ? null : error.getClass().getSimpleName(),
        error == null ? null : error.getMessage(), server.requestLines(), files, stored(tuf4jMetadata));
  }

  /**
   * How the two request logs differ, as the lines only one client requested, in request order:
   * {@code "tuf4j only: GET ..."} and {@code "tuf-js only: GET ..."} (a longest-common-subsequence
   * diff). Empty when both made exactly the same requests in the same order.
   */
  static List<String> requestDiff(Verdict tuf4j, Verdict tufJs) {
    List<String> a = tuf4j.requests();
    List<String> b = tufJs.requests();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (j == b.size() || (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("tuf4j only: " + a.get(i++));
      } else {
        out.add("tuf-js only: " + b.get(j++));
      }
    }
    return out;
  }

  /**
   * Role name (the file name, percent-decoded) to the version of each {@code *.json} directly in a
   * metadata folder.
   */
  static Map<String, Long> stored(Path metadataDir) {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(metadataDir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".json")) {
          continue;
        }
        JsonValue doc = JsonText.parse(Files.readString(f));
        JsonValue version = ((JsonObject) ((JsonObject) doc).get("signed")).get("version");
        out.put(URLDecoder.decode(name.substring(0, name.length() - 5).replace("+", "%2B"), StandardCharsets.UTF_8),
            ((JsonNumber) version).value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
    fetcher.close();
  }
}
