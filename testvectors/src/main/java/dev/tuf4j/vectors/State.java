package dev.tuf4j.vectors;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the repository serves at one point of a scenario: paths under the server root ({@code
 * metadata/...}, {@code targets/...}, exactly as requested on the wire, percent-encoding
 * included) to file bytes.
 */
final class State {
  final Map<String, byte[]> files = new TreeMap<>();

  void put(String path, byte[] bytes) {
    files.put(path, bytes);
  }

  byte[] get(String path) {
    byte[] b = files.get(path);
    if (b == null) {
      throw new IllegalArgumentException("no " + path + " in " + files.keySet());
    }
    return b;
  }

  void remove(String path) {
    if (files.remove(path) == null) {
      throw new IllegalArgumentException("no " + path + " in " + files.keySet());
    }
  }

  State copy() {
    State s = new State();
    s.files.putAll(files);
    return s;
  }
}
