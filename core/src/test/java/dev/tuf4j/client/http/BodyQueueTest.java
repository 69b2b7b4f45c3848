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

/**
 * The body queue keeps demand, and so memory, bounded (a declared length up to a limit is asked
 * for whole); and aborts cleanly.
 */
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

  private static java.net.http.HttpHeaders headers(String... nameValues) {
    java.util.Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return java.net.http.HttpHeaders.of(map, (a, b) -> true);
  }

  private static long initialDemand(BodyQueue queue) {
    RecordingSubscription s = new RecordingSubscription();
    queue.onSubscribe(s);
    return s.requested;
  }

  @Test
  void aBodyOfDeclaredLengthUpToTheLimitIsAskedForWhole() throws Exception {
    BodyQueue queue = BodyQueue.forResponse(headers("Content-Length", String.valueOf(8L << 20)), 8L << 20);
    RecordingSubscription s = new RecordingSubscription();
    queue.onSubscribe(s);
    assertEquals(Long.MAX_VALUE, s.requested);
    queue.onNext(List.of(ByteBuffer.allocate(16384)));
    assertInstanceOf(BodyQueue.Data.class, queue.poll(TimeUnit.SECONDS.toNanos(1)));
    queue.requestOne();
    assertEquals(Long.MAX_VALUE, s.requested, "no further requests are needed, or made");
  }

  @Test
  void aLongerUndeclaredOrUnreadableLengthKeepsTheWindow() {
    long window = initialDemand(new BodyQueue());
    assertTrue(window >= 1 && window <= 8, "prefetch " + window);
    long cap = 1L << 30;
    assertEquals(window, initialDemand(BodyQueue.forResponse(headers("Content-Length", String.valueOf((8L << 20) + 1)), cap)));
    assertEquals(window, initialDemand(BodyQueue.forResponse(headers(), cap)));
    assertEquals(window, initialDemand(BodyQueue.forResponse(headers("Content-Length", "12x"), cap)));
    assertEquals(window, initialDemand(BodyQueue.forResponse(headers("Transfer-Encoding", "chunked"), cap)));
  }

  @Test
  void aDeclaredLengthOverTheCallersCapKeepsTheWindow() {
    // Refused unread: the client must not read the whole body into memory meanwhile.
    long window = initialDemand(new BodyQueue());
    assertEquals(window, initialDemand(BodyQueue.forResponse(headers("Content-Length", "1001"), 1000)));
    assertEquals(Long.MAX_VALUE, initialDemand(BodyQueue.forResponse(headers("Content-Length", "1000"), 1000)));
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
