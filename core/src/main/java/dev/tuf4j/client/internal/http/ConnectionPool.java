package dev.tuf4j.client.internal.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The connections of one fetcher: idle ones kept per {@link Route} for the next request (HTTP/1.1
 * persistence, RFC 9112 section 9.3), and busy ones tracked so that {@link #close()} can abort the
 * exchanges in progress. No thread of its own: an idle connection past {@link #MAX_IDLE_NANOS} is
 * dropped when it is next looked at. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {
  /** Idle connections kept per route; more are closed. */
  static final int MAX_IDLE_PER_ROUTE = 8;

  /**
   * How long a connection may sit idle and still be reused: shorter than the idle timeouts of
   * common servers and load balancers (nginx 75 s, AWS ALB 60 s), so a request rarely meets a
   * connection the server is just closing.
   */
  static final long MAX_IDLE_NANOS = 55_000_000_000L;

  private final Map<Route, ArrayDeque<HttpConnection>> idle = new HashMap<>();
  private final Set<HttpConnection> busy = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * The most recently used idle connection on {@code route}, now busy; {@code null} when there is
   * none.
   */
  public @Nullable HttpConnection take(Route route, long now) {
    while (true) {
      HttpConnection candidate;
      synchronized (this) {
        ArrayDeque<HttpConnection> queue = idle.get(route);
        if (queue == null) {
          return null;
        }
        candidate = queue.pollLast();
        if (queue.isEmpty()) {
          idle.remove(route);
        }
      }
      // Checked outside the lock: it costs system calls, and the candidate is ours now.
      if (now - candidate.idleSince() <= MAX_IDLE_NANOS && candidate.quietWhileIdle()) {
        busy(candidate);
        return candidate;
      }
      candidate.abort();
    }
  }

  /**
   * Tracks a connection in use, so {@link #close()} can abort it; aborts it at once when the pool
   * is already closed.
   */
  public void busy(HttpConnection connection) {
    busy.add(connection);
    if (closed) {
      connection.abort(); // close() may have run before the connection was tracked
    }
  }

  /** Returns a busy connection whose last response was read to its end, for reuse. */
  public void release(HttpConnection connection, long now) {
    busy.remove(connection);
    if (closed || !connection.isOpen()) {
      connection.abort();
      return;
    }
    HttpConnection surplus = null;
    synchronized (this) {
      if (!closed) {
        connection.markIdle(now);
        ArrayDeque<HttpConnection> queue =
            idle.computeIfAbsent(connection.route(), r -> new ArrayDeque<>());
        queue.addLast(connection);
        if (queue.size() > MAX_IDLE_PER_ROUTE) {
          surplus = queue.pollFirst();
        }
      } else {
        surplus = connection;
      }
    }
    if (surplus != null) {
      surplus.abort();
    }
  }

  /** Closes a busy connection that cannot be reused. */
  public void discard(HttpConnection connection) {
    busy.remove(connection);
    connection.abort();
  }

  /** Closes the idle connections on {@code route}: one was found closed by the server. */
  public void evict(Route route) {
    ArrayDeque<HttpConnection> queue;
    synchronized (this) {
      queue = idle.remove(route);
    }
    if (queue != null) {
      queue.forEach(HttpConnection::abort);
    }
  }

  /** Aborts every connection, idle or busy; later ones are aborted as they are tracked. */
  @Override
  public void close() {
    closed = true;
    List<HttpConnection> all = new ArrayList<>();
    synchronized (this) {
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.addAll(busy);
    all.forEach(HttpConnection::abort);
  }
}
