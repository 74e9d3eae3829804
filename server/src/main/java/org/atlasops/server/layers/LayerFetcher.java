package org.atlasops.server.layers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.atlasops.server.ServerOptions;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Fetches a layer file from a URL for import. Outbound requests are the server's, so they are held back: https only,
 * no redirects, a size cap, a timeout, and only globally routable unicast addresses ({@link GlobalAddresses}: an
 * allow-list, so loopback, private, shared, link-local, documentation, multicast, reserved and IPv4-embedding IPv6
 * addresses are all refused) — unless the admin allowed that host (or host:port) when starting the server, which
 * lifts both rules for it.
 *
 * <p>The addresses are checked where the connection is made: the HTTP client asks {@link #addresses} for them, so
 * the name is resolved once and the connection goes to an address that passed. A name that answers a public address
 * to the check and an internal one to the connection (DNS rebinding) cannot slip through.
 */
final class LayerFetcher implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 15;

    /** Resolves a host name to all its addresses; the system resolver, or a stand-in for tests. */
    interface Dns {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowed;
    private final Dns dns;
    private HttpClient http;

    LayerFetcher(List<String> allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    LayerFetcher(List<String> allowed, Dns dns) {
        this.allowed = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.dns = dns;
    }

    String fetch(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw Problem.badRequest("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Problem(ProblemType.FETCH_NOT_HTTPS, "only https URLs are fetched, not '" + text + "'");
        }
        String host = uri.getHost();
        if (host == null) {
            throw Problem.badRequest("'" + text + "' is not an absolute URL with a host");
        }
        if (!isAllowed(host, uri.getPort()) && !scheme.equals("https")) {
            throw new Problem(
                    ProblemType.FETCH_NOT_HTTPS,
                    "only https URLs are fetched; " + "an admin can allow a host with 'serve --allow-fetch HOST'");
        }
        // checked before connecting too, so that a refusal names the address instead of failing the connection
        addresses(host, uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort());
        try {
            InputStreamResponseListener listener = new InputStreamResponseListener();
            client().newRequest(uri)
                    .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .headers(h -> h.put("Accept", "application/json"))
                    .send(listener);
            Response r = listener.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try (InputStream in = listener.getInputStream()) {
                if (r.getStatus() != 200) {
                    throw new Problem(
                            ProblemType.FETCH_FAILED,
                            uri + " answered " + r.getStatus()
                                    + (r.getStatus() / 100 == 3
                                            ? " (redirects are not followed; give the final URL)"
                                            : ""));
                }
                byte[] bytes = in.readNBytes((int) ServerOptions.MAX_BODY + 1);
                if (bytes.length > ServerOptions.MAX_BODY) {
                    throw new Problem(
                            ProblemType.TOO_LARGE,
                            uri + " is larger than " + ServerOptions.MAX_BODY / (1024 * 1024) + " MiB");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refused refused) {
                throw refused.problem;
            }
            throw new Problem(ProblemType.FETCH_FAILED, "cannot fetch " + uri + ": " + reason(e));
        } catch (IOException | TimeoutException e) {
            throw new Problem(ProblemType.FETCH_FAILED, "cannot fetch " + uri + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(ProblemType.FETCH_INTERRUPTED, "the server is stopping");
        }
    }

    private boolean isAllowed(String host, int port) {
        return allowed.contains(host.toLowerCase(Locale.ROOT))
                || allowed.contains((host + ":" + port).toLowerCase(Locale.ROOT));
    }

    /**
     * Where a connection to the host may go: every address it resolves to, each of them globally routable unicast
     * unless the admin allowed the host. A name with one other address is refused (a {@link Problem}).
     */
    private List<InetSocketAddress> addresses(String host, int port) {
        InetAddress[] resolved;
        try {
            resolved = dns.resolve(host);
        } catch (UnknownHostException e) {
            throw new Problem(ProblemType.FETCH_FAILED, "the host " + host + " is not known");
        }
        boolean allowedHost = isAllowed(host, port);
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : resolved) {
            if (!allowedHost && !GlobalAddresses.isGlobalUnicast(a)) {
                throw new Problem(
                        ProblemType.FETCH_REFUSED,
                        host + " is not a public address (" + a.getHostAddress()
                                + " is not globally routable unicast); an admin can allow it with 'serve --allow-fetch "
                                + host + "'");
            }
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    /** A refusal at connection time, carried through the client's failure path. */
    private static final class Refused extends IOException {
        final transient Problem problem;

        Refused(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The client, started on first use: no redirects, and its addresses from {@link #addresses}. */
    private synchronized HttpClient client() throws IOException {
        if (http == null) {
            HttpClient c = new HttpClient();
            QueuedThreadPool threads = new QueuedThreadPool(8, 1);
            threads.setName("layer-fetch");
            threads.setDaemon(true);
            c.setExecutor(threads);
            c.setScheduler(new ScheduledExecutorScheduler("layer-fetch-timer", true));
            c.setFollowRedirects(false);
            c.setConnectTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            c.setIdleTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            c.setSslContextFactory(tls);
            c.setSocketAddressResolver((host, port, context, promise) -> {
                try {
                    promise.succeeded(addresses(host, port));
                } catch (Problem p) {
                    promise.failed(new Refused(p));
                }
            });
            try {
                c.start();
            } catch (Exception e) {
                throw new IOException("cannot start the HTTP client: " + e.getMessage(), e);
            }
            http = c;
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                // stopping: nothing left to do with it
            }
            http = null;
        }
    }
}
