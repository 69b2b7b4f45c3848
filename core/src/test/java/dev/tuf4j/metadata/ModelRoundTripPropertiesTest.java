package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every model type round-trips parse -> write -> parse losslessly and byte-stably. */
class ModelRoundTripPropertiesTest {

  @Property(tries = 200)
  void rootRoundTrips(@ForAll("roots") Metadata<Root> m) throws Exception {
    check(m, Root.class);
  }

  @Property(tries = 200)
  void timestampRoundTrips(@ForAll("timestamps") Metadata<Timestamp> m) throws Exception {
    check(m, Timestamp.class);
  }

  @Property(tries = 200)
  void snapshotRoundTrips(@ForAll("snapshots") Metadata<Snapshot> m) throws Exception {
    check(m, Snapshot.class);
  }

  @Property(tries = 300)
  void targetsRoundTrip(@ForAll("targets") Metadata<Targets> m) throws Exception {
    check(m, Targets.class);
  }

  private static <T extends Signed> void check(Metadata<T> m, Class<T> type) throws Exception {
    byte[] bytes = m.toBytes();
    Metadata<T> parsed = Metadata.parse(bytes, type, "role");
    assertEquals(m, parsed);
    assertArrayEquals(bytes, parsed.toBytes(), "writing is byte-stable");
    // The signed bytes of parsed metadata are the canonical form of what was parsed.
    assertArrayEquals(CanonicalJson.encode(m.signed().toJson()), parsed.signedBytes());
    assertEquals(m.signed().toJson(), parsed.signed().toJson());
    // The indented file is never canonical, so its signed bytes are re-encoded; the compact file's
    // may be copied from the input. Both must be the same bytes.
    Metadata<T> indented = Metadata.parse(m.toIndentedBytes(), type, "role");
    assertArrayEquals(parsed.signedBytes(), indented.signedBytes());
  }

  @Provide
  Arbitrary<Metadata<Root>> roots() {
    return withSignatures(MetadataArbitraries.roots());
  }

  @Provide
  Arbitrary<Metadata<Timestamp>> timestamps() {
    return withSignatures(MetadataArbitraries.timestamps());
  }

  @Provide
  Arbitrary<Metadata<Snapshot>> snapshots() {
    return withSignatures(MetadataArbitraries.snapshots());
  }

  @Provide
  Arbitrary<Metadata<Targets>> targets() {
    return withSignatures(MetadataArbitraries.targets());
  }

  private static <T extends Signed> Arbitrary<Metadata<T>> withSignatures(Arbitrary<T> signed) {
    return net.jqwik.api.Combinators.combine(
            signed,
            MetadataArbitraries.signatures().list().uniqueElements(Signature::keyid).ofMaxSize(3),
            MetadataArbitraries.unknownFields())
        .as((s, sigs, u) -> withUnknown(Metadata.of(s).withSignatures(sigs), u));
  }

  /** Top-level unknown fields can only arrive by parsing; build them through JSON. */
  private static <T extends Signed> Metadata<T> withUnknown(Metadata<T> m, JsonObject unknown) {
    if (unknown.isEmpty()) {
      return m;
    }
    JsonObject json = m.toJson().toBuilder().putAll(unknown).build();
    try {
      @SuppressWarnings("unchecked")
      Class<T> type = (Class<T>) m.signed().getClass();
      Metadata<T> parsed = Metadata.parse(CanonicalJson.encode(json), type, "role");
      assertEquals(unknown, parsed.unrecognized());
      return parsed;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Property(tries = 50)
  void unknownFieldsAreCoveredBySignedBytes(@ForAll("targets") Metadata<Targets> m) throws Exception {
    JsonObject signed = m.signed().toJson().toBuilder().put("x-new-field", "value").build();
    JsonObject doc = m.toJson().toBuilder().put("signed", signed).build();
    Metadata<Targets> parsed = Metadata.parse(CanonicalJson.encode(doc), Targets.class, "targets");
    assertArrayEquals(CanonicalJson.encode(signed), parsed.signedBytes());
    assertEquals(List.of("x-new-field"), parsed.signed().unrecognized().keys().stream().filter(k -> k.equals("x-new-field")).toList());
  }
}
