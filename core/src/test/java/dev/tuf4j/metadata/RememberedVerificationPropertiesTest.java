package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@code requireDelegate} stops at the threshold and remembers successes on the metadata object:
 * whatever the sequence of checks against one object, each outcome equals a fresh, complete
 * {@code verifyDelegate} of the same bytes parsed anew (an object with nothing remembered).
 */
class RememberedVerificationPropertiesTest {
  private static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();
  private static final List<SigningKey> POOL =
      IntStream.range(0, 5).mapToObj(i -> Fixtures.key(300 + i)).toList();
  private static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");
  private static final String DELEGATED = "project";

  /**
   * A delegator described by small numbers: which pool key stands behind each of 3 keyids
   * (keyids are fixed names, so one keyid may mean different keys to different delegators),
   * how many of them the role lists, the threshold, the role and whether root or a targets
   * delegation checks.
   */
  private record Delegator(Signed signed, String role) {
    void require(Metadata<?> m) throws UnsignedMetadataException {
      if (signed instanceof Root r) {
        r.requireDelegate(role, m, REGISTRY);
      } else {
        ((Targets) signed).requireDelegate(role, m, REGISTRY, "targets");
      }
    }

    boolean freshlyVerified(Metadata<?> m) {
      return signed instanceof Root r
          ? r.verifyDelegate(role, m, REGISTRY).verified()
          : ((Targets) signed).verifyDelegate(role, m, REGISTRY).verified();
    }
  }

  private static Delegator delegator(int spec) {
    int[] keyOf = {spec % 5, (spec / 5) % 5, (spec / 25) % 5};
    int listed = 1 + (spec / 125) % 3;
    int threshold = 1 + (spec / 375) % listed;
    boolean byRoot = (spec / 1125) % 2 == 0;
    String role = ROLES.get((spec / 2250) % 4);
    Map<String, Key> keys = new LinkedHashMap<>();
    List<String> keyids = new ArrayList<>();
    for (int i = 0; i < listed; i++) {
      keys.put("k" + i, Key.of(POOL.get(keyOf[i]).publicKey()));
      keyids.add("k" + i);
    }
    if (byRoot) {
      Map<String, Role> roles = new LinkedHashMap<>();
      for (String name : ROLES) {
        roles.put(name, new Role(keyids, threshold));
      }
      return new Delegator(Root.of(Fixtures.EXPIRES, keys, roles), role);
    }
    DelegatedRole delegated = DelegatedRole.forPaths(DELEGATED, keyids, threshold, List.of("*"));
    Targets targets = Targets.of(1, Fixtures.EXPIRES).withDelegations(Delegations.of(keys, List.of(delegated)));
    return new Delegator(targets, DELEGATED);
  }

  private static Metadata<Snapshot> signedBy(int signerMask) throws MetadataFormatException {
    Metadata<Snapshot> m = Metadata.of(Snapshot.of(1, Fixtures.EXPIRES, Map.of()));
    for (int i = 0; i < POOL.size(); i++) {
      if ((signerMask & (1 << i)) != 0) {
        m = m.sign(POOL.get(i), "k" + (i % 3));
      }
    }
    return Metadata.parseSnapshot(m.toBytes());
  }

  @Property(tries = 120)
  void rememberedSuccessNeverAcceptsWhatAFreshCheckRejects(
      @ForAll @IntRange(min = 0, max = 31) int signerMask,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 8999) Integer> delegatorSpecs,
      @ForAll @Size(min = 2, max = 10) List<@IntRange(min = 0, max = 3) Integer> order)
      throws MetadataFormatException {
    Metadata<Snapshot> m = signedBy(signerMask);
    // The same delegator objects come back in the order given, so successes are remembered
    // and then met again, by the same objects and by others with the same keyids.
    List<Delegator> delegators = delegatorSpecs.stream().map(RememberedVerificationPropertiesTest::delegator).toList();
    for (int pick : order) {
      Delegator d = delegators.get(pick % delegators.size());
      boolean expected = d.freshlyVerified(Metadata.parseSnapshot(m.toBytes()));
      boolean actual;
      try {
        d.require(m);
        actual = true;
      } catch (UnsignedMetadataException e) {
        actual = false;
      }
      assertEquals(expected, actual, () -> d + " on signers " + signerMask);
    }
  }

  @Property(tries = 40)
  void mutatedBytesAreVerifiedAgain(
      @ForAll @IntRange(min = 1, max = 31) int signerMask, @ForAll @IntRange(min = 0, max = 2) int mutation)
      throws MetadataFormatException {
    Metadata<Snapshot> m = signedBy(signerMask);
    Delegator anySigner = delegatorSigningWithAnyOf(signerMask);
    assertEquals(true, anySigner.freshlyVerified(m));
    assertDoesNotThrowUnsigned(anySigner, m);
    String text = new String(m.toBytes(), StandardCharsets.UTF_8);
    String mutated = switch (mutation) {
      case 0 -> text.replace("\"version\":1", "\"version\":2");
      case 1 -> text.replace("2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z");
      default -> text.replace("\"meta\":{}", "\"meta\":{\"targets.json\":{\"version\":1}}");
    };
    Metadata<Snapshot> other = Metadata.parseSnapshot(mutated.getBytes(StandardCharsets.UTF_8));
    assertThrows(UnsignedMetadataException.class, () -> anySigner.require(other));
  }

  @Test
  void aRememberedSuccessDoesNotCarryOverToALaterEdit() throws MetadataFormatException {
    Delegator d = delegatorSigningWithAnyOf(0b1);
    Metadata<Snapshot> m = signedBy(0b1);
    assertDoesNotThrowUnsigned(d, m);
    // Same signatures over other signed bytes: a new object, checked from scratch.
    Metadata<Snapshot> edited =
        m.withSigned(m.signed().withVersion(2)).withSignatures(m.signatures());
    assertThrows(UnsignedMetadataException.class, () -> d.require(edited));
  }

  @Test
  void sameKeyidsBoundToAnotherKeyAreCheckedAgain() throws MetadataFormatException {
    Metadata<Snapshot> m = signedBy(0b1); // key 0 signed under keyid k0
    Delegator trusting0 = delegator(0); // k0 -> key 0, threshold 1, root, role "root"
    Delegator trusting3 = delegator(3); // k0 -> key 3, otherwise the same
    assertDoesNotThrowUnsigned(trusting0, m);
    assertThrows(UnsignedMetadataException.class, () -> trusting3.require(m));
    assertDoesNotThrowUnsigned(trusting0, m);
  }

  @Test
  void sameKeysWithAnotherThresholdOrRoleAreCheckedAgain() throws Exception {
    Metadata<Snapshot> m = signedBy(0b1);
    Map<String, Key> keys = Map.of("k0", Key.of(POOL.get(0).publicKey()), "k1", Key.of(POOL.get(1).publicKey()));
    Map<String, Role> roles = new LinkedHashMap<>();
    roles.put("root", new Role(List.of("k0", "k1"), 1));
    roles.put("timestamp", new Role(List.of("k0", "k1"), 2));
    roles.put("snapshot", new Role(List.of("k1"), 1));
    roles.put("targets", new Role(List.of("k0", "k1"), 1));
    Root root = Root.of(Fixtures.EXPIRES, keys, roles);
    root.requireDelegate("root", m, REGISTRY);
    assertThrows(UnsignedMetadataException.class, () -> root.requireDelegate("timestamp", m, REGISTRY));
    assertThrows(UnsignedMetadataException.class, () -> root.requireDelegate("snapshot", m, REGISTRY));
    root.requireDelegate("targets", m, REGISTRY);
  }

  @Test
  void thresholdFailureReportsEveryValidSignature() throws MetadataFormatException {
    Map<String, Key> keys = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      keys.put("k" + i, Key.of(POOL.get(i).publicKey()));
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : ROLES) {
      roles.put(name, new Role(List.of("k0", "k1", "k2"), 3));
    }
    Root root = Root.of(Fixtures.EXPIRES, keys, roles);
    Metadata<Snapshot> m = signedBy(0b011);
    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> root.requireDelegate("snapshot", m, REGISTRY));
    assertEquals(2, e.validSignatures());
    assertEquals(3, e.threshold());
  }

  /**
   * A root whose snapshot role lists, threshold 1, the keyid k(i % 3) of the highest signer i
   * (whose signature no later signer under the same keyid replaced).
   */
  private static Delegator delegatorSigningWithAnyOf(int signerMask) {
    int signer = 31 - Integer.numberOfLeadingZeros(signerMask);
    Map<String, Key> keys = Map.of("k" + (signer % 3), Key.of(POOL.get(signer).publicKey()));
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : ROLES) {
      roles.put(name, new Role(List.of("k" + (signer % 3)), 1));
    }
    return new Delegator(Root.of(Fixtures.EXPIRES, keys, roles), Snapshot.TYPE);
  }

  private static void assertDoesNotThrowUnsigned(Delegator d, Metadata<?> m) {
    try {
      d.require(m);
    } catch (UnsignedMetadataException e) {
      throw new AssertionError("expected to verify", e);
    }
  }
}
