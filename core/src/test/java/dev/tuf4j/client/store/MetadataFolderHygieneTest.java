package dev.tuf4j.client.store;

import static dev.tuf4j.client.store.StoreTesting.jsonNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.MetadataStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suites read every {@code *.json} directly in the metadata folder as trusted
 * metadata: nothing else may ever be named so, not even for a moment.
 */
@SuppressWarnings("try") // a held lock is used by existing, not by being referenced
class MetadataFolderHygieneTest {
  @TempDir Path tmp;

  /** Runs every kind of operation, checking the folder's *.json after each. */
  private void runAllOperations(Path md) throws Exception {
    FileSystemMetadataStore store = new FileSystemMetadataStore(md);
    TreeSet<String> roles = new TreeSet<>();

    store.store("root", new byte[] {1});
    roles.add("root.json");
    assertEquals(roles, jsonNames(md), "after storing root");

    store.store("root", new byte[] {2});
    assertEquals(roles, jsonNames(md), "after replacing root");

    store.storeRootHistory(1, new byte[] {1});
    store.storeRootHistory(2, new byte[] {2});
    assertEquals(roles, jsonNames(md), "after root history");

    for (String role : new String[] {"timestamp", "snapshot", "targets", "../x", "?", "a b"}) {
      store.store(role, new byte[] {3});
      roles.add(store.fileFor(role).getFileName().toString());
      assertEquals(roles, jsonNames(md), "after storing " + role);
    }

    try (MetadataStore.Lock lock = store.lock()) {
      assertEquals(roles, jsonNames(md), "while locked");
    }
    assertEquals(roles, jsonNames(md), "after unlocking");

    store.load("snapshot");
    store.load("missing");
    assertEquals(roles, jsonNames(md), "after loads");

    store.delete("timestamp");
    roles.remove("timestamp.json");
    assertEquals(roles, jsonNames(md), "after delete");

    try {
      new FileSystemMetadataStore(md, 1).store("snapshot", new byte[2]);
      fail("over the cap");
    } catch (StorageException expected) {
      // refused before anything was written
    }
    assertEquals(roles, jsonNames(md), "after a refused store");
  }

  @Test
  void folderHoldsNoJsonFileButTheStoredRolesAfterAnyOperation() throws Exception {
    runAllOperations(tmp.resolve("md"));
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "needs inotify to see short-lived files")
  void noTransientFileEndsInJsonEither() throws Exception {
    // Watch the folder while operations run, to catch temporary files that a listing afterwards
    // would miss. Linux's watch service (inotify) reports every created name; polling ones on
    // other systems would miss short-lived files.
    Path md = Files.createDirectory(tmp.resolve("md"));
    Set<String> created = new TreeSet<>();
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      md.register(watch, StandardWatchEventKinds.ENTRY_CREATE);

      runAllOperations(md);
      // A sentinel marks the end of the event stream: once it is seen, every earlier creation
      // has been reported too.
      Files.createFile(md.resolve("sentinel.done"));
      boolean sawSentinel = false;
      while (!sawSentinel) {
        WatchKey key = watch.poll(60, TimeUnit.SECONDS);
        if (key == null) {
          fail("no watch events");
        }
        for (WatchEvent<?> event : key.pollEvents()) {
          assertNotEquals(StandardWatchEventKinds.OVERFLOW, event.kind(), "lost events");
          String name = event.context().toString();
          created.add(name);
          sawSentinel |= name.equals("sentinel.done");
        }
        key.reset();
      }
    }

    Set<String> allowedJson =
        Set.of("root.json", "timestamp.json", "snapshot.json", "targets.json", "..%2Fx.json",
            "%3F.json", "a%20b.json");
    for (String name : created) {
      if (name.endsWith(".json")) {
        assertTrue(allowedJson.contains(name), "transient or foreign json file: " + name);
      }
    }
    // The temporary files were seen (the watch works) and are named as documented.
    assertTrue(
        created.stream().anyMatch(n -> n.startsWith(".tuf4j-") && n.endsWith(".tmp")),
        "temporary files seen: " + created);
  }
}
