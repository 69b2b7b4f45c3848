package dev.tuf4j.client.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.FileSystemTargetStore;
import dev.tuf4j.client.PendingTarget;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers running while a file is replaced see the whole old file or the whole new file, never a
 * missing, empty or mixed one. A non-atomic write would show up here as a torn read.
 */
class ConcurrentReaderTest {
  private static final int SIZE = 1 << 20;
  private static final int REPLACEMENTS = 16;

  @TempDir Path tmp;

  /** One read of the whole current file; empty if it is missing. */
  private interface Read {
    Optional<byte[]> read() throws Exception;
  }

  private static CompletableFuture<String> readUntil(AtomicBoolean done, Read read) {
    return CompletableFuture.supplyAsync(
        () -> {
          int reads = 0;
          try {
            while (!done.get() || reads == 0) {
              Optional<byte[]> bytes = read.read();
              reads++;
              if (bytes.isEmpty()) {
                return "file missing during replacement";
              }
              byte[] b = bytes.get();
              if (b.length != SIZE) {
                return "torn read: " + b.length + " bytes";
              }
              byte first = b[0];
              for (byte x : b) {
                if (x != first) {
                  return "mixed content";
                }
              }
            }
            return "ok after " + reads + " reads";
          } catch (Exception e) {
            return "read failed: " + e;
          }
        });
  }

  private static byte[] filled(int version) {
    byte[] b = new byte[SIZE];
    Arrays.fill(b, (byte) version);
    return b;
  }

  @Test
  void metadataReadersNeverSeeAPartialRoleFile() throws Exception {
    FileSystemMetadataStore store = new FileSystemMetadataStore(tmp.resolve("md"));
    store.store("snapshot", filled(0));
    AtomicBoolean done = new AtomicBoolean();

    CompletableFuture<String> reader = readUntil(done, () -> store.load("snapshot"));
    for (int v = 1; v <= REPLACEMENTS; v++) {
      store.store("snapshot", filled(v));
    }
    done.set(true);

    String outcome = reader.get(60, TimeUnit.SECONDS);
    assertTrue(outcome.startsWith("ok"), outcome);
    assertEquals(REPLACEMENTS, store.load("snapshot").orElseThrow()[0]);
  }

  @Test
  void targetReadersNeverSeeAPartialTargetFile() throws Exception {
    FileSystemTargetStore store =
        new FileSystemTargetStore(tmp.resolve("td"), tmp.resolve("staging"));
    commit(store, filled(0));
    AtomicBoolean done = new AtomicBoolean();

    CompletableFuture<String> reader =
        readUntil(
            done,
            () -> {
              Optional<InputStream> in = store.open("t");
              if (in.isEmpty()) {
                return Optional.empty();
              }
              try (InputStream stream = in.get()) {
                return Optional.of(stream.readAllBytes());
              }
            });
    for (int v = 1; v <= REPLACEMENTS; v++) {
      commit(store, filled(v));
    }
    done.set(true);

    String outcome = reader.get(60, TimeUnit.SECONDS);
    assertTrue(outcome.startsWith("ok"), outcome);
  }

  private static void commit(FileSystemTargetStore store, byte[] bytes) throws Exception {
    try (PendingTarget pending = store.create("t")) {
      pending.write(bytes, 0, bytes.length);
      pending.commit();
    }
  }
}
