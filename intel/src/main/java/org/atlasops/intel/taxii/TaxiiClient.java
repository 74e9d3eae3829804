package org.atlasops.intel.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.UnavailableException;

/**
 * A TAXII 2.1 client: lists collections, pulls a collection's objects page by page from a point in time, pushes a
 * bundle and waits for its status. It speaks only to https servers at public addresses unless told otherwise (a
 * private address with {@link Options#allowPrivate}, loopback over http or https with {@link Options#allowLoopback},
 * for tests), follows no redirects, caps every answer, and explains refusals (401, 403, 404, 406, 413, 415) in words.
 * It tolerates what known servers leave out: no {@code next} (paging by {@code added_after} instead), no
 * {@code X-TAXII-Date-Added-Last}, no status endpoint; each such gap becomes a note, not a failure.
 */
public final class TaxiiClient {
    /** The largest answer read: a page of objects, a status. */
    static final int MAX_ANSWER = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 100_000;

    /**
     * How to reach servers.
     *
     * @param user the name for HTTP Basic; when empty the token goes as {@code Bearer}
     * @param token an API token (Bearer, or the Basic password)
     * @param allowPrivate whether non-loopback addresses that are not globally routable (10/8, fc00::/7, ...) may be used
     * @param allowLoopback whether loopback may be used, over http too (for tests against a local server)
     * @param isGlobal the rule that says an address is globally routable unicast (the server's import rule)
     * @param timeout for connecting and for each answer
     */
    public record Options(
            Optional<String> user,
            Optional<String> token,
            boolean allowPrivate,
            boolean allowLoopback,
            Predicate<InetAddress> isGlobal,
            Duration timeout) {
        public Options {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(isGlobal, "isGlobal");
            Objects.requireNonNull(timeout, "timeout");
            if (user.isPresent() && token.isEmpty()) {
                throw new BadInputException("--user needs --token: Basic sends the API token as the password");
            }
        }
    }

    /** What a pull brought: objects, pages, the newest date added seen (the point to resume from), and notes. */
    public record PullResult(int objects, int pages, Optional<Instant> lastAdded, List<String> notes) {
        public PullResult {
            Objects.requireNonNull(lastAdded, "lastAdded");
            notes = List.copyOf(notes);
        }
    }

    /** What a push brought: the last status resource seen (if any) and notes. */
    public record PushResult(Optional<JsonNode> status, List<String> notes) {
        public PushResult {
            Objects.requireNonNull(status, "status");
            notes = List.copyOf(notes);
        }
    }

    private final Options options;
    private final HttpClient http;

    public TaxiiClient(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.timeout())
                .build();
    }

    /**
     * The API root a URL names: an API root itself, or a discovery URL ({@code .../taxii2/}) whose {@code default}
     * root is taken (or, with none, its only one).
     */
    public URI apiRoot(String url) {
        URI uri = slash(parse(url));
        JsonNode answer = get(uri, "reading " + uri).body;
        if (answer.has("api_roots")) {
            String chosen = answer.path("default").asText("");
            if (chosen.isEmpty() && answer.get("api_roots").size() == 1) {
                chosen = answer.get("api_roots").get(0).asText();
            }
            if (chosen.isEmpty()) {
                List<String> roots = new ArrayList<>();
                answer.get("api_roots").forEach(r -> roots.add(r.asText()));
                throw new BadInputException(uri + " is a discovery URL with several API roots and no default: give "
                        + "one of " + String.join(", ", roots));
            }
            return slash(uri.resolve(chosen));
        }
        if (!answer.has("versions") && !answer.has("max_content_length")) {
            throw new BadInputException(uri + " is neither a TAXII discovery URL nor an API root (its answer has no "
                    + "api_roots nor versions)");
        }
        return uri;
    }

    /** The collections of an API root. */
    public List<JsonNode> collections(URI root) {
        JsonNode answer = get(root.resolve("collections/"), "listing the collections of " + root).body;
        List<JsonNode> out = new ArrayList<>();
        answer.path("collections").forEach(out::add);
        return out;
    }

    /**
     * Pulls the collection's objects added after {@code after} (all when empty), handing each to {@code sink} in
     * the server's order, following {@code next}.
     */
    public PullResult pull(URI root, String collection, Optional<Instant> after, int limit, Consumer<JsonNode> sink) {
        URI objects = root.resolve("collections/" + segment(collection) + "/objects/");
        List<String> notes = new ArrayList<>();
        Optional<Instant> last = Optional.empty();
        Optional<Instant> since = after;
        Optional<String> next = Optional.empty();
        int count = 0;
        int pages = 0;
        boolean warnedHeader = false;
        while (pages < MAX_PAGES) {
            StringBuilder q = new StringBuilder("?limit=" + limit);
            since.ifPresent(t -> q.append("&added_after=").append(enc(Timestamps.format(t))));
            next.ifPresent(n -> q.append("&next=").append(enc(n)));
            Reply r = get(URI.create(objects + q.toString()), "pulling collection " + collection);
            pages++;
            JsonNode page = r.body;
            for (JsonNode o : page.path("objects")) {
                sink.accept(o);
                count++;
            }
            Optional<Instant> pageLast = r.header("X-TAXII-Date-Added-Last").flatMap(Timestamps::parse);
            if (pageLast.isPresent()) {
                last = last.isEmpty() || pageLast.get().isAfter(last.get()) ? pageLast : last;
            } else if (page.path("objects").size() > 0 && !warnedHeader) {
                notes.add("the server sends no X-TAXII-Date-Added-Last (OpenCTI and older servers may not): the next "
                        + "pull cannot resume from here and fetches everything again");
                warnedHeader = true;
            }
            boolean more = page.path("more").asBoolean(false);
            if (!more) {
                break;
            }
            if (page.hasNonNull("next")) {
                next = Optional.of(page.get("next").asText());
                continue;
            }
            // more without next: page on by the date added, as servers without a next token expect
            if (pageLast.isEmpty() || (since.isPresent() && !pageLast.get().isAfter(since.get()))) {
                notes.add("the server said there is more but gave neither 'next' nor a newer X-TAXII-Date-Added-Last: "
                        + "stopped after " + pages + " page(s); pull again with a larger --limit if it ignores paging");
                break;
            }
            if (!notes.contains(NO_NEXT)) {
                notes.add(NO_NEXT);
            }
            since = pageLast;
            next = Optional.empty();
        }
        return new PullResult(count, pages, last, notes);
    }

    private static final String NO_NEXT = "the server pages without 'next' tokens: paged on by added_after (objects "
            + "sharing the last date added of a page may be fetched twice)";

    /**
     * Pushes the objects of a STIX bundle (or TAXII envelope) to a collection and waits up to {@code wait} for the
     * status to complete.
     */
    public PushResult push(URI root, String collection, byte[] bundle, Duration wait) {
        byte[] body = envelope(bundle, "the bundle");
        URI target = root.resolve("collections/" + segment(collection) + "/objects/");
        Reply r = send(
                request(target)
                        .header("Content-Type", TaxiiMedia.TAXII)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                target,
                "pushing to collection " + collection);
        List<String> notes = new ArrayList<>();
        if (r.status != 202) {
            notes.add("the server answered " + r.status + " instead of TAXII's 202 with a status resource");
        }
        JsonNode status = r.body;
        if (!status.has("status") || !status.has("id")) {
            notes.add("the server gave no status resource: check the collection to see what it kept");
            return new PushResult(Optional.empty(), notes);
        }
        Instant deadline = Instant.now().plus(wait);
        while (!"complete".equals(status.path("status").asText())
                && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(500));
            URI statusUri = root.resolve("status/" + segment(status.get("id").asText()) + "/");
            Reply s = sendTolerant(request(statusUri).GET(), statusUri);
            if (s.status == 404 || s.status == 501) {
                notes.add("the server has no status endpoint (" + s.status + "; ATT&CK Workbench's has none): the "
                        + "last status seen is shown");
                break;
            }
            if (s.status != 200) {
                throw refusal(s, statusUri, "reading the status");
            }
            status = s.body;
        }
        if (!"complete".equals(status.path("status").asText())) {
            notes.add("the status is still " + status.path("status").asText("unknown") + " after " + wait.toSeconds()
                    + " s");
        }
        return new PushResult(Optional.of(status), notes);
    }

    /**
     * The TAXII envelope of a STIX bundle (or of an envelope): its {@code objects}. A file that is not one is refused
     * with {@code name} and the rule.
     */
    public static byte[] envelope(byte[] bundle, String name) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bundle);
        } catch (JsonProcessingException e) {
            throw new BadInputException(notJson(name, e), e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot be read: " + e.getMessage());
        }
        if (parsed == null || !parsed.path("objects").isArray()) {
            throw new BadInputException(name + ": not a STIX bundle: expected {\"type\": \"bundle\", \"objects\": "
                    + "[...]} (or a TAXII envelope)");
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("objects", (ArrayNode) parsed.get("objects"));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree read from JSON always writes
        }
    }

    // ---- HTTP

    private record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private Reply get(URI uri, String what) {
        return send(request(uri).GET(), uri, what);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri).timeout(options.timeout()).header("Accept", TaxiiMedia.TAXII);
        if (options.token().isPresent()) {
            String token = options.token().get();
            b.header(
                    "Authorization",
                    options.user().isPresent()
                            ? "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((options.user().get() + ":" + token)
                                                    .getBytes(StandardCharsets.UTF_8))
                            : "Bearer " + token);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b, URI uri, String what) {
        Reply r = sendTolerant(b, uri);
        if (r.status / 100 != 2) {
            throw refusal(r, uri, what);
        }
        return r;
    }

    private Reply sendTolerant(HttpRequest.Builder b, URI uri) {
        checkTarget(uri);
        try {
            HttpResponse<InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_ANSWER + 1);
            }
            if (bytes.length > MAX_ANSWER) {
                throw new BadInputException(uri + " answered more than " + MAX_ANSWER / (1024 * 1024) + " MiB: pull "
                        + "with a smaller --limit");
            }
            JsonNode body = JSON.createObjectNode();
            if (bytes.length > 0) {
                try {
                    body = JSON.readTree(bytes);
                } catch (IOException e) {
                    if (response.statusCode() / 100 == 2) {
                        throw new BadInputException(
                                uri + " answered something that is not JSON ("
                                        + (e instanceof JsonProcessingException j ? at(j) : reason(e))
                                        + "); is it a TAXII 2.1 server?",
                                e);
                    }
                }
            }
            return new Reply(response.statusCode(), body == null ? JSON.createObjectNode() : body, response.headers());
        } catch (IOException e) {
            throw new UnavailableException(
                    "cannot reach " + uri + ": " + unreachable(e) + "; check the URL and that the server runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while talking to " + uri, e);
        }
    }

    /** The refusal of a server, in words: what it means and what to do. */
    private static BadInputException refusal(Reply r, URI uri, String what) {
        String said = r.body.hasNonNull("description")
                ? " (the server says: " + r.body.get("description").asText() + ")"
                : r.body.hasNonNull("title")
                        ? " (the server says: " + r.body.get("title").asText() + ")"
                        : "";
        String meaning = switch (r.status) {
            case 400 ->
                "the server found the request malformed; OpenCTI, for one, rejects match[version] and "
                        + "match[spec_version]";
            case 401 ->
                "the server wants credentials: set $ATLAS_OPS_TAXII_TOKEN to an API token (sent as Bearer; "
                        + "--token also works but shows in the process list), and --user NAME for servers that take "
                        + "only HTTP Basic (medallion)";
            case 403 ->
                "the credentials were accepted but do not allow this on that collection: ask the server's admin "
                        + "for a grant";
            case 404 ->
                "nothing there: check the API root and the collection ID ('atlas-ops intel collections URL' "
                        + "lists the collections you may see)";
            case 406 ->
                "the server does not answer application/taxii+json;version=2.1 at this URL: is it a TAXII 2.1 "
                        + "API root? TAXII 2.0 servers are not supported";
            case 413 -> "the request is larger than the server's max_content_length: push the bundle in parts";
            case 415 ->
                "the server does not take application/taxii+json;version=2.1 bodies here (OpenCTI takes POSTs "
                        + "only on ingestion collections; the ATT&CK Workbench server is read-only)";
            case 429 ->
                "the server limits how often it may be asked (the public ATT&CK Workbench allows 50 requests "
                        + "per 10 minutes): wait and pull again; the pull resumes where it stopped";
            default -> r.status >= 500 ? "the server failed" : "the server refused the request";
        };
        return new BadInputException(what + ": " + uri + " answered " + r.status + ": " + meaning + said);
    }

    /**
     * Where the client may go: https to globally routable unicast addresses; a private address with allowPrivate;
     * loopback (over http too) with allowLoopback. Checked against every address the name has.
     */
    void checkTarget(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null) {
            throw new BadInputException("'" + uri + "' is not an absolute URL with a host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new BadInputException("the host " + host + " is not known");
        }
        boolean allLoopback = true;
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress()) {
                if (!options.allowLoopback()) {
                    throw new BadInputException(host + " is a loopback address (" + a.getHostAddress() + "); a local "
                            + "server is reached only with --allow-loopback (meant for testing)");
                }
            } else {
                allLoopback = false;
                if (!options.isGlobal().test(a) && !options.allowPrivate()) {
                    throw new BadInputException(host + " is not a public address (" + a.getHostAddress() + " is not "
                            + "globally routable unicast); allow private addresses with --allow-private");
                }
            }
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allLoopback && options.allowLoopback())) {
            throw new BadInputException("only https URLs are used, not '" + uri + "' (plain http only to loopback "
                    + "with --allow-loopback)");
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new BadInputException("'" + url + "' is not an https URL with a host, such as "
                        + "https://taxii.example.org/taxii2/");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new BadInputException("'" + url + "' must be an API root or discovery URL without ?query or #");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("'" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static URI slash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    private static String segment(String s) {
        if (!s.matches("[A-Za-z0-9._~-]+")) {
            throw new BadInputException("'" + s + "' is not a collection or status ID (letters, digits, . _ ~ -)");
        }
        return s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * What went wrong with JSON read from {@code name}, as {@code name:line:column: not JSON: what}: Jackson's own
     * message without the source text it quotes.
     */
    public static String notJson(String name, JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? ""
                : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        return name + where + ": not JSON: " + what(e);
    }

    /** Where and what, for JSON that has no name: "line 1, column 5: Unexpected character ...". */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? what(e)
                : "line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + what(e);
    }

    private static String what(JsonProcessingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    /**
     * Why a server was not reached, in words; the exception names it only by its class for some causes. The HTTP
     * client throws a ConnectException for every failed connection: its cause tells a name that does not resolve
     * (UnresolvedAddressException) and an unreachable network from a refused connection.
     */
    static String unreachable(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within the --timeout";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the --timeout";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return "unknown host (the name does not resolve)";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return reason(e);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the status", e);
        }
    }
}
