package dev.tuf4j.client.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.FileSystemTargetStore;
import dev.tuf4j.client.PendingTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a (signed, but possibly hostile) repository names a target, its file lands directly
 * in the target folder, and different paths never share a file. Seeds are fixed so that every
 * run checks the same cases.
 */
class HostileTargetPathTest {
  private static Path scratch;
  private static int counter;

  @BeforeContainer
  static void createScratch() throws IOException {
    scratch = Files.createTempDirectory("tuf4j-target-properties-");
  }

  @AfterContainer
  static void deleteScratch() throws IOException {
    try (Stream<Path> all = Files.walk(scratch)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** A fresh store in a fresh folder pair, below the scratch folder. */
  private static FileSystemTargetStore freshStore() {
    Path root = scratch.resolve("case" + counter++);
    return new FileSystemTargetStore(root.resolve("td"), root.resolve("staging"));
  }

  @Provide
  static Arbitrary<String> hostilePaths() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "", ".", "..", "...", "a", "b.txt", "C:", "c:\\x", "\\", "\\\\server\\share",
                "\u0000", "%2e%2e", "%2F", "%", "~", " ", "é", "😀", "CON", "nul.txt", ".json",
                "a\nb", "\u202e", "\uff0f", "x".repeat(300)),
            Arbitraries.strings()
                .withCharRange('\u0000', '\u007f')
                .ofMaxLength(8),
            codePointStrings());
    Arbitrary<String> joiner = Arbitraries.of("/", "\\", "//", "/./", "/../");
    return Arbitraries.oneOf(
        segment,
        segment.list().ofMinSize(1).ofMaxSize(6).flatMap(parts ->
            joiner.map(j -> String.join(j, parts))),
        segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> "/" + String.join("/", parts)),
        segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> "../" + String.join("/", parts)))
        .filter(p -> !p.isEmpty());
  }

  /** Any Unicode text without lone surrogates (which the strict JSON parser never lets through). */
  private static Arbitrary<String> codePointStrings() {
    return Arbitraries.integers()
        .between(0, 0x10FFFF)
        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
        .list()
        .ofMaxSize(12)
        .map(cps -> {
          StringBuilder s = new StringBuilder();
          cps.forEach(s::appendCodePoint);
          return s.toString();
        });
  }

  @Property(tries = 1000, seed = "20261126")
  void fileIsAlwaysDirectlyInTheTargetFolder(@ForAll("hostilePaths") String path) {
    FileSystemTargetStore store = new FileSystemTargetStore(Path.of("/srv/td"), Path.of("/srv/s"));

    Path file = store.fileFor(path);

    assertEquals(store.targetFolder(), file.getParent());
    assertEquals(file, file.normalize());
    String name = file.getFileName().toString();
    assertTrue(!name.equals(".") && !name.equals("..") && name.length() <= 143, name);
  }

  @Property(tries = 500, seed = "20261127")
  void distinctPathsGetDistinctFiles(
      @ForAll("hostilePaths") String a, @ForAll("hostilePaths") String b) {
    Assume.that(!a.equals(b));
    FileSystemTargetStore store = new FileSystemTargetStore(Path.of("/srv/td"), Path.of("/srv/s"));

    assertNotEquals(store.fileFor(a), store.fileFor(b));
  }

  @Property(tries = 80, seed = "20261128")
  void storedHostileTargetsLandInTheFolderAndKeepTheirOwnBytes(
      @ForAll("hostilePaths") String a, @ForAll("hostilePaths") String b) throws Exception {
    Assume.that(!a.equals(b));
    FileSystemTargetStore store = freshStore();
    Path root = store.targetFolder().getParent();

    commit(store, a);
    commit(store, b);

    assertEquals(
        Set.of(store.fileFor(a).getFileName().toString(), store.fileFor(b).getFileName().toString()),
        StoreTesting.names(store.targetFolder()));
    assertEquals(Set.of("td", "staging"), StoreTesting.names(root));
    assertEquals(Set.of(), StoreTesting.names(store.stagingFolder()));
    assertArrayEquals(a.getBytes(StandardCharsets.UTF_8), read(store, a));
    assertArrayEquals(b.getBytes(StandardCharsets.UTF_8), read(store, b));
  }

  private static void commit(FileSystemTargetStore store, String path) throws Exception {
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    try (PendingTarget pending = store.create(path)) {
      pending.write(bytes, 0, bytes.length);
      pending.commit();
    }
  }

  private static byte[] read(FileSystemTargetStore store, String path) throws Exception {
    try (InputStream in = store.open(path).orElseThrow()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
