package dev.tuf4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What tests read back from the metadata and target folders. */
final class ClientFolders {
  private ClientFolders() {}

  /** Every {@code *.json} directly in {@code md}, by file name, with its bytes. */
  static Map<String, String> jsonFiles(Path md) {
    return files(md, true);
  }

  /** Every regular file directly in {@code dir} (empty if it does not exist), with its bytes. */
  static Map<String, String> files(Path dir) {
    return files(dir, false);
  }

  private static Map<String, String> files(Path dir, boolean jsonOnly) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p) && (!jsonOnly || name.endsWith(".json"))) {
          out.put(name, new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Bytes as the map values above hold them (one char per byte), for comparisons. */
  static String text(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
