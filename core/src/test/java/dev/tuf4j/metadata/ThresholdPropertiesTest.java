package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Threshold counting: any t distinct signers verify, t-1 never; aliases count once. */
class ThresholdPropertiesTest {
  private static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();
  private static final List<SigningKey> POOL =
      IntStream.range(0, 7).mapToObj(i -> Fixtures.key(100 + i)).toList();

  @Property(tries = 150)
  void verifiedExactlyWhenThresholdDistinctKeysSigned(
      @ForAll @IntRange(min = 1, max = 7) int n,
      @ForAll @IntRange(min = 1, max = 7) int threshold,
      @ForAll @IntRange(min = 0, max = 127) int signerMask,
      @ForAll @IntRange(min = 0, max = 127) int aliasMask) {
    List<SigningKey> keys = POOL.subList(0, n);
    // Every key i in aliasMask is listed a second time under an alias keyid.
    Map<String, Key> keyMap = new LinkedHashMap<>();
    List<String> keyids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = keys.get(i).publicKey().keyId();
      keyMap.put(id, Key.of(keys.get(i).publicKey()));
      keyids.add(id);
      if ((aliasMask & (1 << i)) != 0) {
        keyMap.put("alias-" + i, Key.of(keys.get(i).publicKey()));
        keyids.add("alias-" + i);
      }
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : Signed.TOP_LEVEL_ROLES) {
      roles.put(name, new Role(keyids, threshold));
    }
    Root root = Root.of(Instant.parse("2030-01-01T00:00:00Z"), keyMap, roles);

    Metadata<Snapshot> m = Metadata.of(Snapshot.of(1, Fixtures.EXPIRES, Map.of()));
    int distinctSigners = 0;
    for (int i = 0; i < n; i++) {
      if ((signerMask & (1 << i)) != 0) {
        distinctSigners++;
        m = m.sign(keys.get(i));
        if ((aliasMask & (1 << i)) != 0) {
          m = m.sign(keys.get(i), "alias-" + i);
        }
      }
    }
    VerificationResult r = root.verifyDelegate("snapshot", m, REGISTRY);
    assertEquals(distinctSigners >= threshold, r.verified());
    assertEquals(distinctSigners, r.signedBy().size());
  }
}
