package dev.tuf4j.repository;

import dev.tuf4j.metadata.Signed;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntToLongFunction;

/**
 * The canonical {@code signed} bytes of snapshot metadata (spec 4.4) listing every targets
 * role by version only - no lengths or hashes, as python-tuf writes by default and as PEP 458
 * sizes it: with hashes, 16,384 bins would push the snapshot past the 2,000,000-byte cap.
 * Written directly rather than through a {@code JsonObject} of 16,000 entries; the bins
 * ({@code bin-0000.json} ...) are merged with the other roles in code point order.
 */
final class SnapshotWriter {
  private SnapshotWriter() {}

  static byte[] signedBytes(long version, Instant expires, SortedMap<String, Long> roles, BinLayout layout,
      IntToLongFunction binVersion) {
    CanonicalBytes out = new CanonicalBytes(roles.size() * 40 + layout.count() * 32 + 200);
    out.ascii("{\"_type\":\"snapshot\",\"expires\":\"").ascii(Signed.formatExpires(expires)).ascii("\",\"meta\":{");
    Iterator<Map.Entry<String, Long>> it = roles.entrySet().iterator();
    Map.Entry<String, Long> next = it.hasNext() ? it.next() : null;
    boolean first = true;
    for (int bin = 0; bin < layout.count(); bin++) {
      long v = binVersion.applyAsLong(bin);
      if (v == 0) {
        continue;
      }
      String key = layout.fileKey(bin);
      while (next != null && CanonicalBytes.CODE_POINT_ORDER.compare(next.getKey(), key) < 0) {
        first = entry(out, first, next.getKey(), next.getValue());
        next = it.hasNext() ? it.next() : null;
      }
      if (!first) {
        out.put(',');
      }
      first = false;
      out.raw(layout.snapshotEntryPrefix(bin)).number(v).put('}');
    }
    while (next != null) {
      first = entry(out, first, next.getKey(), next.getValue());
      next = it.hasNext() ? it.next() : null;
    }
    out.ascii("},\"spec_version\":\"").ascii(Signed.SPEC_VERSION).ascii("\",\"version\":").number(version).put('}');
    return out.toByteArray();
  }

  private static boolean entry(CanonicalBytes out, boolean first, String key, long version) {
    if (!first) {
      out.put(',');
    }
    out.string(key).ascii(":{\"version\":").number(version).put('}');
    return false;
  }
}
