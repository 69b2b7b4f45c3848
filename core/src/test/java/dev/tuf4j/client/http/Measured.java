package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs a fetch that must fail and records how long it took and how much the calling thread
 * allocated (where the body is read, decoded and capped), for the hostile-server bounds.
 */
record Measured<T extends Throwable>(T failure, long elapsedMillis, long allocatedBytes) {

  static <T extends Throwable> Measured<T> failure(String name, Class<T> type, Executable fetch) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long allocatedBefore = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    T failure = assertThrows(type, fetch);
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
    System.out.printf(
        "MEASURE %-40s %5d ms %9d bytes allocated  %s%n",
        name, elapsed, allocated, failure.getMessage());
    return new Measured<>(failure, elapsed, allocated);
  }
}
