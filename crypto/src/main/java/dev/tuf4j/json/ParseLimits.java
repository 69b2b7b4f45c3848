package dev.tuf4j.json;

/**
 * Explicit limits for parsing untrusted JSON. The defaults comfortably hold the largest metadata a
 * TUF client accepts by default (targets, 5,000,000 bytes) and stop hostile documents early.
 *
 * @param maxDocumentBytes the largest document, in bytes
 * @param maxDepth the deepest nesting of objects and arrays ({@code {}} is 1 deep, {@code [{}]} is
 *     2), at most {@link #MAX_DEPTH_CEILING}
 * @param maxStringLength the longest string or object key, in UTF-16 characters
 */
public record ParseLimits(long maxDocumentBytes, int maxDepth, int maxStringLength) {
  /**
   * The largest {@code maxDepth} accepted. The parser, {@link CanonicalJson} and {@link JsonWriter}
   * descend recursively; this bound keeps a parsed tree well inside a small (512 KiB) thread stack
   * even for interpreted code, so a deep document fails with {@link
   * dev.tuf4j.MetadataFormatException}, never with {@link StackOverflowError}. TUF metadata is
   * about six levels deep.
   */
  public static final int MAX_DEPTH_CEILING = 500;

  public static final ParseLimits DEFAULT = new ParseLimits(64L * 1024 * 1024, 64, 1024 * 1024);

  public ParseLimits {
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes must be >= 1, got " + maxDocumentBytes);
    }
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException(
          "maxDepth must be between 1 and " + MAX_DEPTH_CEILING + ", got " + maxDepth);
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("maxStringLength must be >= 1, got " + maxStringLength);
    }
  }
}
