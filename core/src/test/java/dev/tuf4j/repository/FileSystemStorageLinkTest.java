package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical new versioned metadata files are written once and hard-linked, never shared by a later write. */
class FileSystemStorageLinkTest {
  @TempDir Path tmp;
  private final byte[] empty = "{\"signatures\":[],\"signed\":{\"targets\":{}}}".getBytes(StandardCharsets.UTF_8);
  private final byte[] other = "{\"signatures\":[],\"signed\":{\"targets\":{\"a\":1}}}".getBytes(StandardCharsets.UTF_8);

  private Path md(String name) {
    return tmp.resolve("metadata").resolve(name);
  }

  @Test
  void identicalNewVersionedFilesShareOneFileAndOthersDoNot() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    for (int i = 0; i < 10; i++) {
      s.writeMetadata("1.bin-" + i + ".json", empty);
    }
    s.writeMetadata("1.bin-x.json", other);
    s.writeMetadata("2.root.json", empty); // clients probe for numbered roots: never linked
    s.writeMetadata("timestamp.json", empty); // a fixed name: replaced atomically, never linked
    s.barrier();

    for (int i = 1; i < 10; i++) {
      assertTrue(Files.isSameFile(md("1.bin-0.json"), md("1.bin-" + i + ".json")), "bin " + i);
      assertArrayEquals(empty, s.readMetadata("1.bin-" + i + ".json").orElseThrow());
    }
    for (String name : new String[] {"1.bin-x.json", "2.root.json", "timestamp.json"}) {
      assertFalse(Files.isSameFile(md("1.bin-0.json"), md(name)), name);
    }
    assertArrayEquals(other, s.readMetadata("1.bin-x.json").orElseThrow());
  }

  @Test
  void filesAreNotLinkedAcrossABarrier() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    s.writeMetadata("1.bin-0.json", empty);
    s.barrier();
    s.writeMetadata("2.bin-0.json", empty);
    assertFalse(Files.isSameFile(md("1.bin-0.json"), md("2.bin-0.json")));
  }

  @Test
  void whenTheFileSystemRefusesLinksEachFileIsWrittenOnItsOwnAndLinkingPausesUntilTheBarrier() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    FileSystemStorage s = FileSystemStorage.create(tmp, true, (link, existing) -> {
      attempts.incrementAndGet();
      throw new FileSystemException(link.toString(), existing.toString(), "Operation not permitted");
    });
    for (int i = 0; i < 10; i++) {
      s.writeMetadata("1.bin-" + i + ".json", empty);
    }
    assertEquals(1, attempts.get());
    s.barrier();
    s.writeMetadata("2.bin-0.json", empty);
    s.writeMetadata("2.bin-1.json", empty);
    assertEquals(2, attempts.get(), "tried again after the barrier");
    s.barrier();

    for (int i = 0; i < 10; i++) {
      assertArrayEquals(empty, Files.readAllBytes(md("1.bin-" + i + ".json")), "bin " + i);
      assertTrue(i == 0 || !Files.isSameFile(md("1.bin-0.json"), md("1.bin-" + i + ".json")));
    }
    assertArrayEquals(empty, Files.readAllBytes(md("2.bin-1.json")));
  }

  @Test
  void replacingOrDeletingOneLinkedNameLeavesTheOthersIntact() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    for (int i = 0; i < 5; i++) {
      s.writeMetadata("1.bin-" + i + ".json", empty);
    }
    s.barrier();
    s.writeMetadata("1.bin-2.json", other); // the name exists: a new file is renamed over it
    s.deleteMetadata("1.bin-0.json"); // the name the others were linked to
    s.barrier();

    assertArrayEquals(other, s.readMetadata("1.bin-2.json").orElseThrow());
    assertTrue(s.readMetadata("1.bin-0.json").isEmpty());
    for (int i : new int[] {1, 3, 4}) {
      assertArrayEquals(empty, s.readMetadata("1.bin-" + i + ".json").orElseThrow(), "bin " + i);
    }
  }

  @Test
  void aNameLeftByACrashIsReplacedWholeInsteadOfLinked() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    Files.createDirectories(md("x").getParent());
    Files.write(md("1.bin-3.json"), java.util.Arrays.copyOf(empty, 7)); // a torn file from a crash
    for (int i = 0; i < 6; i++) {
      s.writeMetadata("1.bin-" + i + ".json", empty);
    }
    s.barrier();
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(empty, s.readMetadata("1.bin-" + i + ".json").orElseThrow(), "bin " + i);
    }
    assertTrue(Files.isSameFile(md("1.bin-0.json"), md("1.bin-5.json")), "linking goes on after the torn name");
  }
}
