package org.atlasops.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cuts off a request body that arrives slower than a minimum average rate, counted per request from the first read.
 * A client that trickles a byte now and then never trips the idle timeout, and would hold a thread for as long as
 * it likes. (Jetty's MinimumDataRateHandler measures the bytes of all requests together, so on a server that has
 * read a few megabytes it lets any trickle through; and its per-write deadlines cut off small answers under load.)
 *
 * <p>The rate is judged only after {@link #GRACE}, so a body that arrives at once is never judged. A cut-off
 * request reads a {@link TimeoutException}, which the app answers with 408.
 */
final class MinimumReadRate extends Handler.Wrapper {
    static final long GRACE = TimeUnit.SECONDS.toNanos(2);

    private final long minBytesPerSecond;

    MinimumReadRate(long minBytesPerSecond) {
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new Rated(request), response, callback);
    }

    private final class Rated extends Request.Wrapper {
        private long firstRead;
        private long bytes;
        private Content.Chunk failure;

        Rated(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (failure != null) {
                return failure;
            }
            long now = System.nanoTime();
            if (firstRead == 0) {
                firstRead = now;
            }
            Content.Chunk chunk = super.read();
            if (chunk == null || chunk.isLast()) {
                return chunk; // nothing new (the idle timeout watches silence), or the body is complete
            }
            bytes += chunk.remaining();
            long elapsed = now - firstRead;
            if (elapsed > GRACE && bytes * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
                chunk.release();
                failure = Content.Chunk.from(new TimeoutException(
                        "the request body arrived at less than " + minBytesPerSecond + " bytes per second"));
                return failure;
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (failure != null) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }
    }
}
