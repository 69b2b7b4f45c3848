package dev.tuf4j.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * Stops the selector thread of the JDK's HTTP client at the end of a run.
 *
 * <p>Why: {@code System.exit} waits up to 300 ms for threads blocked in native code to reach a
 * safe point (HotSpot's {@code VM_Exit::wait_for_threads_in_native_to_block}), and the selector
 * thread of a {@link java.net.http.HttpClient} sits in {@code epoll_wait} until its client is
 * garbage collected - JDK 17's client has no method to shut it down. Measured, that is a third
 * of a second added to every client run. Interrupting the thread wakes its selector and ends
 * its loop ({@code HttpClientImpl.SelectorManager} stops when interrupted).
 *
 * <p>Only threads that appeared while this run built its fetcher are touched, never another
 * client's.
 */
final class HttpClientThreads {
  private static final long JOIN_MILLIS = 200;

  private HttpClientThreads() {}

  /** The live selector threads of JDK HTTP clients ({@code HttpClient-N-SelectorManager}). */
  static Set<Thread> selectors() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    Set<Thread> out = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String name = threads[i].getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        out.add(threads[i]);
      }
    }
    return out;
  }

  /** Interrupts the threads and waits briefly for them to end. */
  static void stop(Set<Thread> threads) {
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
