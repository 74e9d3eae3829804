package org.atlasops.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.tls.TlsIdentity;
import org.atlasops.store.Database;

/**
 * How to run the server. Defaults: loopback only, port 8080, H2 in the data directory, team data private.
 *
 * @param host               the address to listen on; 127.0.0.1 unless told otherwise
 * @param port               0 picks a free port (tests)
 * @param dataDir            where the H2 database and imported releases live
 * @param database           empty for H2 in {@code dataDir}
 * @param anonymousTeamRead  let anyone read team data (layers) without signing in
 * @param defaultRelease     the ATLAS release pages show when none is asked for
 * @param fetchAllowed       hosts (or host:port) layer imports may fetch from although internal or plain http
 * @param publicUrl          the address users reach the server at ({@code https://atlas.corp.example}), when it is
 *                           not the one it listens on (a reverse proxy): sign-in links are built from it, never from
 *                           a request's {@code Host} header, and it is the origin sign-in forms must come from
 * @param tokenDays          how many days an API token lives when its maker names no lifetime (1 to 3650)
 * @param tls                the certificate and key to answer HTTPS with; empty for plain HTTP (a reverse proxy
 *                           in front, or loopback only)
 */
public record ServerOptions(
        String host,
        int port,
        Path dataDir,
        Optional<Database.Location> database,
        boolean anonymousTeamRead,
        String defaultRelease,
        List<String> fetchAllowed,
        Optional<URI> publicUrl,
        int tokenDays,
        Optional<TlsIdentity> tls) {
    /** Bodies larger than this are refused with 413; the largest Navigator layer we read is 32 MiB. */
    public static final long MAX_BODY = 32L * 1024 * 1024;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (0-65535)");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(defaultRelease, "defaultRelease");
        fetchAllowed = List.copyOf(fetchAllowed);
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.ifPresent(ServerOptions::checkPublicUrl);
        if (tokenDays < 1 || tokenDays > 3650) {
            throw new IllegalArgumentException("tokenDays " + tokenDays + " is not from 1 to 3650");
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** Plain HTTP. */
    public ServerOptions(
            String host,
            int port,
            Path dataDir,
            Optional<Database.Location> database,
            boolean anonymousTeamRead,
            String defaultRelease,
            List<String> fetchAllowed,
            Optional<URI> publicUrl,
            int tokenDays) {
        this(
                host,
                port,
                dataDir,
                database,
                anonymousTeamRead,
                defaultRelease,
                fetchAllowed,
                publicUrl,
                tokenDays,
                Optional.empty());
    }

    /** {@code https} when the server answers TLS itself, else {@code http}. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    /** How long an API token lives when its maker names no lifetime, unless {@code serve --token-days} says. */
    public static final int DEFAULT_TOKEN_DAYS = 90;

    /**
     * Without a public URL (sign-in links name the address the server listens on), with the default token
     * lifetime, plain HTTP.
     */
    public ServerOptions(
            String host,
            int port,
            Path dataDir,
            Optional<Database.Location> database,
            boolean anonymousTeamRead,
            String defaultRelease,
            List<String> fetchAllowed) {
        this(
                host,
                port,
                dataDir,
                database,
                anonymousTeamRead,
                defaultRelease,
                fetchAllowed,
                Optional.empty(),
                DEFAULT_TOKEN_DAYS);
    }

    /** The public URL's origin, {@code scheme://host[:port]} without a trailing slash. */
    public Optional<String> publicOrigin() {
        return publicUrl.map(u -> u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority());
    }

    private static void checkPublicUrl(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = u.getRawPath() == null
                || u.getRawPath().isEmpty()
                || u.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https"))
                || u.getHost() == null
                || u.getRawUserInfo() != null
                || !bare
                || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new BadInputException("public URL '" + u + "' is not the address of a site: give scheme and host "
                    + "only, such as https://atlas.corp.example or http://10.0.0.5:8080");
        }
    }

    public Database.Location databaseLocation() {
        return database.orElseGet(() -> Database.Location.h2In(dataDir));
    }
}
