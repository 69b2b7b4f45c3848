package dev.tuf4j.cli;

import static dev.tuf4j.cli.RepoFixture.online;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEP 480 developer flow in-process: register, sign an upload, accept it, claim. */
class ProjectCommandsTest {
  @TempDir static Path keys;
  static RepoFixture f;
  @TempDir Path tmp;

  @BeforeAll
  static void keys() throws Exception {
    f = RepoFixture.create(keys);
  }

  private Path upload(String name, String content, String project, String... more) throws Exception {
    Path file = Files.writeString(tmp.resolve(name), content);
    Path meta = tmp.resolve("project-" + project + ".json");
    String[] args = {"project", "sign", "--project", project, "--key", f.key("dev"), "--out", meta.toString(),
        file.toString()};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    f.ok(online(all));
    return meta;
  }

  @Test
  void aRegisteredProjectsUploadIsDownloadedByTheClientBeforeAndAfterItsClaim() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    InProcess.Result reg = f.ok("project", "register", dir.toString(), "Foo.Bar", "--key", f.pub("dev"));
    assertEquals("registered project-foo-bar for paths packages/*/*/*/foo_bar-* simple/foo-bar/*", reg.stdout().strip());
    Path meta = upload("foo_bar-1.0.tar.gz", "sdist", "foo-bar");
    Path file = tmp.resolve("foo_bar-1.0.tar.gz");
    InProcess.Result accepted = f.ok(online("repo", "accept-upload", dir.toString(), meta.toString(), file.toString()));
    assertTrue(accepted.stdout().startsWith("accepted project-foo-bar version 1 (1 targets, in recently-claimed)"),
        accepted.stdout());
    assertFalse(Files.exists(dir.resolve(".tuf4j/projects/foo-bar")), "the registration is consumed");
    String status = f.ok("repo", "status", dir.toString()).stdout();
    assertTrue(status.lines().anyMatch(l -> l.startsWith("project-foo-bar version 1 ") && l.contains(" developer-signed ")),
        status);

    Updater client = RepoFixture.client(dir, tmp.resolve("client"));
    List<TargetFile> all = client.allTargets();
    assertEquals(1, all.size());
    String path = all.get(0).path();
    assertTrue(path.matches("packages/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60}/foo_bar-1\\.0\\.tar\\.gz"), path);
    assertArrayEquals("sdist".getBytes(), Files.readAllBytes(client.download(all.get(0))));

    f.ok("repo", "claim", dir.toString(), "foo-bar");
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    f.ok(online("repo", "publish", dir.toString()));
    Updater after = RepoFixture.client(dir, tmp.resolve("client2"));
    assertTrue(after.targetInfo(path).isPresent());
    after.allTargets(); // loads every role, recently-claimed too
    var claimed = (dev.tuf4j.metadata.Targets) after.trustedMetadata("claimed").orElseThrow().signed();
    assertTrue(claimed.delegations().orElseThrow().roles().orElseThrow().stream()
        .anyMatch(r -> r.name().equals("project-foo-bar")));
    var recent = (dev.tuf4j.metadata.Targets) after.trustedMetadata("recently-claimed").orElseThrow().signed();
    assertTrue(recent.delegations().orElseThrow().roles().orElseThrow().isEmpty(), "moved out of recently-claimed");
  }

  @Test
  void aClaimSurvivesBetweenTheClaimAndTheSigningRun() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "a", "--key", f.pub("dev"));
    f.ok("project", "register", dir.toString(), "b", "--key", f.pub("dev"));
    f.ok(online("repo", "accept-upload", dir.toString(), upload("a-1.whl", "a", "a").toString()));
    f.ok(online("repo", "accept-upload", dir.toString(), upload("b-1.whl", "b", "b").toString()));
    f.ok("repo", "claim", dir.toString(), "b");
    f.ok("repo", "claim", dir.toString(), "a");
    InProcess.Result status = f.ok("repo", "status", dir.toString());
    assertTrue(status.stdout().contains("pending claimed version 2: needs 1 more of targets"), status.stdout());
    f.ok(online("repo", "sign", dir.toString(), "--key", f.key("targets")));
    f.ok(online("repo", "publish", dir.toString()));
    Updater client = RepoFixture.client(dir, tmp.resolve("client"));
    client.allTargets();
    var recent = (dev.tuf4j.metadata.Targets) client.trustedMetadata("recently-claimed").orElseThrow().signed();
    assertTrue(recent.delegations().orElseThrow().roles().orElseThrow().isEmpty());
    assertFalse(Files.exists(dir.resolve(".tuf4j/claims")));
  }

  @Test
  void anUploadSignedByAnotherKeyIsRefusedAndNothingIsPublished() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "foo", "--key", f.pub("dev2"));
    Path meta = upload("foo-1.0.whl", "w", "foo");
    var before = RepoFixture.tree(dir.resolve("metadata"));
    InProcess.Result r = f.fails(online("repo", "accept-upload", dir.toString(), meta.toString()));
    assertTrue(r.stderr().contains("project-foo"), r.stderr());
    assertEquals(before, RepoFixture.tree(dir.resolve("metadata")));
  }

  @Test
  void anUploadedFileThatDiffersFromItsMetadataIsRefused() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "foo", "--key", f.pub("dev"));
    Path meta = upload("foo-1.0.whl", "original", "foo");
    Files.writeString(tmp.resolve("foo-1.0.whl"), "tampered");
    f.fails(online("repo", "accept-upload", dir.toString(), meta.toString(), tmp.resolve("foo-1.0.whl").toString()));
  }

  @Test
  void aSecondDeveloperAddsASignatureForAThresholdOfTwo() throws Exception {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "foo", "--key", f.pub("dev"), "--key", f.pub("dev2"),
        "--threshold", "2");
    Path meta = upload("foo-1.0.whl", "w", "foo");
    f.fails(online("repo", "accept-upload", dir.toString(), meta.toString()));
    f.ok(online("project", "sign", "--project", "foo", "--key", f.key("dev2"), "--out", meta.toString()));
    f.ok(online("repo", "accept-upload", dir.toString(), meta.toString()));
  }

  @Test
  void aFileNamedForAnotherProjectIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path file = Files.writeString(tmp.resolve("other-1.0.whl"), "x");
    Path meta = tmp.resolve("m.json");
    InProcess.Result r = f.fails(online("project", "sign", "--project", "foo", "--key", f.key("dev"),
        "--out", meta.toString(), file.toString()));
    assertTrue(r.stderr().contains("must be named foo-"), r.stderr());
    assertFalse(Files.exists(meta));
  }

  @Test
  void projectsNeedThePep480Layout() {
    Path dir = f.published(tmp.resolve("repo"), "pep458");
    InProcess.Result r = f.fails("project", "register", dir.toString(), "foo", "--key", f.pub("dev"));
    assertEquals("error: projects need the PEP 480 layout", r.stderr().strip());
  }

  @Test
  void aProjectCannotBeRegisteredTwice() {
    Path dir = f.published(tmp.resolve("repo"), "pep480");
    f.ok("project", "register", dir.toString(), "foo", "--key", f.pub("dev"));
    InProcess.Result r = f.fails("project", "register", dir.toString(), "Foo", "--key", f.pub("dev"));
    assertTrue(r.stderr().contains("registered already"), r.stderr());
  }
}
