package dev.tuf4j.client.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A connected socket whose every read waits at most until one absolute deadline, {@link
 * #deadline}, set by the connection before each read of its own. It sits between a {@link
 * SocketChannel}'s socket adaptor and what reads it: the connection itself for plain HTTP, and
 * the TLS socket layered on it for HTTPS.
 *
 * <p>Why: a socket timeout bounds each wait, not the sum of them. TLS reads a record through many
 * reads of the socket below, and each would get the full timeout again, so a server sending a
 * record one byte at a time, each just inside the timeout, held a handshake or a body read for
 * days (a slow retrieval attack, TUF specification 1.0.34, section 1.5.2). Here each read below
 * is given only what is left until the deadline. Once it has passed, a read takes the bytes that
 * have already arrived, and fails with {@link SocketTimeoutException} when there are none: bytes
 * the caller was too busy to read are not the server's fault, bytes still to come are.
 *
 * <p>Everything else is passed to the adaptor. One thread reads at a time, as on any socket.
 */
final class DeadlineSocket extends Socket {
  private final Socket base;
  private final InputStream baseIn;
  private final OutputStream baseOut;
  private final InputStream in = new DeadlineInput();
  private int timeoutMillis = -1;

  /** When reads stop waiting, a {@link System#nanoTime()} reading. */
  long deadline;

  /** Over {@code base}, which must be connected. */
  DeadlineSocket(Socket base) throws IOException {
    this.base = base;
    this.baseIn = base.getInputStream();
    this.baseOut = base.getOutputStream();
  }

  private final class DeadlineInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long nanos = deadline - System.nanoTime();
      int wait;
      if (nanos > 0) {
        wait = (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
      } else {
        int ready = baseIn.available();
        if (ready <= 0) {
          throw new SocketTimeoutException("read timed out");
        }
        len = Math.min(len, ready);
        wait = 1; // the bytes are there; 0 would mean wait forever
      }
      if (wait != timeoutMillis) {
        base.setSoTimeout(wait);
        timeoutMillis = wait;
      }
      return baseIn.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
      return baseIn.available();
    }

    @Override
    public void close() throws IOException {
      base.close();
    }
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return baseOut;
  }

  /** Ignored: the deadline decides how long reads wait (the TLS layer passes its timeout here). */
  @Override
  public void setSoTimeout(int timeout) {}

  @Override
  public int getSoTimeout() throws SocketException {
    return base.getSoTimeout();
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    throw new SocketException("already connected");
  }

  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    throw new SocketException("already bound");
  }

  @Override
  public void close() throws IOException {
    base.close();
  }

  @Override
  public SocketChannel getChannel() {
    return base.getChannel();
  }

  @Override
  public InetAddress getInetAddress() {
    return base.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return base.getLocalAddress();
  }

  @Override
  public int getPort() {
    return base.getPort();
  }

  @Override
  public int getLocalPort() {
    return base.getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return base.getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return base.getLocalSocketAddress();
  }

  @Override
  public boolean isConnected() {
    return base.isConnected();
  }

  @Override
  public boolean isBound() {
    return base.isBound();
  }

  @Override
  public boolean isClosed() {
    return base.isClosed();
  }

  @Override
  public void shutdownInput() throws IOException {
    base.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    base.shutdownOutput();
  }

  @Override
  public boolean isInputShutdown() {
    return base.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return base.isOutputShutdown();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    base.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return base.getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    base.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return base.getSoLinger();
  }

  @Override
  public void setSendBufferSize(int size) throws SocketException {
    base.setSendBufferSize(size);
  }

  @Override
  public int getSendBufferSize() throws SocketException {
    return base.getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws SocketException {
    base.setReceiveBufferSize(size);
  }

  @Override
  public int getReceiveBufferSize() throws SocketException {
    return base.getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    base.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return base.getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws SocketException {
    base.setTrafficClass(tc);
  }

  @Override
  public int getTrafficClass() throws SocketException {
    return base.getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws SocketException {
    base.setReuseAddress(on);
  }

  @Override
  public boolean getReuseAddress() throws SocketException {
    return base.getReuseAddress();
  }

  @Override
  public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
    base.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return base.getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return base.supportedOptions();
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
