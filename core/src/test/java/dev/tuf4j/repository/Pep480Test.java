package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEP 480: developer-signed project roles under recently-claimed and claimed. */
class Pep480Test {
  static final String DIR = "packages/ab/cd/" + "e".repeat(60) + "/";
  @TempDir Path tmp;
  RepoTesting.Fixture f;
  final SigningKey dev1 = RepoTesting.key("dev1");
  final SigningKey dev2 = RepoTesting.key("dev2");
  final SigningKey stranger = RepoTesting.key("stranger");

  @BeforeEach
  void publishPep480() throws Exception {
    RepositoryConfig config = RepositoryConfig.builder().layout(RepositoryConfig.Layout.PEP_480).binCount(8).build();
    f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    f.signOffline().publish();
  }

  static TargetFile file(String path, String content) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return new TargetFile(path, b.length, Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, b))));
  }

  /** Project metadata as a developer's tool would sign it. */
  byte[] upload(long version, Instant expires, List<TargetFile> files, SigningKey... keys) {
    Metadata<Targets> m = Metadata.of(Targets.of(version, expires).withTargets(files));
    for (SigningKey k : keys) {
      m = m.sign(k);
    }
    return m.toBytes();
  }

  Instant inAMonth() {
    return RepoTesting.NOW.plus(Duration.ofDays(30));
  }

  @Test
  void aFirstUploadBringsTheProjectsDelegationAndTheClientFindsIt() throws Exception {
    f.repo.registerProject(new Project("Demo.Pkg", List.of(dev1.publicKey()), 1));
    TargetFile wheel = file(DIR + "demo_pkg-1.0-py3-none-any.whl", "wheel");
    UploadResult r = f.repo.acceptUpload("demo-pkg", upload(1, inAMonth(), List.of(wheel), dev1));
    assertEquals("project-demo-pkg", r.role());
    assertEquals("recently-claimed", r.delegator());
    assertTrue(r.newDelegation());
    f.repo.publisher().publishOnline();

    Targets recent = Metadata.parseTargets(
        Files.readAllBytes(tmp.resolve("repo/metadata/2.recently-claimed.json")), "recently-claimed").signed();
    DelegatedRole d = recent.delegations().orElseThrow().roles().orElseThrow().get(0);
    assertEquals(List.of("packages/*/*/*/demo_pkg-*", "simple/demo-pkg/*"), d.paths());
    assertTrue(d.terminating());
    assertEquals(wheel, f.client(tmp.resolve("client")).targetInfo(wheel.path()).orElseThrow());
  }

  @Test
  void anUploadSignedByAnotherKeyIsRefused() {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> f.repo.acceptUpload(
        "demo", upload(1, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "x")), stranger)));
    assertEquals("project-demo", e.role());
    assertEquals(0, e.validSignatures());
  }

  @Test
  void anUploadBelowTheProjectsThresholdIsRefused() {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey(), dev2.publicKey()), 2));
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> f.repo.acceptUpload(
        "demo", upload(1, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "x")), dev1)));
    assertEquals(2, e.threshold());
    assertEquals(1, e.validSignatures());
  }

  @Test
  void anUploadListingAPathOutsideTheProjectIsRefused() {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    for (String outside : List.of(DIR + "other-1.0.tar.gz", DIR + "demo_extra-1.0.tar.gz", "simple/other/index.html",
        "demo-1.0.tar.gz")) {
      MetadataFormatException e = assertThrows(MetadataFormatException.class, () -> f.repo.acceptUpload(
          "demo", upload(1, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "x"), file(outside, "y")), dev1)),
          outside);
      assertTrue(e.getMessage().contains(outside), e.getMessage());
    }
  }

  @Test
  void anExpiredUploadIsRefused() {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    assertThrows(ExpiredMetadataException.class, () -> f.repo.acceptUpload(
        "demo", upload(1, RepoTesting.NOW.minusSeconds(1), List.of(file(DIR + "demo-1.0.tar.gz", "x")), dev1)));
  }

  @Test
  void anUploadThatDoesNotRaiseTheVersionIsRefused() throws Exception {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    f.repo.acceptUpload("demo", upload(2, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "x")), dev1));
    f.repo.publisher().publishOnline();
    for (long old : List.of(1L, 2L)) {
      BadVersionException e = assertThrows(BadVersionException.class, () -> f.repo.acceptUpload(
          "demo", upload(old, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "evil")), dev1)));
      assertEquals(3, e.expected());
      assertEquals(old, e.found());
    }
    f.repo.acceptUpload("demo", upload(3, inAMonth(), List.of(file(DIR + "demo-1.1.tar.gz", "x")), dev1));
  }

  @Test
  void anUnregisteredProjectCannotUpload() {
    assertThrows(IllegalArgumentException.class, () -> f.repo.acceptUpload(
        "demo", upload(1, inAMonth(), List.of(file(DIR + "demo-1.0.tar.gz", "x")), dev1)));
  }

  @Test
  void uploadedFilesMustMatchTheirListingAndArePublishedWithTheMetadata() throws Exception {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    TargetFile listed = file(DIR + "demo-1.0.tar.gz", "the real sdist");
    Path wrong = Files.writeString(tmp.resolve("wrong"), "something else");
    byte[] meta = upload(1, inAMonth(), List.of(listed), dev1);
    assertThrows(LengthOrHashMismatchException.class,
        () -> f.repo.acceptUpload("demo", meta, Map.of(listed.path(), wrong)));

    Path right = Files.writeString(tmp.resolve("right"), "the real sdist");
    f.repo.acceptUpload("demo", meta, Map.of(listed.path(), right));
    f.repo.publisher().publishOnline();
    Updater client = f.client(tmp.resolve("client"));
    assertEquals("the real sdist", Files.readString(client.download(client.targetInfo(listed.path()).orElseThrow())));
  }

  @Test
  void claimingMovesAProjectToClaimedOnceClaimedIsSignedOffline() throws Exception {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    TargetFile sdist = file(DIR + "demo-1.0.tar.gz", "x");
    f.repo.acceptUpload("demo", upload(1, inAMonth(), List.of(sdist), dev1));
    f.repo.publisher().publishOnline();

    SignatureStatus st = f.repo.claimProjects(List.of("demo"));
    assertEquals("claimed", st.role());
    assertFalse(st.complete());
    f.repo.publisher().publishOnline(); // nothing to do yet: the move waits for the signature
    assertTrue(delegates("recently-claimed", "project-demo"));

    f.repo.sign("claimed", f.claimedKey);
    f.repo.publisher().publish();
    assertTrue(delegates("claimed", "project-demo"));
    assertFalse(delegates("recently-claimed", "project-demo"));
    assertEquals(sdist, f.client(tmp.resolve("client")).targetInfo(sdist.path()).orElseThrow());

    // The next upload goes through claimed.
    UploadResult r = f.repo.acceptUpload("demo", upload(2, inAMonth(), List.of(sdist), dev1));
    assertEquals("claimed", r.delegator());
  }

  @Test
  void theOnlineKeyCannotSignForAClaimedProjectsPaths() throws Exception {
    f.repo.registerProject(new Project("demo", List.of(dev1.publicKey()), 1));
    TargetFile real = file(DIR + "demo-1.0.tar.gz", "real");
    f.repo.acceptUpload("demo", upload(1, inAMonth(), List.of(real), dev1));
    f.repo.publisher().publishOnline();
    // An attacker with the online key puts other bytes for the same path in the unclaimed bins.
    f.repo.addTargets(List.of(file(real.path(), "evil")));
    f.repo.addTargets(List.of(file(DIR + "demo-6.6.tar.gz", "evil")));
    f.repo.publisher().publishOnline();

    Updater client = f.client(tmp.resolve("client"));
    assertEquals(real, client.targetInfo(real.path()).orElseThrow());
    assertTrue(client.targetInfo(DIR + "demo-6.6.tar.gz").isEmpty(), "the project's role ends the search");
  }

  @Test
  void unclaimedProjectsStayInTheBins() throws Exception {
    TargetFile other = file(DIR + "unclaimed-2.0.tar.gz", "pep 458 style");
    f.repo.addTargets(List.of(other));
    f.repo.publisher().publishOnline();
    assertEquals(other, f.client(tmp.resolve("client")).targetInfo(other.path()).orElseThrow());
  }

  private boolean delegates(String role, String project) throws Exception {
    long v = f.repo.publishedVersion(role);
    Targets t = Metadata.parseTargets(Files.readAllBytes(tmp.resolve("repo/metadata/" + v + "." + role + ".json")), role)
        .signed();
    return t.delegations().orElseThrow().roles().orElseThrow().stream().anyMatch(r -> r.name().equals(project));
  }
}
