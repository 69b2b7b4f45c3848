package dev.tuf4j.repository;

import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.DelegationMatching;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.SuccinctRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hash-bin mapping of PEP 458: {@code 2^bits} bins, a target in the bin given by the first
 * {@code bits} bits of the SHA-256 of its path (TAP 15). Both delegation styles use that same
 * mapping and the same names ({@code bin-0000} to {@code bin-3fff} for 16,384 bins), so a client
 * finds a target in the same bin either way:
 *
 * <ul>
 *   <li>succinct: one {@code succinct_roles} entry with {@code bit_length = bits};
 *   <li>hash prefixes: bin {@code i} lists the hex prefixes of length {@code ceil(bits / 4)}
 *       whose first {@code bits} bits are {@code i} - e.g. 16,384 bins: four 4-digit prefixes
 *       each, {@code bin-0001} holding {@code 0004} to {@code 0007}.
 * </ul>
 */
final class BinLayout {
  private final int count;
  private final int bits;
  private final String prefix;
  private final RepositoryConfig.BinStyle style;
  private final String[] names;
  private final String[] fileKeys;
  private final byte[][] snapshotPrefixes;

  BinLayout(int count, String prefix, RepositoryConfig.BinStyle style) {
    if (count < 2 || Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("bin count must be a power of two >= 2, got " + count);
    }
    this.count = count;
    this.bits = Integer.numberOfTrailingZeros(count);
    this.prefix = prefix;
    this.style = style;
    // Names are asked for on every publish (snapshot lists them all): make them once.
    this.names = new String[count];
    this.fileKeys = new String[count];
    this.snapshotPrefixes = new byte[count][];
    for (int i = 0; i < count; i++) {
      names[i] = DelegationMatching.succinctBinName(prefix, i, bits);
      fileKeys[i] = names[i] + ".json";
      snapshotPrefixes[i] = ("\"" + fileKeys[i] + "\":{\"version\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  static BinLayout of(RepositoryConfig config) {
    return new BinLayout(config.binCount(), config.binNamePrefix(), config.binStyle());
  }

  int count() {
    return count;
  }

  int bits() {
    return bits;
  }

  RepositoryConfig.BinStyle style() {
    return style;
  }

  String name(int index) {
    return names[index];
  }

  /** The bytes {@code "bin-0a.json":{"version":} that start the bin's entry in snapshot meta. */
  byte[] snapshotEntryPrefix(int index) {
    return snapshotPrefixes[index];
  }

  /** {@code name(index) + ".json"}, the bin's key in snapshot meta. */
  String fileKey(int index) {
    return fileKeys[index];
  }

  /** The bin index of a role name, or -1 if it names no bin. */
  int indexOf(String roleName) {
    return (int) DelegationMatching.succinctBinIndexOf(prefix, bits, roleName);
  }

  int binOf(String targetPath) {
    return (int) DelegationMatching.succinctBinIndex(targetPath, bits);
  }

  /** The hex hash prefixes bin {@code index} covers in the explicit style. */
  List<String> hashPrefixes(int index) {
    int width = (bits + 3) / 4;
    int spare = width * 4 - bits; // low bits of the prefix that any value may take
    List<String> out = new ArrayList<>(1 << spare);
    for (int low = 0; low < 1 << spare; low++) {
      String hex = Integer.toHexString((index << spare) | low);
      out.add("0".repeat(width - hex.length()) + hex);
    }
    return out;
  }

  /** The {@code delegations} of the bins role for bin keys {@code keyids} (in {@code keys}). */
  Delegations delegations(Map<String, Key> keys, List<String> keyids, int threshold) {
    if (style == RepositoryConfig.BinStyle.SUCCINCT) {
      return Delegations.succinct(keys, new SuccinctRoles(keyids, threshold, bits, prefix));
    }
    List<DelegatedRole> roles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // Terminating, as clients treat succinct bins: a path's bin is its only place.
      roles.add(DelegatedRole.forHashPrefixes(name(i), keyids, threshold, hashPrefixes(i)).withTerminating(true));
    }
    return Delegations.of(keys, roles);
  }

  /** The keyids and threshold of the bins in {@code d}; empty if {@code d} is not this layout. */
  Optional<BinKeys> binKeys(Delegations d) {
    if (style == RepositoryConfig.BinStyle.SUCCINCT) {
      return d.succinctRoles()
          .filter(s -> s.bitLength() == bits && s.namePrefix().equals(prefix))
          .map(s -> new BinKeys(s.keyids(), s.threshold()));
    }
    Optional<List<DelegatedRole>> roles = d.roles();
    if (roles.isEmpty() || roles.get().size() != count || !roles.get().get(0).name().equals(name(0))
        || !roles.get().get(count - 1).name().equals(name(count - 1))) {
      return Optional.empty();
    }
    DelegatedRole first = roles.get().get(0);
    return Optional.of(new BinKeys(first.keyids(), first.threshold()));
  }

  /** Who signs every bin. */
  record BinKeys(List<String> keyids, int threshold) {}

  String describe() {
    return count + " " + (style == RepositoryConfig.BinStyle.SUCCINCT ? "succinct" : "hash-prefix") + " bins";
  }
}
