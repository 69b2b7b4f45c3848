package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Every target lands in exactly one bin - the one its path hash names - and our client finds it
 * through targets, bins and that bin, reading the published folder as a static server serves
 * it. Both delegation styles; paths with spaces, percent signs, query and fragment characters,
 * non-ASCII letters and emoji.
 */
class BinPlacementPropertiesTest {
  private Path tmp;

  @BeforeTry
  void makeFolder() throws Exception {
    tmp = Files.createTempDirectory("tuf4j-bins");
  }

  @AfterTry
  void removeFolder() throws Exception {
    try (var walk = Files.walk(tmp)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<List<String>> targetPaths() {
    Arbitrary<String> segment = Arbitraries.strings()
        .withChars("abcXYZ019-_.~ %?#+&=@!é中")
        .withChars("\uD83D\uDE00".toCharArray())
        .ofMinLength(1).ofMaxLength(10)
        .filter(s -> !s.equals(".") && !s.equals("..") && !hasLoneSurrogate(s));
    return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l))
        .list().ofMinSize(1).ofMaxSize(40).uniqueElements();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  @Property(tries = 15, seed = "458")
  void succinctBins(@ForAll("targetPaths") List<String> paths) throws Exception {
    check(RepositoryConfig.BinStyle.SUCCINCT, 32, paths);
  }

  @Property(tries = 15, seed = "480")
  void hashPrefixBins(@ForAll("targetPaths") List<String> paths) throws Exception {
    // 32 bins: 2-digit prefixes, 8 per bin, so the prefix arithmetic is exercised.
    check(RepositoryConfig.BinStyle.HASH_PREFIXES, 32, paths);
  }

  private void check(RepositoryConfig.BinStyle style, int bins, List<String> paths) throws Exception {
    RepositoryConfig config = RepositoryConfig.builder().binCount(bins).binStyle(style).build();
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    List<TargetFile> files = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put("sha256", String.format("%064x", i));
      files.add(new TargetFile(paths.get(i), i, hashes));
    }
    f.repo.addTargets(files);
    f.signOffline().publish();

    // Exactly one bin lists each path, and it is the bin of its hash.
    BinLayout layout = BinLayout.of(config);
    Map<String, Integer> foundIn = new HashMap<>();
    for (int b = 0; b < bins; b++) {
      String name = layout.name(b);
      byte[] bytes = Files.readAllBytes(tmp.resolve("repo/metadata/1." + name + ".json"));
      for (String p : Metadata.parseTargets(bytes, name).signed().targets().keySet()) {
        assertEquals(null, foundIn.put(p, b), "listed twice: " + p);
      }
    }
    assertEquals(Set.copyOf(paths), foundIn.keySet());
    foundIn.forEach((p, b) -> assertEquals(layout.binOf(p), b, p));

    // Our client finds every one through the delegation graph.
    Updater client = f.client(tmp.resolve("client"));
    for (TargetFile expected : files) {
      assertEquals(expected, client.targetInfo(expected.path()).orElseThrow(), expected.path());
    }
    assertTrue(client.targetInfo("not/listed").isEmpty());
    assertTrue(Metadata.parseTargets(Files.readAllBytes(tmp.resolve("repo/metadata/1.bins.json")), "bins")
        .signed().delegations().isPresent());
  }

  @Property(tries = 200)
  void theHashPrefixesOfTheBinsPartitionTheHashSpace(@ForAll("binCounts") int bins) {
    BinLayout layout = new BinLayout(bins, "bin", RepositoryConfig.BinStyle.HASH_PREFIXES);
    int width = (Integer.numberOfTrailingZeros(bins) + 3) / 4;
    Map<String, Integer> owner = new HashMap<>();
    for (int b = 0; b < bins; b++) {
      for (String prefix : layout.hashPrefixes(b)) {
        assertEquals(width, prefix.length());
        assertEquals(null, owner.put(prefix, b));
      }
    }
    assertEquals(1 << (4 * width), owner.size());
    // A prefix's first bits are its bin: the same mapping as TAP 15.
    owner.forEach((prefix, b) -> assertEquals((int) (Long.parseLong(prefix, 16) >> (4 * width - Integer.numberOfTrailingZeros(bins))), b));
  }

  @Provide
  Arbitrary<Integer> binCounts() {
    return Arbitraries.integers().between(1, 12).map(bits -> 1 << bits);
  }

}
