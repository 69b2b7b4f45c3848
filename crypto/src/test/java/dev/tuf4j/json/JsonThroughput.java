package dev.tuf4j.json;

import java.security.MessageDigest;
import java.util.Locale;

/**
 * Prints parse and canonical-encode throughput for a PEP 458-sized targets document (16,000
 * entries, about 5 MB as python-tuf writes it). A measuring tool, not a test: run with {@code java
 * -cp <test-classpath> dev.tuf4j.json.JsonThroughput [rounds]}.
 */
public final class JsonThroughput {
  private JsonThroughput() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    JsonObject metadata = TargetsDocuments.targetsMetadata(16_000, 458);
    byte[] file = JsonWriter.indented(metadata);
    StrictJsonParser parser = StrictJsonParser.withDefaults();
    JsonValue signed = metadata.get("signed");
    byte[] canonical = CanonicalJson.encode(signed);
    System.out.printf(
        Locale.ROOT,
        "document: %,d bytes indented, signed part %,d bytes canonical%n",
        file.length,
        canonical.length);

    long sink = 0;
    for (int warm = 0; warm < rounds; warm++) {
      sink += ((JsonObject) parser.parse(file)).size();
      sink += CanonicalJson.encode(signed).length;
    }
    long parseNanos = Long.MAX_VALUE;
    long encodeNanos = Long.MAX_VALUE;
    long bothNanos = Long.MAX_VALUE;
    long allNanos = Long.MAX_VALUE;
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      JsonObject parsed = (JsonObject) parser.parse(file);
      long t1 = System.nanoTime();
      byte[] out = CanonicalJson.encode(parsed.get("signed"));
      long t2 = System.nanoTime();
      // Ed25519 verification is dominated by one SHA-512 pass over the message.
      sink += sha512.digest(out)[0];
      long t3 = System.nanoTime();
      sink += out.length;
      parseNanos = Math.min(parseNanos, t1 - t0);
      encodeNanos = Math.min(encodeNanos, t2 - t1);
      bothNanos = Math.min(bothNanos, t2 - t0);
      allNanos = Math.min(allNanos, t3 - t0);
    }
    System.out.printf(
        Locale.ROOT,
        "parse:              %6.1f ms  %7.1f MB/s of file%n",
        parseNanos / 1e6,
        mbPerSecond(file.length, parseNanos));
    System.out.printf(
        Locale.ROOT,
        "canonical encode:   %6.1f ms  %7.1f MB/s of output%n",
        encodeNanos / 1e6,
        mbPerSecond(canonical.length, encodeNanos));
    System.out.printf(
        Locale.ROOT,
        "parse + canonical:  %6.1f ms  %7.1f MB/s of file%n",
        bothNanos / 1e6,
        mbPerSecond(file.length, bothNanos));
    System.out.printf(
        Locale.ROOT,
        "+ SHA-512 (JDK):    %6.1f ms  %7.1f MB/s of file%n",
        allNanos / 1e6,
        mbPerSecond(file.length, allNanos));
    System.out.println("(best of " + rounds + " rounds; checksum " + sink + ")");
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }
}
