package dev.tuf4j;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** More bytes arrived than the cap allows (endless data attack). */
public final class LengthExceededException extends DownloadException {
  private final long limit;

  public LengthExceededException(@Nullable URI uri, long limit) {
    super(uri, "expected at most " + limit + " bytes, got more");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
