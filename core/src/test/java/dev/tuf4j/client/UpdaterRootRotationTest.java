package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.TufException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Root chain (spec 5.3) as a table: each case publishes roots, refreshes, checks everything. */
class UpdaterRootRotationTest {
  @TempDir Path tmp;

  /**
   * @param publish edits the simulator after the client's first refresh
   * @param failure the expected error type, or null for success
   * @param storedRoot the root version stored afterwards
   * @param rootRequests how many N.root.json requests the second refresh makes
   */
  record Case(String name, Consumer<RepositorySimulator> publish, Class<? extends TufException> failure,
      long storedRoot, int rootRequests, boolean timestampRequested) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no new root", r -> {}, null, 1, 1, true),
        new Case("1-of-1 key rotation signed by old and new", r -> {
          SigningKey old = r.signers.get("root").get(0);
          SigningKey fresh = r.rotateKey("root");
          r.signers.put("root", List.of(old, fresh));
          r.bumpRoot();
        }, null, 2, 2, true),
        new Case("1-of-1 rotation signed by the new key only", r -> {
          r.rotateKey("root");
          r.bumpRoot();
        }, UnsignedMetadataException.class, 1, 1, false),
        new Case("rotation signed by the old key only", r -> {
          SigningKey old = r.signers.get("root").get(0);
          r.rotateKey("root");
          r.signers.put("root", List.of(old));
          r.bumpRoot();
        }, UnsignedMetadataException.class, 1, 1, false),
        new Case("3-of-5 to 3-of-5 with two keys replaced", r -> {
          List<SigningKey> five = useKeys(r, 5, 3);
          List<SigningKey> next = new ArrayList<>(five.subList(0, 3));
          next.add(r.newKey());
          next.add(r.newKey());
          setRootKeys(r, next, 3);
          r.signers.put("root", List.of(five.get(3), five.get(4), next.get(0), next.get(3), next.get(4)));
          r.bumpRoot();
        }, null, 3, 3, true),
        new Case("3-of-5 with only 2 of the old keys signing", r -> {
          List<SigningKey> five = useKeys(r, 5, 3);
          r.root = r.root.withRoles(withRootThreshold(r, 3));
          r.signers.put("root", List.of(five.get(0), five.get(1)));
          r.bumpRoot();
        }, UnsignedMetadataException.class, 2, 2, false),
        new Case("threshold raised to 2 of 2, signed by both", r -> {
          List<SigningKey> two = List.of(r.signers.get("root").get(0), r.newKey());
          setRootKeys(r, two, 2);
          r.signers.put("root", two);
          r.bumpRoot();
        }, null, 2, 2, true),
        new Case("threshold raised to 2 of 2, signed by one", r -> {
          List<SigningKey> two = List.of(r.signers.get("root").get(0), r.newKey());
          setRootKeys(r, two, 2);
          r.signers.put("root", List.of(two.get(0)));
          r.bumpRoot();
        }, UnsignedMetadataException.class, 1, 1, false),
        new Case("version skip: file 2 holds version 3", r -> {
          r.root = r.root.withVersion(3);
          r.publishRoot();
        }, BadVersionException.class, 1, 1, false),
        new Case("three rotations in a row", r -> {
          r.bumpRoot();
          r.bumpRoot();
          r.bumpRoot();
        }, null, 4, 4, true),
        new Case("expired intermediate root is fine", r -> {
          r.root = r.root.withExpires(Instant.parse("2001-01-01T00:00:00Z"));
          r.bumpRoot();
          r.root = r.root.withExpires(RepositorySimulator.EXPIRES);
          r.bumpRoot();
        }, null, 3, 3, true),
        new Case("expired final root is persisted, then the update fails", r -> {
          r.root = r.root.withExpires(Instant.parse("2001-01-01T00:00:00Z"));
          r.bumpRoot();
        }, ExpiredMetadataException.class, 2, 2, false));
  }

  private static List<SigningKey> useKeys(RepositorySimulator r, int n, int threshold) {
    List<SigningKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(r.newKey());
    }
    SigningKey old = r.signers.get("root").get(0);
    setRootKeys(r, keys, threshold);
    List<SigningKey> signing = new ArrayList<>(keys);
    signing.add(old);
    r.signers.put("root", signing);
    r.bumpRoot(); // version 2 moves to the n keys
    r.signers.put("root", keys);
    return keys;
  }

  private static void setRootKeys(RepositorySimulator r, List<SigningKey> keys, int threshold) {
    for (String id : r.root.roles().get("root").keyids()) {
      r.root = r.root.withoutRoleKey("root", id);
    }
    for (SigningKey k : keys) {
      r.root = r.root.withRoleKey("root", k.publicKey().keyId(), Key.of(k.publicKey()));
    }
    r.root = r.root.withRoles(withRootThreshold(r, threshold));
  }

  private static java.util.Map<String, Role> withRootThreshold(RepositorySimulator r, int threshold) {
    java.util.Map<String, Role> roles = new java.util.LinkedHashMap<>(r.root.roles());
    roles.put("root", roles.get("root").withThreshold(threshold));
    return roles;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rootChain(Case c) throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    h.refresh();
    c.publish().accept(repo);
    // Roots the client already saw before this case published are not requested again.
    long firstNew = Math.max(2, h.storedVersion("root") + 1);
    if (c.failure() == null) {
      h.refresh();
    } else {
      TufException e = assertThrows(TufException.class, h::refresh);
      assertInstanceOf(c.failure(), e, e.getMessage());
    }
    assertEquals(c.storedRoot(), h.storedVersion("root"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < c.rootRequests(); i++) {
      expected.add("metadata/" + (firstNew + i) + ".root.json");
    }
    if (c.timestampRequested()) {
      expected.add("metadata/timestamp.json");
    }
    List<String> actual = h.repo.requests().stream().filter(s -> !s.contains("snapshot") && !s.contains("targets")).toList();
    assertEquals(expected, actual);
  }
}
