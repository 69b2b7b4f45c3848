package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStorageTest {
  @TempDir Path tmp;

  private List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void durableWritesLeaveOnlyTheFinalFilesAndSurviveABarrier() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    for (int i = 0; i < 20; i++) {
      s.writeMetadata("1.bin-" + i + ".json", ("bin " + i).getBytes(StandardCharsets.UTF_8));
    }
    s.writeMetadata("timestamp.json", "ts".getBytes(StandardCharsets.UTF_8));
    s.barrier();
    s.barrier(); // nothing left to sync
    assertEquals(21, names(tmp.resolve("metadata")).size());
    assertArrayEquals("bin 7".getBytes(StandardCharsets.UTF_8), s.readMetadata("1.bin-7.json").orElseThrow());
  }

  @Test
  void aPartialVersionedFileLeftByACrashIsReplacedWhole() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    // What a crash half-way through creating 3.bin-0a.json in place leaves behind (longer than
    // the new content, so a write that does not truncate would leave a tail).
    Files.writeString(tmp.resolve("metadata/3.bin-0a.json"), "{\"signatures\":[{\"keyid\":\"" + "ab".repeat(40));
    byte[] whole = "{\"signatures\":[],\"signed\":{}}".getBytes(StandardCharsets.UTF_8);
    s.writeMetadata("3.bin-0a.json", whole);
    s.barrier();
    assertArrayEquals(whole, s.readMetadata("3.bin-0a.json").orElseThrow());
    assertEquals(List.of("3.bin-0a.json"), names(tmp.resolve("metadata")));
  }

  @Test
  void manyNewVersionedFilesWrittenFromSeveralThreadsAreAllThereAfterTheBarrier() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    int files = 600; // more than the syncs the storage keeps open at once
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 3; t++) {
      int from = t;
      threads.add(new Thread(() -> {
        try {
          for (int i = from; i < files; i += 3) {
            s.writeMetadata("1.bin-" + i + ".json", ("bin " + i).getBytes(StandardCharsets.UTF_8));
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), List.copyOf(errors));
    s.barrier();
    assertEquals(files, names(tmp.resolve("metadata")).size());
    for (int i = 0; i < files; i++) {
      assertArrayEquals(("bin " + i).getBytes(StandardCharsets.UTF_8), s.readMetadata("1.bin-" + i + ".json").orElseThrow());
    }
  }

  @Test
  void aRewriteReplacesTheWholeFile() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, false);
    s.writeMetadata("timestamp.json", "a much longer first version".getBytes(StandardCharsets.UTF_8));
    s.writeMetadata("timestamp.json", "short".getBytes(StandardCharsets.UTF_8));
    assertEquals("short", Files.readString(tmp.resolve("metadata/timestamp.json")));
    assertEquals(List.of("timestamp.json"), names(tmp.resolve("metadata")));
  }

  @Test
  void aMissingFileReadsAsEmptyAndDeletesQuietly() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, false);
    assertTrue(s.readMetadata("9.snapshot.json").isEmpty());
    s.deleteMetadata("9.snapshot.json");
    s.deleteTarget("no/such/file");
  }

  @Test
  void targetsAreCopiedAndLinkedIntoTheirFolders() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, true);
    Path source = Files.writeString(tmp.resolve("source.whl"), "content");
    s.writeTarget("packages/ab/cafe.demo.whl", source);
    s.linkTarget("packages/ab/beef.demo.whl", "packages/ab/cafe.demo.whl");
    s.barrier();
    Files.writeString(source, "changed later"); // the published copy does not change with it
    assertEquals("content", Files.readString(tmp.resolve("targets/packages/ab/cafe.demo.whl")));
    assertEquals("content", Files.readString(tmp.resolve("targets/packages/ab/beef.demo.whl")));
    assertEquals(List.of("beef.demo.whl", "cafe.demo.whl"), names(tmp.resolve("targets/packages/ab")));
  }

  @Test
  void namesThatWouldLeaveTheirFolderAreRefused() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, false);
    byte[] b = new byte[1];
    for (String bad : List.of("../x.json", "a/b.json", ".hidden.json", "")) {
      assertThrows(IllegalArgumentException.class, () -> s.writeMetadata(bad, b), bad);
    }
    Path source = Files.writeString(tmp.resolve("s"), "x");
    for (String bad : List.of("../x", "a/../../x", "/abs", "a//b")) {
      assertThrows(IllegalArgumentException.class, () -> s.writeTarget(bad, source), bad);
    }
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFile() throws Exception {
    FileSystemStorage s = FileSystemStorage.create(tmp, false);
    Files.createDirectories(tmp.resolve("metadata/1.targets.json")); // a folder where the file should go
    assertThrows(StorageException.class, () -> s.writeMetadata("1.targets.json", new byte[] {1}));
    assertEquals(List.of("1.targets.json"), names(tmp.resolve("metadata")));
    assertThrows(StorageException.class, () -> s.writeTarget("t", tmp.resolve("no-such-source")));
    assertEquals(List.of(), names(tmp.resolve("targets")));
  }
}
