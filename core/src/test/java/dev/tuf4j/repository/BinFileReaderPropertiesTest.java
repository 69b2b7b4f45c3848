package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.TargetFile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast bin reader agrees with the general one: it reads every file this package writes
 * with plain entries, and whenever it accepts a file - damaged ones included - it reads it
 * exactly as the JSON-tree reader does.
 */
class BinFileReaderPropertiesTest {
  static final Instant EXPIRES = Instant.parse("2030-01-02T03:04:05Z");

  record Bin(BinContents contents, byte[] file) {}

  @Provide
  Arbitrary<Bin> bins() {
    Arbitrary<String> path = Arbitraries.strings().withChars("ab/\"\\é-_.0").ofMinLength(1).ofMaxLength(12);
    Arbitrary<TargetFile> target = Combinators.combine(path, Arbitraries.longs().between(0, 1L << 40),
        Arbitraries.integers().between(0, 3)).as((p, length, kind) -> {
          Map<String, String> hashes = new LinkedHashMap<>();
          hashes.put("sha256", String.format("%064x", length));
          if (kind > 0) {
            hashes.put("blake2b-256", String.format("%064x", length + 1));
          }
          JsonObject custom = kind == 3 ? JsonObject.builder().put("k", p).build() : null;
          return new TargetFile(p, length, hashes, custom, JsonObject.EMPTY);
        });
    return target.list().ofMaxSize(20).uniqueElements(TargetFile::path).map(files -> {
      BinContents b = new BinContents("bin-1", EXPIRES);
      files.forEach(b::put);
      byte[] signed = b.signedBytes(7, EXPIRES);
      byte[] file = CanonicalBytes.envelope(List.of(new Signature("ab".repeat(32), "cd".repeat(64))), signed);
      return new Bin(b, file);
    });
  }

  @Property(tries = 300)
  void theFastReaderReadsWhatThePublisherWrites(@ForAll("bins") Bin bin) throws Exception {
    BinContents read = BinContents.parse("bin-1", bin.file());
    assertArrayEquals(bin.contents().signedBytes(8, EXPIRES), read.signedBytes(8, EXPIRES));
    boolean plain = bin.contents().targets().values().stream().allMatch(t -> t.custom().isEmpty());
    assertTrue(BinFileReader.read("bin-1", bin.file()).isPresent() == plain);
  }

  /**
   * Damage anywhere in {@code signed} (the signatures are not read: the bin is signed anew).
   */
  @Property(tries = 2000)
  void whatTheFastReaderAcceptsTheTreeReaderReadsAlike(@ForAll("bins") Bin bin,
      @ForAll("positions") int where, @ForAll("bytes") byte replacement) {
    byte[] damaged = bin.file().clone();
    int signedStart = new String(damaged, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"signed\":") + 9;
    int at = signedStart + (int) ((long) where * (damaged.length - signedStart) / 1_000_000);
    damaged[at] = replacement;
    Optional<BinContents> fast = BinFileReader.read("bin-1", damaged);
    if (fast.isEmpty()) {
      return;
    }
    BinContents tree;
    try {
      tree = BinContents.parseTree("bin-1", damaged);
    } catch (MetadataFormatException e) {
      throw new AssertionError("fast reader accepted what the tree reader refuses: " + e.getMessage());
    }
    assertArrayEquals(tree.signedBytes(9, EXPIRES), fast.get().signedBytes(9, EXPIRES));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 999_999);
  }

  /** Mostly JSON's structural bytes, where damage is most likely to confuse a reader. */
  @Provide
  Arbitrary<Byte> bytes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of((byte) '"', (byte) '\\', (byte) '{', (byte) '}', (byte) ',',
            (byte) ':', (byte) '0', (byte) 'a', (byte) ' ', (byte) '[', (byte) ']')),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
  }
}
