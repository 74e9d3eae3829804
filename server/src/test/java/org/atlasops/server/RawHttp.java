package org.atlasops.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP written by hand on a loopback socket, for what a well-behaved client cannot send: a forged Host header, a
 * malformed request, a body trickled byte by byte.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    /** The socket's input, so that a byte read while waiting for an answer can be given back to {@link #readAll}. */
    private final PushbackInputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        in = new PushbackInputStream(socket.getInputStream());
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Whether the server has sent something (an answer) that is not read yet. */
    boolean answered() throws IOException {
        return in.available() > 0;
    }

    /**
     * Waits up to {@code wait} for the server to answer or close the connection: true as soon as it does, false when
     * the time passes with nothing from it.
     */
    boolean answersWithin(java.time.Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                in.unread(b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Everything the server sends until it closes the connection (or {@code seconds} pass). */
    String readAll(int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            out.write("\n[still open]".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // reset by the server: closed
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends a whole request and reads the answer of a server that closes after it ({@code Connection: close}). */
    static String exchange(int port, String request) throws IOException {
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(request);
            return raw.readAll(20);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
