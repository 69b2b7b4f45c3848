package dev.tuf4j.cli;

import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.TargetFile;
import java.util.Map;

/** A target's verified info as JSON: {@code path}, {@code length}, {@code hashes}, {@code custom}. */
final class TargetJson {
  private TargetJson() {}

  static JsonObject of(TargetFile target) {
    JsonObject.Builder b = JsonObject.builder()
        .put("path", target.path())
        .put("length", target.length())
        .put("hashes", hashes(target.hashes()));
    target.custom().ifPresent(c -> b.put("custom", c));
    return b.build();
  }

  static JsonObject hashes(Map<String, String> hashes) {
    JsonObject.Builder b = JsonObject.builder();
    hashes.forEach(b::put);
    return b.build();
  }
}
