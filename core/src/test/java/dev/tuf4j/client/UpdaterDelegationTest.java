package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.DelegationMatching;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target search through delegations (spec 5.6.7): outcome and the exact requests. */
@org.junit.jupiter.api.Timeout(60)
class UpdaterDelegationTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Publishes the repository, refreshes, and clears the request log. */
  private UpdaterHarness ready(RepositorySimulator repo) throws Exception {
    for (String role : new ArrayList<>(repo.targets.keySet())) {
      repo.targets.put(role, repo.targets.get(role).withVersion(repo.targets.get(role).version() + 1));
    }
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    repo.clearRequests();
    return h;
  }

  private static DelegatedRole paths(String name, String... patterns) {
    return DelegatedRole.forPaths(name, List.of(), 1, List.of(patterns));
  }

  @Test
  void delegationsAreSearchedInOrderAndTheFirstListingWins() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("first", "a/*"));
    repo.addDelegation("targets", paths("second", "a/*"));
    repo.addTarget("first", "a/x", bytes("from first"));
    repo.addTarget("second", "a/x", bytes("from second, longer"));
    UpdaterHarness h = ready(repo);
    TargetFile info = h.updater().targetInfo("a/x").orElseThrow();
    assertEquals("from first".length(), info.length());
    h.assertRequests("metadata/2.root.json", "metadata/timestamp.json", "metadata/2.first.json");
    assertEquals(2, h.storedVersion("first"));
    assertEquals(0, h.storedVersion("second"));
  }

  @Test
  void searchGoesOnWhenARoleDoesNotListThePath() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("first", "a/*"));
    repo.addDelegation("targets", paths("second", "a/*"));
    repo.addTarget("second", "a/y", bytes("y"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertTrue(u.targetInfo("a/y").isPresent());
    h.assertRequests("metadata/2.first.json", "metadata/2.second.json");
    // Loaded roles are not fetched again for the next search.
    repo.clearRequests();
    assertTrue(u.targetInfo("a/y").isPresent());
    h.assertRequests();
  }

  @Test
  void terminatingRoleEndsTheSearchAfterItsSubtree() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("outer", "a/*"));
    repo.addDelegation("outer", paths("inner", "a/*").withTerminating(true));
    repo.addDelegation("outer", paths("inner-sibling", "a/*"));
    repo.addDelegation("targets", paths("later", "a/*"));
    repo.addTarget("later", "a/z", bytes("z"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertEquals(Optional.empty(), u.targetInfo("a/z"));
    h.assertRequests("metadata/2.outer.json", "metadata/2.inner.json");
    assertEquals(List.of(2L, 2L, 0L, 0L), List.of(h.storedVersion("outer"), h.storedVersion("inner"),
        h.storedVersion("inner-sibling"), h.storedVersion("later")));
  }

  @Test
  void cyclesAreVisitedOnce() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    SigningKey aKey = repo.addDelegation("targets", paths("a", "*"));
    repo.addDelegation("a", paths("b", "*"));
    // b delegates back to a, with a's real key.
    repo.addDelegation("b", paths("a", "*"));
    repo.signers.put("a", new ArrayList<>(List.of(aKey)));
    fixDelegationKey(repo, "b", "a", aKey);
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertEquals(Optional.empty(), u.targetInfo("nothing"));
    h.assertRequests("metadata/2.a.json", "metadata/2.b.json");
  }

  @Test
  void searchStopsAfterMaxDelegations() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    String parent = "targets";
    for (int i = 0; i < 5; i++) {
      repo.addDelegation(parent, paths("level" + i, "*"));
      parent = "level" + i;
    }
    repo.addTarget("level4", "deep", bytes("deep"));
    UpdaterHarness h = ready(repo);
    h.config = UpdaterConfig.DEFAULTS.withMaxDelegations(3);
    Updater limited = h.updater();
    limited.refresh();
    repo.clearRequests();
    assertEquals(Optional.empty(), limited.targetInfo("deep"));
    h.assertRequests("metadata/2.level0.json", "metadata/2.level1.json");
    h.config = UpdaterConfig.DEFAULTS;
    assertTrue(h.updater().targetInfo("deep").isPresent());
  }

  @Test
  void aPathMustBeAllowedAtEveryHop() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("a", "a/*"));
    repo.addDelegation("a", paths("c", "*/*"));
    repo.addTarget("c", "b/x", bytes("x"));
    repo.addTarget("c", "a/x", bytes("x"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    assertFalse(u.targetInfo("b/x").isPresent());
    assertTrue(u.targetInfo("a/x").isPresent());
  }

  @Test
  void hashPrefixDelegationsAreFollowedOnlyWhenTheyMatch() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    String path = "pkg/file-1.0.tar.gz";
    String prefix = DelegationMatching.pathHash(path).substring(0, 1);
    String other = prefix.equals("0") ? "1" : "0";
    repo.addDelegation("targets", DelegatedRole.forHashPrefixes("other-bin", List.of(), 1, List.of(other)));
    repo.addDelegation("targets", DelegatedRole.forHashPrefixes("its-bin", List.of(), 1, List.of(prefix)));
    repo.addTarget("its-bin", path, bytes("content"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertTrue(u.targetInfo(path).isPresent());
    h.assertRequests("metadata/2.its-bin.json");
  }

  @Test
  void succinctBinsFetchOnlyTheTargetsBin() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addSuccinctBins("targets", 4, "bins");
    String path = "packages/ab/cd/example-1.0-py3-none-any.whl";
    String bin = new dev.tuf4j.metadata.SuccinctRoles(List.of(), 1, 4, "bins").roleForTarget(path);
    repo.addTarget(bin, path, bytes("wheel"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertTrue(u.targetInfo(path).isPresent());
    h.assertRequests("metadata/2." + bin + ".json");
    repo.clearRequests();
    // Another path in another bin that does not list it: not found, and no other bin is tried.
    String missing = "packages/zz/zz/other-2.0.tar.gz";
    assertEquals(Optional.empty(), u.targetInfo(missing));
    String otherBin = new dev.tuf4j.metadata.SuccinctRoles(List.of(), 1, 4, "bins").roleForTarget(missing);
    h.assertRequests(otherBin.equals(bin) ? new String[0] : new String[] {"metadata/2." + otherBin + ".json"});
  }

  @Test
  void aRoleReachedFromASecondDelegatorIsVerifiedAgainstIt() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("a", "x/*"));
    repo.addDelegation("targets", paths("b", "y/*"));
    SigningKey sharedKey = repo.addDelegation("a", paths("shared", "*/*"));
    repo.addDelegation("b", paths("shared", "*/*")); // b lists another key for "shared"
    repo.signers.put("shared", new ArrayList<>(List.of(sharedKey)));
    repo.addTarget("shared", "x/1", bytes("1"));
    repo.addTarget("shared", "y/1", bytes("1"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    assertTrue(u.targetInfo("x/1").isPresent());
    UnsignedMetadataException e = assertThrows(UnsignedMetadataException.class, () -> u.targetInfo("y/1"));
    assertEquals("shared", e.role());
  }

  @Test
  void aRoleMissingFromSnapshotIsNeverFetched() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("unlisted", "*"));
    repo.addTarget("unlisted", "f", bytes("f"));
    ready(repo);
    Map<String, MetaFile> meta = new LinkedHashMap<>(repo.snapshot.meta());
    meta.remove("unlisted.json");
    repo.snapshot = repo.snapshot.withMeta(meta).withVersion(repo.snapshot.version() + 1);
    repo.updateTimestamp();
    Path fresh = Files.createDirectories(tmp.resolve("fresh"));
    UpdaterHarness h2 = new UpdaterHarness(repo, fresh);
    Updater u = h2.updater();
    u.refresh();
    repo.clearRequests();
    MissingMetadataException e = assertThrows(MissingMetadataException.class, () -> u.targetInfo("f"));
    assertEquals("unlisted", e.role());
    h2.assertRequests();
    assertFalse(h2.jsonFiles().contains("unlisted.json"));
  }

  @Test
  void roleNamesAreEncodedInUrlsAndFileNames() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("../evil role?", "*"));
    repo.addTarget("../evil role?", "f", bytes("f"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();
    assertTrue(u.targetInfo("f").isPresent());
    h.assertRequests("metadata/2...%2Fevil%20role%3F.json");
    assertTrue(h.jsonFiles().contains("..%2Fevil%20role%3F.json"), h.jsonFiles().toString());
  }

  @Test
  void allTargetsListsEveryRole() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("a", "a/*"));
    repo.addDelegation("a", paths("a2", "a/*"));
    repo.addTarget("targets", "top", bytes("t"));
    repo.addTarget("a", "a/1", bytes("1"));
    repo.addTarget("a2", "a/2", bytes("2"));
    UpdaterHarness h = ready(repo);
    List<String> paths = h.updater().allTargets().stream().map(TargetFile::path).toList();
    assertEquals(List.of("top", "a/1", "a/2"), paths);
  }

  @Test
  void allTargetsGivesOnlyWhatASearchTrusts() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    // "x" comes first and lists a/1 and b/1 but is trusted for c/* only.
    repo.addDelegation("targets", paths("x", "c/*"));
    repo.addDelegation("targets", paths("a", "a/*"));
    repo.addTarget("x", "a/1", bytes("from x, not trusted for a/*"));
    repo.addTarget("x", "b/1", bytes("from x"));
    repo.addTarget("x", "c/1", bytes("c"));
    repo.addTarget("a", "a/1", bytes("from a"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();

    List<TargetFile> all = u.allTargets();
    assertEquals(List.of("a/1", "c/1"), all.stream().map(TargetFile::path).toList());
    assertEquals("from a".length(), all.get(0).length(), "a/1 as role a lists it, not x");
    assertEquals(u.targetInfo("a/1"), Optional.of(all.get(0)));
    assertEquals(Optional.empty(), u.targetInfo("b/1"));
  }

  @Test
  void allTargetsLeavesOutWhatATerminatingDelegationHides() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", paths("first", "a/*").withTerminating(true));
    repo.addDelegation("targets", paths("later", "a/*"));
    repo.addTarget("first", "a/1", bytes("1"));
    repo.addTarget("later", "a/2", bytes("2"));
    UpdaterHarness h = ready(repo);
    Updater u = h.updater();
    u.refresh();
    repo.clearRequests();

    assertEquals(List.of("a/1"), u.allTargets().stream().map(TargetFile::path).toList());
    // Every role is still loaded once, and the searches behind the answer request nothing more.
    h.assertRequests("metadata/2.first.json", "metadata/2.later.json");
    assertEquals(Optional.empty(), u.targetInfo("a/2"));
  }

  private static void fixDelegationKey(RepositorySimulator repo, String delegator, String role, SigningKey key) {
    var t = repo.targets.get(delegator);
    var d = t.delegations().orElseThrow();
    Map<String, dev.tuf4j.metadata.Key> keys = new LinkedHashMap<>(d.keys());
    keys.put(key.publicKey().keyId(), dev.tuf4j.metadata.Key.of(key.publicKey()));
    List<DelegatedRole> roles = new ArrayList<>();
    for (DelegatedRole r : d.roles().orElseThrow()) {
      roles.add(r.name().equals(role) ? r.withKeyids(List.of(key.publicKey().keyId())) : r);
    }
    repo.targets.put(delegator, t.withDelegations(dev.tuf4j.metadata.Delegations.of(keys, roles)));
  }
}
