package dev.tuf4j.client;

/**
 * Limits of the client workflow, with python-tuf's defaults. Each cap bounds a download whose
 * size nothing trusted states yet (endless data attack); where trusted metadata lists a length,
 * that length is the cap instead.
 *
 * @param rootMaxLength cap for {@code N.root.json} (default 512,000 bytes)
 * @param timestampMaxLength cap for {@code timestamp.json} (default 16,384)
 * @param snapshotMaxLength cap for the snapshot when the timestamp lists no length (2,000,000)
 * @param targetsMaxLength cap for targets metadata when the snapshot lists no length (5,000,000)
 * @param maxRootRotations the most new roots one update follows (256)
 * @param maxDelegations the most roles one target search visits (32)
 * @param parallelDownloads threads for {@link Updater#downloadAll} (4)
 */
public record UpdaterConfig(
    long rootMaxLength,
    long timestampMaxLength,
    long snapshotMaxLength,
    long targetsMaxLength,
    int maxRootRotations,
    int maxDelegations,
    int parallelDownloads) {

  public static final UpdaterConfig DEFAULTS =
      new UpdaterConfig(512_000, 16_384, 2_000_000, 5_000_000, 256, 32, 4);

  public UpdaterConfig {
    positive("rootMaxLength", rootMaxLength);
    positive("timestampMaxLength", timestampMaxLength);
    positive("snapshotMaxLength", snapshotMaxLength);
    positive("targetsMaxLength", targetsMaxLength);
    positive("maxRootRotations", maxRootRotations);
    positive("maxDelegations", maxDelegations);
    positive("parallelDownloads", parallelDownloads);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  public UpdaterConfig withMaxDelegations(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, value, parallelDownloads);
  }

  public UpdaterConfig withMaxRootRotations(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        value, maxDelegations, parallelDownloads);
  }

  public UpdaterConfig withParallelDownloads(int value) {
    return new UpdaterConfig(rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, value);
  }

  public UpdaterConfig withTimestampMaxLength(long value) {
    return new UpdaterConfig(rootMaxLength, value, snapshotMaxLength, targetsMaxLength,
        maxRootRotations, maxDelegations, parallelDownloads);
  }
}
