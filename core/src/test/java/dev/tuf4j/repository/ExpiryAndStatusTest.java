package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled job: online roles re-signed before they expire; the operator's status report. */
class ExpiryAndStatusTest {
  @TempDir Path tmp;

  private RepoTesting.Fixture published(RepositoryConfig config) throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    f.repo.addTargets(List.of(new TargetFile("a/b", 1, Map.of("sha256", "ab".repeat(32)))));
    f.signOffline().publish();
    return f;
  }

  @Test
  void withoutTheJobClientsFailOnceTheOnlineRolesExpire() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(4));
    f.clock.advance(Duration.ofHours(25));
    assertThrows(ExpiredMetadataException.class, () -> f.client(tmp.resolve("client")).refresh());
  }

  @Test
  void theJobReSignsExpiringOnlineRolesAndLeavesOfflineRolesAlone() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(4));
    f.clock.advance(Duration.ofHours(20));
    f.repo.bumpOnlineExpiries(Duration.ofHours(6));
    PublishResult r = f.repo.publisher().publishOnline();
    assertEquals(4, r.binsWritten());
    assertEquals(List.of("snapshot", "timestamp"), r.rolesWritten());
    assertEquals(1, f.repo.publishedVersion("root"));
    assertEquals(1, f.repo.publishedVersion("targets"));
    assertEquals(1, f.repo.publishedVersion("bins"));

    f.clock.advance(Duration.ofHours(10)); // 30 hours after the first publish
    Updater client = f.client(tmp.resolve("client"));
    assertTrue(client.targetInfo("a/b").isPresent());
  }

  @Test
  void binsThatDoNotExpireSoonAreNotReSigned() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(4));
    int before = f.online.count.get();
    f.clock.advance(Duration.ofHours(1));
    f.repo.bumpOnlineExpiries(Duration.ofHours(2));
    PublishResult r = f.repo.publisher().publishOnline();
    assertEquals(0, r.binsWritten());
    assertEquals(2, f.online.count.get() - before, "snapshot and timestamp only");
  }

  @Test
  void recentlyClaimedIsAnOnlineRoleTheJobKeepsFresh() throws Exception {
    RepoTesting.Fixture f = published(RepositoryConfig.builder()
        .layout(RepositoryConfig.Layout.PEP_480).binCount(2).build());
    f.clock.advance(Duration.ofHours(23));
    f.repo.bumpOnlineExpiries(Duration.ofHours(2));
    PublishResult r = f.repo.publisher().publishOnline();
    assertEquals(List.of("recently-claimed", "snapshot", "timestamp"), r.rolesWritten());
    assertEquals(1, f.repo.publishedVersion("claimed"));
  }

  @Test
  void theStatusListsEveryRoleItsSignaturesAndWhatExpiresSoon() throws Exception {
    RepoTesting.Fixture f = published(RepoTesting.smallConfig(4));
    f.repo.rotateRootKeys(RoleKeys.of(1, RepoTesting.key("next-root").publicKey()));
    f.repo.sign("root", f.root1);

    RepositoryStatus st = f.repo.status(Duration.ofDays(2));
    assertEquals(List.of("root", "timestamp", "snapshot", "targets", "bins", "bin-0", "bin-1", "bin-2", "bin-3"),
        st.roles().stream().map(RoleStatus::role).toList());
    assertEquals(List.of(), st.unverified());
    RoleStatus root = st.role("root").orElseThrow();
    assertEquals(2, root.signatures().get(0).threshold());
    assertEquals(List.of(f.root1.publicKey().keyId(), f.root2.publicKey().keyId()), root.signatures().get(0).signedBy());
    assertEquals(List.of(f.root3.publicKey().keyId()), root.signatures().get(0).missing());
    assertFalse(root.expiresSoon());
    assertEquals(List.of("timestamp", "snapshot", "bin-0", "bin-1", "bin-2", "bin-3"),
        st.expiringSoon().stream().map(RoleStatus::role).toList());

    SignatureStatus pending = st.pending().get(0);
    assertEquals("root", pending.role());
    assertEquals(2, pending.version());
    assertEquals(1, pending.requirements().get(0).stillNeeded());
    assertEquals(List.of(RepoTesting.key("next-root").publicKey().keyId()), pending.requirements().get(1).missing());
  }
}
