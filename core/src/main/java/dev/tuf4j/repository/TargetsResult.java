package dev.tuf4j.repository;

/**
 * What a bulk change of targets did.
 *
 * @param added targets that were not listed before
 * @param replaced targets listed before with other length, hashes or custom data
 * @param unchanged targets listed before exactly so
 * @param removed targets no longer listed
 * @param binsTouched bins whose metadata changes at the next publish
 */
public record TargetsResult(long added, long replaced, long unchanged, long removed, int binsTouched) {}
