package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repo and project commands as separate processes, one per step as an operator and key
 * holders run them, and {@code tuf4j client} following what they publish from a {@link
 * TestServer} serving the repository folder.
 */
class RepoIT {
  @TempDir static Path keys;
  static RepoFixture f;
  @TempDir Path tmp;
  private final CliProcess cli = new CliProcess().env("PW", RepoFixture.PASSPHRASE).env("WRONG", "battery staple");
  private final TestServer server = TestServer.http();

  @BeforeAll
  static void keys() throws Exception {
    f = RepoFixture.create(keys);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliProcess.Result ok(String... args) {
    return cli.run(args).assertSuccess();
  }

  /** With the passphrase of the key the command reads (the online key, or --key). */
  private CliProcess.Result okWithKey(String... args) {
    return ok(RepoFixture.online(args));
  }

  /** Serves every file of DIR/metadata and DIR/targets as they are now. */
  private void serve(Path dir) {
    for (String area : List.of("metadata", "targets")) {
      try (Stream<Path> files = Files.walk(dir.resolve(area))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          server.put("/" + area + "/" + dir.resolve(area).relativize(p).toString().replace('\\', '/'),
              Files.readAllBytes(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Path clientInit(Path dir) {
    Path md = tmp.resolve("client-md");
    cli.run("client", "--metadata-dir", md.toString(), "init", dir.resolve("metadata/1.root.json").toString())
        .assertSuccess();
    return md;
  }

  private CliProcess.Result download(Path md, String target) {
    return cli.run("client", "--metadata-url", server.baseUri() + "metadata/", "--metadata-dir", md.toString(),
        "--target-name", target, "--target-dir", tmp.resolve("client-targets").toString(),
        "--target-base-url", server.baseUri() + "targets/", "download");
  }

  private CliProcess.Result refresh(Path md) {
    return cli.run("client", "--metadata-url", server.baseUri() + "metadata/", "--metadata-dir", md.toString(), "refresh");
  }

  private void init(Path dir, String layout, String... extra) {
    List<String> args = new ArrayList<>(List.of("repo", "init", dir.toString(), "--layout", layout, "--bins", "16",
        "--root-key", f.pub("root1"), "--targets-key", f.pub("targets"), "--online-key", f.key("online")));
    args.addAll(List.of(extra));
    okWithKey(args.toArray(String[]::new));
  }

  @Test
  void fromInitToAClientDownloadWithBumpedExpiries() throws Exception {
    Path dir = tmp.resolve("repo");
    init(dir, "pep458");
    okWithKey("repo", "sign", dir.toString(), "--key", f.key("root1"));
    okWithKey("repo", "sign", dir.toString(), "--key", f.key("targets"));
    okWithKey("repo", "publish", dir.toString());
    Path file = Files.writeString(tmp.resolve("app-1.0.tar.gz"), "release");
    okWithKey("repo", "add-target", dir.toString(), file.toString(), "--prefix", "releases/");
    serve(dir);
    Path md = clientInit(dir);
    CliProcess.Result got = download(md, "releases/app-1.0.tar.gz").assertSuccess();
    assertEquals("release", Files.readString(Path.of(got.stdout().strip())));

    okWithKey("repo", "bump-expiry", dir.toString(), "--within", "2d");
    serve(dir);
    refresh(md).assertSuccess();
    assertTrue(Files.readString(md.resolve("timestamp.json")).contains("\"version\":3"),
        "the client has the bumped timestamp");
    assertEquals("verified: root version 1, 1 targets", ok("repo", "verify", dir.toString()).stdout().strip());
  }

  @Test
  void aTwoHolderRootRotationAndARevocationAreFollowedByTheClient() throws Exception {
    // Set up in-process (fast); the steps under test run as processes.
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458", "--root-key", f.pub("root2"), "--root-threshold", "2");
    f.ok(RepoFixture.online("repo", "sign", dir.toString(), "--key", f.key("root1")));
    f.ok(RepoFixture.online("repo", "sign", dir.toString(), "--key", f.key("root2")));
    f.ok(RepoFixture.online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    f.ok(RepoFixture.online("repo", "publish", dir.toString()));
    serve(dir);
    Path md = clientInit(dir);

    // Root 2 trusts root2 alone: each holder signs in a process of their own.
    ok("repo", "rotate-root", dir.toString(), "--root-key", f.pub("root2"), "--root-threshold", "1");
    okWithKey("repo", "sign", dir.toString(), "--role", "root", "--key", f.key("root1"));
    okWithKey("repo", "sign", dir.toString(), "--role", "root", "--key", f.key("root2"));
    okWithKey("repo", "publish", dir.toString());
    serve(dir);
    refresh(md).assertSuccess();
    assertTrue(Files.readString(md.resolve("root.json")).contains("\"version\":2"));

    // A targets key rotation: root 3 trusts targets2 instead of targets, and targets 2 is signed by it.
    f.ok("repo", "add-key", dir.toString(), "--role", "targets", "--key", f.pub("targets2"));
    ok("repo", "revoke-key", dir.toString(), "--role", "targets", "--key", f.pub("targets"));
    f.ok("repo", "bump-expiry", dir.toString(), "--role", "targets");
    f.ok(RepoFixture.online("repo", "sign", dir.toString(), "--key", f.key("root2")));
    f.ok(RepoFixture.online("repo", "sign", dir.toString(), "--key", f.key("targets2")));
    okWithKey("repo", "publish", dir.toString());
    serve(dir);
    refresh(md).assertSuccess();
    String root = Files.readString(md.resolve("root.json"));
    assertTrue(root.contains("\"version\":3"), root);
    assertTrue(root.contains(f.keyids.get("targets2")) && !root.contains(f.keyids.get("targets")), root);
    assertTrue(Files.readString(md.resolve("targets.json")).contains("\"version\":2"));
  }

  @Test
  void aPep480ProjectIsUploadedClaimedAndDownloaded() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480"); // in-process
    ok("project", "register", dir.toString(), "demo-app", "--key", f.pub("dev"));
    Path wheel = Files.writeString(tmp.resolve("demo_app-1.0-py3-none-any.whl"), "wheel");
    Path meta = tmp.resolve("project-demo-app.json");
    String target = okWithKey("project", "sign", "--project", "demo-app", "--key", f.key("dev"), "--out", meta.toString(),
        wheel.toString()).stdout().strip();
    okWithKey("repo", "accept-upload", dir.toString(), meta.toString(), wheel.toString());
    ok("repo", "claim", dir.toString(), "demo-app");
    okWithKey("repo", "sign", dir.toString(), "--key", f.key("targets"));
    okWithKey("repo", "publish", dir.toString());
    serve(dir);
    Path md = clientInit(dir);
    CliProcess.Result got = download(md, target).assertSuccess();
    assertEquals("wheel", Files.readString(Path.of(got.stdout().strip())));
    assertTrue(Files.exists(md.resolve("claimed.json")) && Files.exists(md.resolve("project-demo-app.json")));
  }

  @Test
  void aWrongPassphraseIsOneLineAndPublishesNothing() throws Exception {
    Path dir = tmp.resolve("repo");
    f.init(dir, "pep458");
    cli.run("repo", "sign", dir.toString(), "--key", f.key("root1"), "--passphrase-env", "WRONG").assertFailure();
    CliProcess.Result r = cli.run("repo", "publish", dir.toString(), "--passphrase-env", "PW").assertFailure();
    assertTrue(r.stderr().contains("root"), r.stderr());
    assertEquals(List.of(), RepoFixture.tree(dir.resolve("metadata")).keySet().stream().toList());
  }
}
