package dev.tuf4j.client.internal.http;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to abort one HTTP exchange from another thread (when the fetcher is closed): the
 * response future until the headers arrive, the body queue after. Either may be attached before or
 * after {@link #abort()}; whatever is attached after an abort is aborted at once.
 */
public final class InFlightExchange {
  private volatile @Nullable CompletableFuture<?> response;
  private volatile @Nullable BodyQueue body;
  private volatile boolean aborted;

  /** Attaches the response future; cancelled at once if already aborted. */
  public void attach(CompletableFuture<?> future) {
    response = future;
    if (aborted) {
      future.cancel(true);
    }
  }

  /** Attaches the body (from the HTTP client's body handler) and returns it. */
  public BodyQueue attach(BodyQueue queue) {
    body = queue;
    if (aborted) {
      queue.abort();
    }
    return queue;
  }

  /** Cancels the response and aborts the body, whichever exist now or are attached later. */
  public void abort() {
    aborted = true;
    CompletableFuture<?> f = response;
    if (f != null) {
      f.cancel(true);
    }
    BodyQueue b = body;
    if (b != null) {
      b.abort();
    }
  }
}
