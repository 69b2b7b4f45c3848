package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The bytes this package writes directly (bins, snapshot, the file envelope) are exactly what
 * the metadata model's canonical encoding gives for the same content - the bytes signatures
 * cover and clients re-encode when they verify.
 */
class CanonicalBytesPropertiesTest {
  static final Instant EXPIRES = Instant.parse("2031-02-03T04:05:06Z");

  @Provide
  Arbitrary<List<String>> paths() {
    // Quotes, backslashes, non-ASCII, astral-plane and private-use characters: code point order
    // differs from UTF-16 order between the last two.
    return Arbitraries.strings().withChars("aZ09/\"\\é\uE000\uFFFD").withChars('\u0001', '\n')
        .withChars("\uD83D\uDE00".toCharArray())
        .ofMinLength(1).ofMaxLength(8)
        .filter(s -> !s.contains("\uD83D") || s.contains("\uD83D\uDE00"))
        .filter(s -> s.chars().filter(c -> c == 0xD83D).count() == s.chars().filter(c -> c == 0xDE00).count())
        .filter(CanonicalBytesPropertiesTest::wellFormed)
        .list().ofMaxSize(30).uniqueElements();
  }

  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 300)
  void aBinIsEncodedAsTheModelEncodesIt(@ForAll("paths") List<String> paths, @ForAll boolean withCustom)
      throws Exception {
    List<TargetFile> files = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put("sha256", String.format("%064x", i));
      if (i % 2 == 0) {
        hashes.put("blake2b-256", String.format("%064x", i * 7));
      }
      JsonObject custom = withCustom ? JsonObject.builder().put("n", i).put("p", paths.get(i)).build() : null;
      JsonObject extra = i % 3 == 0 ? JsonObject.builder().put("x-" + i, true).build() : JsonObject.EMPTY;
      files.add(new TargetFile(paths.get(i), i * 1000L, hashes, custom, extra));
    }
    BinContents bin = new BinContents("bin-0", EXPIRES);
    files.forEach(bin::put);
    Targets model = Targets.of(42, EXPIRES).withTargets(files);
    assertArrayEquals(CanonicalJson.encode(model.toJson()), bin.signedBytes(42, EXPIRES));
    // Read back from a published file, the bin writes the same bytes again.
    BinContents loaded = BinContents.parse("bin-0", CanonicalBytes.envelope(List.of(), bin.signedBytes(42, EXPIRES)));
    assertArrayEquals(bin.signedBytes(43, EXPIRES), loaded.signedBytes(43, EXPIRES));
    assertEquals(EXPIRES, loaded.expires());
  }

  @Property(tries = 100)
  void theSnapshotIsEncodedAsTheModelEncodesIt(@ForAll("roleNames") List<String> roles,
      @ForAll("binCounts") int bins) {
    BinLayout layout = new BinLayout(bins, "bin", RepositoryConfig.BinStyle.SUCCINCT);
    TreeMap<String, Long> others = new TreeMap<>(CanonicalBytes.CODE_POINT_ORDER);
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      others.put(roles.get(i) + ".json", (long) i + 1);
      meta.put(roles.get(i) + ".json", MetaFile.ofVersion(i + 1));
    }
    for (int b = 0; b < bins; b++) {
      if (b % 3 != 1) { // a bin never published is not listed
        meta.put(layout.name(b) + ".json", MetaFile.ofVersion(b + 5));
      }
    }
    Snapshot model = Snapshot.of(9, EXPIRES, meta);
    byte[] direct = SnapshotWriter.signedBytes(9, EXPIRES, others, layout, b -> b % 3 != 1 ? b + 5 : 0);
    assertEquals(CanonicalJson.encodeToString(model.toJson()), new String(direct, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<List<String>> roleNames() {
    // Names that sort between and around the bins: "bin", "bin-", "bin-0", "bim", "targets".
    return Arbitraries.of("bin", "bin-", "bin-00x", "bim", "bins", "bin.", "targets", "a", "project-b", "z", "bin-10000")
        .list().uniqueElements().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Integer> binCounts() {
    return Arbitraries.of(2, 16, 32, 256);
  }

  @Property(tries = 50)
  void theEnvelopeIsTheWholeFileAsTheModelWritesIt(@ForAll("paths") List<String> paths) {
    Targets t = Targets.of(3, EXPIRES);
    for (int i = 0; i < paths.size(); i++) {
      t = t.withTarget(new TargetFile(paths.get(i), i, Map.of("sha256", String.format("%064x", i))));
    }
    Metadata<Targets> m = Metadata.of(t).sign(RepoTesting.key("a")).sign(RepoTesting.key("b"));
    byte[] file = CanonicalBytes.envelope(m.signatures(), m.signedBytes());
    // Canonical JSON of the whole file, with control characters escaped so that it is JSON.
    String canonical = CanonicalJson.encodeToString(m.toJson());
    StringBuilder escaped = new StringBuilder();
    for (char c : canonical.toCharArray()) {
      escaped.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    assertEquals(escaped.toString(), new String(file, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Metadata<Targets> parsed = Metadata.parseTargets(file, "bin");
      assertEquals(m, parsed);
      assertArrayEquals(m.signedBytes(), parsed.signedBytes());
    } catch (dev.tuf4j.MetadataFormatException e) {
      throw new AssertionError(e);
    }
  }
}
