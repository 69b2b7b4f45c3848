package dev.tuf4j.bench;

/** The fixed seeds of the benchmark data; one per data set, so that sets do not share keys. */
final class Seeds {
  static final long LARGE_TARGETS = 0x7475_6634_0001L;
  static final long BIN = 0x7475_6634_0002L;
  static final long SNAPSHOT = 0x7475_6634_0003L;
  static final long KEYS = 0x7475_6634_0004L;
  static final long VERIFY = 0x7475_6634_0005L;
  static final long SIGNATURES = 0x7475_6634_0006L;
  static final long DIGEST = 0x7475_6634_0007L;
  static final long MATCHING = 0x7475_6634_0008L;
  static final long REPOSITORY = 0x7475_6634_0009L;
  /** pep458: keys and targets of the built repositories (the variant: + 7). */
  static final long PEP458 = 0x7475_6634_0458L;

  private Seeds() {}
}
