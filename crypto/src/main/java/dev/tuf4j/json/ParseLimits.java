package dev.tuf4j.json;

/**
 * Explicit limits for parsing untrusted JSON. The defaults comfortably hold the largest metadata
 * a TUF client accepts by default (targets, 5,000,000 bytes) and stop hostile documents early.
 *
 * @param maxDocumentBytes the largest document, in bytes
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxStringLength the longest string or object key, in characters
 */
public record ParseLimits(long maxDocumentBytes, int maxDepth, int maxStringLength) {
  public static final ParseLimits DEFAULT = new ParseLimits(64L * 1024 * 1024, 64, 1024 * 1024);

  public ParseLimits {
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes must be >= 1, got " + maxDocumentBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("maxStringLength must be >= 1, got " + maxStringLength);
    }
  }
}
