package dev.tuf4j.fuzz;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.fuzz.TrustedSetHarness.Mode;
import dev.tuf4j.fuzz.TrustedSetHarness.Step;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonWriter;
import dev.tuf4j.json.StrictJsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The committed seed corpus, generated: the simulator's documents, edits of them, and a few tricky
 * inputs for each fuzz test, keyed by their path under {@code dev/tuf4j/fuzz/} in the test
 * resources ({@code <TestClass>Inputs/<method>/<name>}, where Jazzer looks). {@link
 * FuzzHarnessTest} checks that the committed files are exactly these, and rewrites them when run
 * with {@code -Dtuf4j.fuzz.writeSeeds=true}.
 */
final class SeedCorpus {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  /** Edits of a genuine {@code signed} object, re-signed by the trusted-set harness. */
  enum Variant {
    GENUINE,
    EXPIRED,
    NEXT_VERSION,
    PREVIOUS_VERSION;

    JsonObject apply(JsonObject signed) {
      long version = ((JsonNumber) signed.get("version")).value();
      switch (this) {
        case EXPIRED:
          return signed.toBuilder().put("expires", "2020-01-01T00:00:00Z").build();
        case NEXT_VERSION:
          return signed.toBuilder().put("version", version + 1).build();
        case PREVIOUS_VERSION:
          return signed.toBuilder().put("version", Math.max(1, version - 1)).build();
        default:
          return signed;
      }
    }
  }

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private SeedCorpus() {}

  /** Every seed file, by path relative to {@code dev/tuf4j/fuzz/}. */
  static Map<String, byte[]> all() {
    SeedCorpus c = new SeedCorpus();
    c.json();
    c.metadata();
    c.keys();
    c.trustedSet();
    return c.files;
  }

  private void put(String dir, String name, byte[] bytes) {
    String path = dir + "/" + name;
    if (files.put(path, bytes) != null) {
      throw new IllegalStateException("two seeds named " + path);
    }
  }

  // ---- JsonFuzzTest ------------------------------------------------------------------------

  private void json() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    FuzzWorld plain = FuzzWorld.of(false);
    seeds.put("root", plain.root1);
    seeds.put("timestamp-hashed", FuzzWorld.of(true).timestamp);
    seeds.put("snapshot-hashed", FuzzWorld.of(true).snapshot);
    seeds.put("targets", plain.targets);
    seeds.put("targets-indented", JsonWriter.indented(parse(plain.targets)));
    seeds.put("empty-object", utf8("{}"));
    seeds.put("whitespace-only", utf8(" \t\r\n "));
    seeds.put("depth-64", utf8("[".repeat(64) + "]".repeat(64)));
    seeds.put("depth-65", utf8("[".repeat(65) + "]".repeat(65)));
    seeds.put(
        "escapes",
        utf8("{\"a\":\"\\u0000\\n\\t\\\"\\\\\\/\\b\\f\\r\",\"\\ud83d\\ude00\":\"\u00e9\"}"));
    seeds.put("lone-surrogate", utf8("[\"\\ud800\"]"));
    seeds.put("lone-surrogate-key", utf8("{\"\\udc00\":1}"));
    seeds.put("long-edges", utf8("[9223372036854775807,-9223372036854775808,0]"));
    seeds.put("long-overflow", utf8("[9223372036854775808]"));
    seeds.put("negative-zero", utf8("[-0]"));
    seeds.put("fraction", utf8("[1.0]"));
    seeds.put("exponent", utf8("[1e5]"));
    seeds.put("duplicate-key", utf8("{\"a\":1,\"b\":2,\"a\":3}"));
    seeds.put("duplicate-key-unsorted", utf8("{\"b\":1,\"a\":2,\"b\":3}"));
    seeds.put("code-point-order", utf8("{\"\uffff\":1,\"\ud83d\ude00\":2,\"\u00e9\":3,\"z\":4}"));
    seeds.put(
        "byte-order-mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{}")));
    seeds.put(
        "overlong-utf8", concat(utf8("[\""), new byte[] {(byte) 0xC0, (byte) 0x80}, utf8("\"]")));
    seeds.put(
        "encoded-surrogate",
        concat(utf8("[\""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"]")));
    seeds.put(
        "truncated-utf8", concat(utf8("[\""), new byte[] {(byte) 0xE2, (byte) 0x82}, utf8("\"]")));
    seeds.put("raw-control-character", concat(utf8("[\"a"), new byte[] {1}, utf8("b\"]")));
    seeds.put("second-value", utf8("{} {}"));
    seeds.put("nan", utf8("[NaN]"));
    seeds.put("comment", utf8("{}//"));
    seeds.put("single-quotes", utf8("['a']"));
    for (String method : List.of("parse", "canonicalRoundTrip")) {
      seeds.forEach((name, bytes) -> put("JsonFuzzTestInputs/" + method, name, bytes));
    }
  }

  // ---- MetadataFuzzTest --------------------------------------------------------------------

  private void metadata() {
    Map<String, List<byte[]>> byMethod = new LinkedHashMap<>();
    FuzzWorld plain = FuzzWorld.of(false);
    FuzzWorld hashed = FuzzWorld.of(true);
    byMethod.put("parseRoot", List.of(plain.root1, plain.root2));
    byMethod.put("parseTimestamp", List.of(plain.timestamp, hashed.timestamp));
    byMethod.put("parseSnapshot", List.of(plain.snapshot, hashed.snapshot));
    byMethod.put("parseTargets", List.of(plain.targets, plain.delegated));
    byMethod.forEach(
        (method, documents) -> {
          String dir = "MetadataFuzzTestInputs/" + method;
          for (int i = 0; i < documents.size(); i++) {
            byte[] document = documents.get(i);
            JsonObject doc = parse(document);
            JsonObject signed = (JsonObject) doc.get("signed");
            put(dir, "genuine-" + i, document);
            if (i == 0) {
              put(dir, "indented", JsonWriter.indented(doc));
              put(
                  dir,
                  "unknown-fields",
                  CanonicalJson.encode(
                      doc.toBuilder()
                          .put("x-top", JsonArray.of(new JsonNumber(1), new JsonString("\u00e9")))
                          .put(
                              "signed",
                              signed.toBuilder().put("x-signed", JsonObject.EMPTY).build())
                          .build()));
              put(
                  dir,
                  "two-part-spec-version",
                  CanonicalJson.encode(
                      withSigned(doc, signed.toBuilder().put("spec_version", "1.0").build())));
              put(
                  dir,
                  "version-zero",
                  CanonicalJson.encode(
                      withSigned(doc, signed.toBuilder().put("version", 0).build())));
              put(
                  dir,
                  "short-expires",
                  CanonicalJson.encode(
                      withSigned(
                          doc, signed.toBuilder().put("expires", "2030-1-1T0:0:0Z").build())));
              JsonArray sigs = (JsonArray) doc.get("signatures");
              put(
                  dir,
                  "duplicate-signature",
                  CanonicalJson.encode(
                      doc.toBuilder()
                          .put("signatures", JsonArray.of(sigs.get(0), sigs.get(0)))
                          .build()));
              // Escaped control characters where the format allows any string: an unknown field
              // and a signature value. Canonical JSON writes them raw (the fuzzer found
              // Metadata.toBytes doing so, before main fixed it).
              JsonObject sig = (JsonObject) sigs.get(0);
              String hex = ((JsonString) sig.get("sig")).value();
              put(
                  dir,
                  "control-characters",
                  JsonWriter.indented(
                      doc.toBuilder()
                          .put(
                              "signatures",
                              JsonArray.of(sig.toBuilder().put("sig", hex + "\u001e\f").build()))
                          .put(
                              "signed", signed.toBuilder().put("x-note", "tab\tbell\u0007").build())
                          .build()));
            }
          }
        });
  }

  // ---- KeyFuzzTest -------------------------------------------------------------------------

  private void keys() {
    List<List<String>> pairs = KeyFuzzTest.KNOWN_PAIRS;
    int pairBound = pairs.size() + 2;
    int shapes = KeyFuzzTest.ValueShape.values().length;
    for (int p = 0; p < pairs.size(); p++) {
      String scheme = pairs.get(p).get(1);
      String name = pairs.get(p).get(0) + "-" + scheme;
      KeyFuzzTest.KeyCase key = KeyFuzzTest.keyFor(scheme).orElseThrow();
      String value = key.key().publicValue();
      put(
          "KeyFuzzTestInputs/decode",
          name + "-genuine",
          new FuzzInput.Builder()
              .pick(p, pairBound)
              .index(KeyFuzzTest.ValueShape.MUTATED.ordinal(), shapes)
              .pick(0, 5)
              .build(new byte[0]));
      put(
          "KeyFuzzTestInputs/decode",
          name + "-text",
          new FuzzInput.Builder()
              .pick(p, pairBound)
              .index(KeyFuzzTest.ValueShape.TEXT.ordinal(), shapes)
              .build(utf8(value)));
      byte[] material =
          value.startsWith("-----")
              ? Base64.getMimeDecoder().decode(value.replaceAll("-----[A-Z ]+-----", ""))
              : Hex.decode(value).orElseThrow();
      KeyFuzzTest.ValueShape shape =
          value.startsWith("-----") ? KeyFuzzTest.ValueShape.PEM : KeyFuzzTest.ValueShape.HEX;
      put(
          "KeyFuzzTestInputs/decode",
          name + "-" + shape.name().toLowerCase(Locale.ROOT),
          new FuzzInput.Builder()
              .pick(p, pairBound)
              .index(shape.ordinal(), shapes)
              .build(material));
    }
    // An odd pair: keytype "ecdsa" with scheme "ed25519", an Ed25519 key's value.
    put(
        "KeyFuzzTestInputs/decode",
        "odd-pair",
        new FuzzInput.Builder()
            .pick(pairs.size(), pairBound)
            .index(1, KeyFuzzTest.ODD_KEYTYPES.length)
            .index(0, KeyFuzzTest.ODD_SCHEMES.length)
            .index(KeyFuzzTest.ValueShape.MUTATED.ordinal(), shapes)
            .pick(0, 5)
            .build(new byte[0]));

    List<KeyFuzzTest.KeyCase> keys = KeyFuzzTest.KEYS;
    int signatureShapes = KeyFuzzTest.SignatureShape.values().length;
    for (int k = 0; k < keys.size(); k++) {
      String name = keys.get(k).key().scheme().tufName();
      byte[] signature = keys.get(k).signature();
      put(
          "KeyFuzzTestInputs/verify",
          name + "-genuine",
          new FuzzInput.Builder()
              .index(k, keys.size())
              .index(KeyFuzzTest.SignatureShape.MUTATED_SIGNATURE.ordinal(), signatureShapes)
              .pick(0, 5)
              .build(new byte[0]));
      put(
          "KeyFuzzTestInputs/verify",
          name + "-raw-signature",
          new FuzzInput.Builder()
              .index(k, keys.size())
              .index(KeyFuzzTest.SignatureShape.RAW_SIGNATURE.ordinal(), signatureShapes)
              .build(signature));
      put(
          "KeyFuzzTestInputs/verify",
          name + "-other-message",
          new FuzzInput.Builder()
              .index(k, keys.size())
              .index(KeyFuzzTest.SignatureShape.OTHER_MESSAGE.ordinal(), signatureShapes)
              .build(utf8("another message")));
    }
  }

  // ---- TrustedMetadataSetFuzzTest ----------------------------------------------------------

  private static final Map<Step, String> METHODS =
      Map.of(
          Step.ROOT, "updateRoot",
          Step.TIMESTAMP, "updateTimestamp",
          Step.SNAPSHOT, "updateSnapshot",
          Step.TARGETS, "updateDelegatedTargets");

  private void trustedSet() {
    for (Step step : Step.values()) {
      String dir = "TrustedMetadataSetFuzzTestInputs/" + METHODS.get(step);
      for (FuzzWorld world : FuzzWorld.both()) {
        for (Mode mode : Mode.values()) {
          // The root step has no option; the snapshot step also chooses where the bytes came from.
          for (boolean option : step == Step.ROOT ? List.of(false) : List.of(false, true)) {
            for (boolean fromCache :
                step == Step.SNAPSHOT ? List.of(false, true) : List.of(false)) {
              for (Variant variant : Variant.values()) {
                // Only a re-signed document can carry an edit; the plain world is enough for them.
                if (variant != Variant.GENUINE && (mode != Mode.RESIGNED || world.hashed)) {
                  continue;
                }
                List<String> name = new ArrayList<>(List.of(world.name(), mode.name()));
                optionName(step, option).ifPresent(name::add);
                if (step == Step.SNAPSHOT) {
                  name.add(fromCache ? "cached" : "downloaded");
                }
                name.add(variant.name());
                put(
                    dir,
                    String.join("-", name).toLowerCase(Locale.ROOT).replace('_', '-'),
                    trustedSetInput(step, world, mode, option, fromCache, variant));
              }
            }
          }
        }
      }
    }
  }

  private static Optional<String> optionName(Step step, boolean option) {
    switch (step) {
      case TIMESTAMP:
        return Optional.of(option ? "after-old-timestamp" : "first-timestamp");
      case SNAPSHOT:
        return Optional.of(option ? "after-stale-cache" : "first-snapshot");
      case TARGETS:
        return Optional.of(option ? "delegated" : "top-level");
      default:
        return Optional.empty();
    }
  }

  /**
   * The input that makes {@link TrustedSetHarness} run {@code step} in {@code world} with the given
   * mode and options on the genuine next document, edited by {@code variant} (which only {@link
   * Mode#RESIGNED} can carry: the other modes cannot re-sign).
   */
  static byte[] trustedSetInput(
      Step step, FuzzWorld world, Mode mode, boolean option, boolean fromCache, Variant variant) {
    FuzzInput.Builder b =
        new FuzzInput.Builder()
            .flag(world.hashed)
            .index(mode.ordinal(), Mode.values().length)
            .flag(option);
    if (step == Step.SNAPSHOT) {
      b.flag(fromCache);
    }
    byte[] genuine = genuine(step, world, option);
    switch (mode) {
      case RAW:
        return b.build(genuine);
      case MUTATED:
        return b.pick(0, 5).build(new byte[0]);
      default:
        return b.build(CanonicalJson.encode(variant.apply(FuzzWorld.signedPart(genuine))));
    }
  }

  private static byte[] genuine(Step step, FuzzWorld world, boolean option) {
    switch (step) {
      case ROOT:
        return world.root2;
      case TIMESTAMP:
        return world.timestamp;
      case SNAPSHOT:
        return world.snapshot;
      default:
        return option ? world.delegated : world.targets;
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static JsonObject parse(byte[] document) {
    try {
      return (JsonObject) PARSER.parse(document);
    } catch (MetadataFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject withSigned(JsonObject doc, JsonObject signed) {
    return doc.toBuilder().put("signed", signed).build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
