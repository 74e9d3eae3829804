package org.atlasops.server.layers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.atlasops.server.ServerOptions;
import org.atlasops.server.web.Problem;

/**
 * Fetches a layer file from a URL for import. Outbound requests are the server's, so they are held back: https only,
 * no redirects, a size cap, a timeout, and no loopback, private, link-local or multicast address — unless the admin
 * allowed that host (or host:port) when starting the server, which lifts both rules for it.
 */
final class LayerFetcher {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final List<String> allowed;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    LayerFetcher(List<String> allowed) {
        this.allowed = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
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
            throw new Problem(400, "fetch-refused", "URL not allowed", "only https URLs are fetched, not '"
                    + text + "'");
        }
        String host = uri.getHost();
        if (host == null) {
            throw Problem.badRequest("'" + text + "' is not an absolute URL with a host");
        }
        boolean allowedHost = allowed.contains(host.toLowerCase(Locale.ROOT))
                || allowed.contains((host + ":" + uri.getPort()).toLowerCase(Locale.ROOT));
        if (!allowedHost) {
            if (!scheme.equals("https")) {
                throw new Problem(400, "fetch-refused", "URL not allowed", "only https URLs are fetched; "
                        + "an admin can allow a host with 'serve --allow-fetch HOST'");
            }
            refuseInternal(host);
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new Problem(502, "fetch-failed", "Fetch failed", uri + " answered " + r.statusCode()
                            + (r.statusCode() / 100 == 3 ? " (redirects are not followed; give the final URL)" : ""));
                }
                byte[] bytes = in.readNBytes((int) ServerOptions.MAX_BODY + 1);
                if (bytes.length > ServerOptions.MAX_BODY) {
                    throw new Problem(413, "too-large", "Layer file too large", uri + " is larger than "
                            + ServerOptions.MAX_BODY / (1024 * 1024) + " MiB");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new Problem(502, "fetch-failed", "Fetch failed", "cannot fetch " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(503, "fetch-failed", "Fetch interrupted", "the server is stopping");
        }
    }

    /** Every address the name resolves to must be public; a name that resolves to one internal address is refused. */
    private static void refuseInternal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Problem(502, "fetch-failed", "Fetch failed", "the host " + host + " is not known");
        }
        for (InetAddress a : addresses) {
            boolean uniqueLocalV6 = a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || uniqueLocalV6) {
                throw new Problem(403, "fetch-refused", "URL not allowed", host + " is an internal address ("
                        + a.getHostAddress() + "); an admin can allow it with 'serve --allow-fetch " + host + "'");
            }
        }
    }
}
