package dev.tuf4j.metadata;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every model type, unknown fields included at every level. */
public final class MetadataArbitraries {
  private MetadataArbitraries() {}

  /** Strings with the characters that bite: '/', '%', '.', space, quotes, non-ASCII, emoji. */
  public static Arbitrary<String> names() {
    return Arbitraries.strings()
        .withChars("abcXYZ019/_-.% \"\\é中")
        .withChars('\u00e9', '\u4e2d', '\uffff')
        .withCharRange('\ud83d', '\ud83d') // completed to an emoji below
        .ofMinLength(1)
        .ofMaxLength(12)
        .map(s -> s.replace("\ud83d", "\ud83d\ude00"));
  }

  static Arbitrary<String> hex(int bytes) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(bytes * 2);
  }

  static Arbitrary<JsonValue> jsonValues(int depth) {
    Arbitrary<JsonValue> leaf =
        Arbitraries.oneOf(
            names().map(JsonString::new),
            Arbitraries.longs().map(JsonNumber::new),
            Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
    if (depth <= 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf),
        net.jqwik.api.Tuple.of(1, jsonValues(depth - 1).list().ofMaxSize(3).map(JsonArray::new)),
        net.jqwik.api.Tuple.of(1, objects(depth - 1, names()).map(o -> (JsonValue) o)));
  }

  static Arbitrary<JsonObject> objects(int depth, Arbitrary<String> keys) {
    return Arbitraries.maps(keys, jsonValues(depth)).ofMaxSize(3).map(JsonObject::of);
  }

  /** Unknown fields: names that no TUF object uses (they start with "x-"). */
  public static Arbitrary<JsonObject> unknownFields() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(JsonObject.EMPTY)),
        net.jqwik.api.Tuple.of(1, objects(2, names().map(n -> "x-" + n))));
  }

  static Arbitrary<Instant> expires() {
    return Arbitraries.longs().between(0, 253402300799L).map(Instant::ofEpochSecond);
  }

  static Arbitrary<String> specVersions() {
    return Arbitraries.of("1.0", "1.0.0", "1.0.31", "1.0.34", "1.2");
  }

  static Arbitrary<Key> keys() {
    Arbitrary<Key> ed =
        Combinators.combine(hex(32), unknownFields())
            .as((h, u) -> new Key("ed25519", "ed25519", JsonObject.builder().put("public", h).build(), u));
    Arbitrary<Key> odd =
        Combinators.combine(names(), names(), objects(1, names()), unknownFields())
            .as(Key::new);
    return Arbitraries.oneOf(ed, odd);
  }

  static Arbitrary<List<String>> keyids() {
    return hex(32).list().uniqueElements().ofMaxSize(4);
  }

  static Arbitrary<Map<String, Key>> keyMaps() {
    return Arbitraries.maps(hex(32), keys()).ofMaxSize(4);
  }

  static Arbitrary<Role> roles() {
    return Combinators.combine(keyids(), Arbitraries.integers().between(1, 5), unknownFields())
        .as(Role::new);
  }

  static Arbitrary<MetaFile> metaFiles() {
    return Combinators.combine(
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            Arbitraries.longs().between(0, 1L << 40).injectNull(0.5),
            hashes().injectNull(0.5),
            unknownFields())
        .as((v, l, h, u) -> new MetaFile(v, l, h == null ? Map.of() : h, u));
  }

  static Arbitrary<Map<String, String>> hashes() {
    return Arbitraries.maps(Arbitraries.of("sha256", "sha512", "blake2b-256", "md5"), hex(32))
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  static Arbitrary<TargetFile> targetFiles(String path) {
    return Combinators.combine(
            Arbitraries.longs().between(0, 1L << 40),
            hashes(),
            objects(2, names()).injectNull(0.5),
            unknownFields())
        .as((l, h, c, u) -> new TargetFile(path, l, h, c, u));
  }

  static Arbitrary<DelegatedRole> delegatedRoles() {
    Arbitrary<String> name = names().filter(n -> !Signed.TOP_LEVEL_ROLES.contains(n));
    Arbitrary<List<String>> patterns = names().list().ofMaxSize(3);
    return Combinators.combine(
            name,
            keyids(),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 2),
            patterns,
            unknownFields())
        .as((n, k, t, term, kind, p, u) ->
            new DelegatedRole(n, k, t, term, kind == 0 ? p : null, kind == 1 ? p : null, u));
  }

  static Arbitrary<Delegations> delegations() {
    Arbitrary<Delegations> listed =
        Combinators.combine(
                keyMaps(),
                delegatedRoles().list().ofMaxSize(4).uniqueElements(DelegatedRole::name),
                unknownFields())
            .as((k, r, u) -> new Delegations(k, r, null, u));
    Arbitrary<Delegations> succinct =
        Combinators.combine(
                keyMaps(),
                Combinators.combine(keyids(), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 32), names(), unknownFields())
                    .as(SuccinctRoles::new),
                unknownFields())
            .as((k, s, u) -> new Delegations(k, null, s, u));
    return Arbitraries.oneOf(listed, succinct);
  }

  public static Arbitrary<Root> roots() {
    Arbitrary<Map<String, Role>> roleMaps =
        Combinators.combine(roles(), roles(), roles(), roles(), Arbitraries.maps(names().map(n -> "x-" + n), roles()).ofMaxSize(1))
            .as((a, b, c, d, extra) -> {
              Map<String, Role> m = new LinkedHashMap<>(extra);
              m.put("root", a);
              m.put("timestamp", b);
              m.put("snapshot", c);
              m.put("targets", d);
              return m;
            });
    return Combinators.combine(
            specVersions(),
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            expires(),
            keyMaps(),
            roleMaps,
            Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3),
            unknownFields())
        .as(Root::new);
  }

  public static Arbitrary<Timestamp> timestamps() {
    return Combinators.combine(
            specVersions(), Arbitraries.longs().between(1, Long.MAX_VALUE), expires(), metaFiles(), unknownFields())
        .as((s, v, e, m, u) -> new Timestamp(s, v, e, Map.of("snapshot.json", m), u));
  }

  public static Arbitrary<Snapshot> snapshots() {
    return Combinators.combine(
            specVersions(),
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            expires(),
            Arbitraries.maps(names().map(n -> n + ".json"), metaFiles()).ofMaxSize(5),
            unknownFields())
        .as(Snapshot::new);
  }

  public static Arbitrary<Targets> targets() {
    Arbitrary<Map<String, TargetFile>> files =
        names().list().uniqueElements().ofMaxSize(5)
            .flatMap(paths -> {
              Arbitrary<List<TargetFile>> all =
                  Combinators.combine(paths.stream().map(MetadataArbitraries::targetFiles).toList())
                      .as(l -> l);
              return all.map(l -> {
                Map<String, TargetFile> m = new LinkedHashMap<>();
                l.forEach(f -> m.put(f.path(), f));
                return m;
              });
            });
    return Combinators.combine(
            specVersions(),
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            expires(),
            files,
            delegations().injectNull(0.3),
            unknownFields())
        .as(Targets::new);
  }

  public static Arbitrary<Signature> signatures() {
    return Combinators.combine(hex(32), Arbitraries.oneOf(hex(64), Arbitraries.just("")), unknownFields())
        .as(Signature::new);
  }
}
