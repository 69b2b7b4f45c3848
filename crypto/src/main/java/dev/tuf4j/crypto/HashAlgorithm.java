package dev.tuf4j.crypto;

import java.util.Optional;

/** File hash algorithms with their TUF names. PyPI names its files by BLAKE2b-256. */
public enum HashAlgorithm {
  SHA256("sha256", 32),
  SHA512("sha512", 64),
  BLAKE2B_256("blake2b-256", 32);

  private final String tufName;
  private final int digestLength;

  HashAlgorithm(String tufName, int digestLength) {
    this.tufName = tufName;
    this.digestLength = digestLength;
  }

  public String tufName() {
    return tufName;
  }

  public int digestLength() {
    return digestLength;
  }

  public static Optional<HashAlgorithm> byTufName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.tufName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
