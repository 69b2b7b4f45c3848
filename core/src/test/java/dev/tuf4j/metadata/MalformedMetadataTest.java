package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One malformed document per structural rule, each rejected with its JSON path. */
class MalformedMetadataTest {
  private static final String KEY =
      "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"" + "ab".repeat(32) + "\"}}";

  static final String ROOT = Fixtures.rootJson("");

  static final String TIMESTAMP =
      "{\"signatures\":[{\"keyid\":\"k1\",\"sig\":\"00\"}],\"signed\":{\"_type\":\"timestamp\","
          + "\"spec_version\":\"1.0.31\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\","
          + "\"meta\":{\"snapshot.json\":{\"version\":1,\"length\":10,\"hashes\":{\"sha256\":\"00\"}}}}}";

  static final String TARGETS =
      "{\"signatures\":[{\"keyid\":\"k1\",\"sig\":\"00\"},{\"keyid\":\"k2\",\"sig\":\"\"}],\"signed\":{\"_type\":\"targets\","
          + "\"spec_version\":\"1.0.31\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\","
          + "\"targets\":{\"a.txt\":{\"length\":3,\"hashes\":{\"sha256\":\"00\"},\"custom\":{\"x\":1}}},"
          + "\"delegations\":{\"keys\":{\"k1\":" + KEY + "},\"roles\":["
          + "{\"name\":\"r1\",\"keyids\":[\"k1\"],\"threshold\":1,\"terminating\":false,\"paths\":[\"a/*\"]},"
          + "{\"name\":\"r2\",\"keyids\":[\"k1\"],\"threshold\":1,\"terminating\":true,\"path_hash_prefixes\":[\"ab\"]}]}}}";

  static final String SUCCINCT =
      TARGETS.replace(
          "\"roles\":[{\"name\":\"r1\",\"keyids\":[\"k1\"],\"threshold\":1,\"terminating\":false,\"paths\":[\"a/*\"]},"
              + "{\"name\":\"r2\",\"keyids\":[\"k1\"],\"threshold\":1,\"terminating\":true,\"path_hash_prefixes\":[\"ab\"]}]",
          "\"succinct_roles\":{\"keyids\":[\"k1\"],\"threshold\":1,\"bit_length\":8,\"name_prefix\":\"bin\"}");

  record Case(String name, String type, String base, String from, String to, String path) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case("wrong _type", "targets", TARGETS, "\"_type\":\"targets\"", "\"_type\":\"snapshot\"", "$.signed._type"),
            new Case("version 0", "targets", TARGETS, "\"version\":1,\"expires", "\"version\":0,\"expires", "$.signed.version"),
            new Case("negative version", "timestamp", TIMESTAMP, "\"version\":1,\"expires", "\"version\":-3,\"expires", "$.signed.version"),
            new Case("version as string", "root", ROOT, "\"version\":1,", "\"version\":\"1\",", "$.signed.version"),
            new Case("version as float", "root", ROOT, "\"version\":1,", "\"version\":1.0,", "$.signed.version"),
            new Case("version with exponent", "root", ROOT, "\"version\":1,", "\"version\":1e0,", "$.signed.version"),
            new Case("version beyond long", "root", ROOT, "\"version\":1,", "\"version\":99999999999999999999,", "$.signed.version"),
            new Case("spec_version major 2", "root", ROOT, "1.0.31", "2.0.0", "$.signed.spec_version"),
            new Case("spec_version without minor", "root", ROOT, "\"1.0.31\"", "\"1\"", "$.signed.spec_version"),
            new Case("expires with fraction", "root", ROOT, "2030-01-01T00:00:00Z", "2030-01-01T00:00:00.000Z", "$.signed.expires"),
            new Case("expires with offset", "root", ROOT, "2030-01-01T00:00:00Z", "2030-01-01T00:00:00+00:00", "$.signed.expires"),
            new Case("expires without T", "root", ROOT, "2030-01-01T00:00:00Z", "2030-01-01 00:00:00Z", "$.signed.expires"),
            new Case("expires impossible date", "root", ROOT, "2030-01-01T00:00:00Z", "2030-02-30T00:00:00Z", "$.signed.expires"),
            new Case("expires single digits", "root", ROOT, "2030-01-01T00:00:00Z", "2030-1-1T0:0:0Z", "$.signed.expires"),
            new Case("root threshold 0", "root", ROOT, "\"root\":{\"keyids\":[\"k1\"],\"threshold\":1}", "\"root\":{\"keyids\":[\"k1\"],\"threshold\":0}", "$.signed.roles.root.threshold"),
            new Case("root keyids repeated", "root", ROOT, "\"root\":{\"keyids\":[\"k1\"]", "\"root\":{\"keyids\":[\"k1\",\"k1\"]", "$.signed.roles.root.keyids[1]"),
            new Case("root without snapshot role", "root", ROOT, "\"snapshot\":{\"keyids\":[\"k1\"],\"threshold\":1},", "", "$.signed.roles.snapshot"),
            new Case("consistent_snapshot null", "root", ROOT, "\"consistent_snapshot\":true", "\"consistent_snapshot\":null", "$.signed.consistent_snapshot"),
            new Case("consistent_snapshot string", "root", ROOT, "\"consistent_snapshot\":true", "\"consistent_snapshot\":\"true\"", "$.signed.consistent_snapshot"),
            new Case("keyval not an object", "root", ROOT, "\"keyval\":{\"public\":\"" + "ab".repeat(32) + "\"}", "\"keyval\":\"x\"", "$.signed.keys.k1.keyval"),
            new Case("key without scheme", "root", ROOT, "\"scheme\":\"ed25519\",", "", "$.signed.keys.k1.scheme"),
            new Case("timestamp without snapshot.json", "timestamp", TIMESTAMP, "\"snapshot.json\"", "\"snapshot.jsn\"", "$.signed.meta[\"snapshot.json\"]"),
            new Case("meta version 0", "timestamp", TIMESTAMP, "{\"version\":1,\"length\":10", "{\"version\":0,\"length\":10", "$.signed.meta[\"snapshot.json\"].version"),
            new Case("meta length negative", "timestamp", TIMESTAMP, "\"length\":10", "\"length\":-1", "$.signed.meta[\"snapshot.json\"].length"),
            new Case("meta length null", "timestamp", TIMESTAMP, "\"length\":10", "\"length\":null", "$.signed.meta[\"snapshot.json\"].length"),
            new Case("meta hashes empty", "timestamp", TIMESTAMP, "\"hashes\":{\"sha256\":\"00\"}", "\"hashes\":{}", "$.signed.meta[\"snapshot.json\"].hashes"),
            new Case("target hashes empty", "targets", TARGETS, "\"hashes\":{\"sha256\":\"00\"}", "\"hashes\":{}", "$.signed.targets[\"a.txt\"].hashes"),
            new Case("target hashes missing", "targets", TARGETS, ",\"hashes\":{\"sha256\":\"00\"}", "", "$.signed.targets[\"a.txt\"].hashes"),
            new Case("target hash not a string", "targets", TARGETS, "{\"sha256\":\"00\"}", "{\"sha256\":0}", "$.signed.targets[\"a.txt\"].hashes.sha256"),
            new Case("target length negative", "targets", TARGETS, "\"length\":3", "\"length\":-3", "$.signed.targets[\"a.txt\"].length"),
            new Case("target custom null", "targets", TARGETS, "\"custom\":{\"x\":1}", "\"custom\":null", "$.signed.targets[\"a.txt\"].custom"),
            new Case("duplicate signature keyid", "targets", TARGETS, "{\"keyid\":\"k2\"", "{\"keyid\":\"k1\"", "$.signatures[1].keyid"),
            new Case("signatures not an array", "targets", TARGETS, "\"signatures\":[{\"keyid\":\"k1\",\"sig\":\"00\"},{\"keyid\":\"k2\",\"sig\":\"\"}]", "\"signatures\":{}", "$.signatures"),
            new Case("signature sig null", "targets", TARGETS, "\"sig\":\"00\"", "\"sig\":null", "$.signatures[0].sig"),
            new Case("delegations null", "targets", TARGETS, "\"delegations\":{", "\"delegations\":null,\"x\":{", "$.signed.delegations"),
            new Case("delegated threshold 0", "targets", TARGETS, "\"threshold\":1,\"terminating\":false", "\"threshold\":0,\"terminating\":false", "$.signed.delegations.roles[0].threshold"),
            new Case("delegated name repeated", "targets", TARGETS, "\"name\":\"r2\"", "\"name\":\"r1\"", "$.signed.delegations.roles[1].name"),
            new Case("delegated name top-level", "targets", TARGETS, "\"name\":\"r1\"", "\"name\":\"snapshot\"", "$.signed.delegations.roles[0].name"),
            new Case("delegated name empty", "targets", TARGETS, "\"name\":\"r1\"", "\"name\":\"\"", "$.signed.delegations.roles[0].name"),
            new Case("terminating missing", "targets", TARGETS, "\"terminating\":false,", "", "$.signed.delegations.roles[0].terminating"),
            new Case("terminating null", "targets", TARGETS, "\"terminating\":false", "\"terminating\":null", "$.signed.delegations.roles[0].terminating"),
            new Case("paths and hash prefixes", "targets", TARGETS, "\"paths\":[\"a/*\"]", "\"paths\":[\"a/*\"],\"path_hash_prefixes\":[\"00\"]", "$.signed.delegations.roles[0]"),
            new Case("paths entry not a string", "targets", TARGETS, "\"paths\":[\"a/*\"]", "\"paths\":[\"a/*\",7]", "$.signed.delegations.roles[0].paths[1]"),
            new Case("roles and succinct roles", "targets", TARGETS, "\"roles\":[", "\"succinct_roles\":{\"keyids\":[],\"threshold\":1,\"bit_length\":8,\"name_prefix\":\"b\"},\"roles\":[", "$.signed.delegations"),
            new Case("neither roles nor succinct roles", "targets", SUCCINCT, "\"succinct_roles\":", "\"other\":", "$.signed.delegations"),
            new Case("bit_length 0", "targets", SUCCINCT, "\"bit_length\":8", "\"bit_length\":0", "$.signed.delegations.succinct_roles.bit_length"),
            new Case("bit_length 33", "targets", SUCCINCT, "\"bit_length\":8", "\"bit_length\":33", "$.signed.delegations.succinct_roles.bit_length"),
            new Case("succinct threshold 0", "targets", SUCCINCT, "\"threshold\":1,\"bit_length\"", "\"threshold\":0,\"bit_length\"", "$.signed.delegations.succinct_roles.threshold"),
            new Case("duplicate JSON key", "targets", TARGETS, "\"length\":3,", "\"length\":3,\"length\":3,", "$.signed.targets[\"a.txt\"].length"),
            new Case("missing signed", "targets", TARGETS, "\"signed\":", "\"signd\":", "$.signed"),
            new Case("trailing garbage", "targets", TARGETS + "x", "", "", "$"))
        .map(c -> Arguments.of(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithPath(Case c) throws Exception {
    String doc = c.from().isEmpty() ? c.base() : replaceOnce(c.base(), c.from(), c.to());
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    Class<? extends Signed> type =
        switch (c.type()) {
          case "root" -> Root.class;
          case "timestamp" -> Timestamp.class;
          case "snapshot" -> Snapshot.class;
          default -> Targets.class;
        };
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> Metadata.parse(bytes, type, c.type()));
    assertEquals(c.path(), e.jsonPath(), e.getMessage());
    assertEquals(c.type(), e.role());
    assertTrue(e.getMessage().startsWith(c.type() + ": malformed metadata at " + c.path()), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validBases")
  void baseDocumentsAreValid(String name, String doc, Class<? extends Signed> type) throws Exception {
    Metadata.parse(doc.getBytes(StandardCharsets.UTF_8), type, name);
  }

  static Stream<Arguments> validBases() {
    return Stream.of(
        Arguments.of("root", ROOT, Root.class),
        Arguments.of("timestamp", TIMESTAMP, Timestamp.class),
        Arguments.of("targets", TARGETS, Targets.class),
        Arguments.of("succinct", SUCCINCT, Targets.class));
  }

  private static String replaceOnce(String s, String from, String to) {
    int i = s.indexOf(from);
    if (i < 0) {
      throw new AssertionError("test case does not apply: " + from);
    }
    return s.substring(0, i) + to + s.substring(i + from.length());
  }
}
