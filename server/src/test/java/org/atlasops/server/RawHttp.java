package org.atlasops.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Whether the server has sent something (an answer) that is not read yet. */
    boolean answered() throws IOException {
        return socket.getInputStream().available() > 0;
    }

    /** Everything the server sends until it closes the connection (or {@code seconds} pass). */
    String readAll(int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
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
