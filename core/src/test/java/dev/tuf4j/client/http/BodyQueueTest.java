package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.internal.http.BodyQueue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The body queue keeps demand, and so memory, bounded; and aborts cleanly. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BodyQueueTest {

  /** Counts what the queue asks of the HTTP client. */
  private static final class RecordingSubscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Test
  void asksForOneBufferListPerListTaken() throws Exception {
    BodyQueue queue = new BodyQueue();
    RecordingSubscription s = new RecordingSubscription();
    queue.onSubscribe(s);
    long initial = s.requested;
    assertTrue(initial >= 1 && initial <= 8, "prefetch " + initial);

    // The client may deliver at most what was requested, and nothing more until taken.
    for (int i = 0; i < initial; i++) {
      queue.onNext(List.of(ByteBuffer.allocate(16384)));
    }
    assertEquals(initial, s.requested);

    BodyQueue.Event event = queue.poll(TimeUnit.SECONDS.toNanos(1));
    assertInstanceOf(BodyQueue.Data.class, event);
    queue.requestOne();
    assertEquals(initial + 1, s.requested);
  }

  @Test
  void pollReturnsNullWhenNothingArrivesInTime() throws Exception {
    BodyQueue queue = new BodyQueue();
    queue.onSubscribe(new RecordingSubscription());
    assertNull(queue.poll(TimeUnit.MILLISECONDS.toNanos(10)));
  }

  @Test
  void abortCancelsTheSubscriptionAndWakesTheReader() throws Exception {
    BodyQueue queue = new BodyQueue();
    RecordingSubscription s = new RecordingSubscription();
    queue.onSubscribe(s);

    queue.abort();

    assertTrue(s.cancelled);
    assertInstanceOf(BodyQueue.Aborted.class, queue.poll(TimeUnit.SECONDS.toNanos(1)));
  }

  @Test
  void aSubscriptionArrivingAfterAbortIsCancelledAtOnce() {
    BodyQueue queue = new BodyQueue();
    queue.abort();
    RecordingSubscription s = new RecordingSubscription();

    queue.onSubscribe(s);

    assertTrue(s.cancelled);
    assertEquals(0, s.requested);
  }

  @Test
  void completionAndErrorsArriveAsEvents() throws Exception {
    BodyQueue done = new BodyQueue();
    done.onSubscribe(new RecordingSubscription());
    done.onComplete();
    assertInstanceOf(BodyQueue.Completed.class, done.poll(0));

    BodyQueue failed = new BodyQueue();
    failed.onSubscribe(new RecordingSubscription());
    failed.onError(new java.io.IOException("reset"));
    assertInstanceOf(BodyQueue.Failed.class, failed.poll(0));
  }
}
