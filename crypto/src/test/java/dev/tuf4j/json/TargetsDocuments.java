package dev.tuf4j.json;

import java.util.HexFormat;
import java.util.Random;

/**
 * Generates targets metadata shaped like PyPI's (PEP 458): many entries of {@code "path":
 * {"length": n, "hashes": {"sha256": ..., "blake2b-256": ...}, "custom": {...}}}, from a fixed
 * seed, as python-tuf would write it (indented).
 */
final class TargetsDocuments {
  private TargetsDocuments() {}

  static JsonObject targetsMetadata(int entries, long seed) {
    Random random = new Random(seed);
    HexFormat hex = HexFormat.of();
    JsonObject.Builder targets = JsonObject.builder();
    for (int i = 0; i < entries; i++) {
      String project = "project-" + Integer.toString(random.nextInt(1 << 20), 36);
      String path =
          "packages/"
              + hex.toHexDigits((byte) random.nextInt())
              + "/"
              + hex.toHexDigits((byte) random.nextInt())
              + "/"
              + hex.formatHex(bytes(random, 8))
              + "/"
              + project
              + "-"
              + random.nextInt(20)
              + "."
              + random.nextInt(100)
              + (random.nextBoolean() ? ".tar.gz" : "-py3-none-any.whl");
      JsonObject hashes =
          JsonObject.builder()
              .put("sha256", hex.formatHex(bytes(random, 32)))
              .put("blake2b-256", hex.formatHex(bytes(random, 32)))
              .build();
      JsonObject custom =
          JsonObject.builder()
              .put("project", project)
              .put("yanked", random.nextInt(50) == 0)
              .build();
      targets.put(
          path,
          JsonObject.builder()
              .put("length", 1000 + (long) random.nextInt(50_000_000))
              .put("hashes", hashes)
              .put("custom", custom)
              .build());
    }
    JsonObject signed =
        JsonObject.builder()
            .put("_type", "targets")
            .put("spec_version", "1.0.34")
            .put("version", 42)
            .put("expires", "2030-01-01T00:00:00Z")
            .put("targets", targets.build())
            .build();
    JsonObject signature =
        JsonObject.builder()
            .put("keyid", hex.formatHex(bytes(random, 32)))
            .put("sig", hex.formatHex(bytes(random, 64)))
            .build();
    return JsonObject.builder()
        .put("signed", signed)
        .put("signatures", JsonArray.of(signature))
        .build();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
