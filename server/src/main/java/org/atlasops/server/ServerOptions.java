package org.atlasops.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * @param tokenDays          how many days an API token lives when its maker names no lifetime (1 to 3650)
 */
public record ServerOptions(
        String host,
        int port,
        Path dataDir,
        Optional<Database.Location> database,
        boolean anonymousTeamRead,
        String defaultRelease,
        List<String> fetchAllowed,
        int tokenDays) {
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
        if (tokenDays < 1 || tokenDays > 3650) {
            throw new IllegalArgumentException("tokenDays " + tokenDays + " is not from 1 to 3650");
        }
    }

    /** The default token lifetime: 90 days. */
    public ServerOptions(
            String host,
            int port,
            Path dataDir,
            Optional<Database.Location> database,
            boolean anonymousTeamRead,
            String defaultRelease,
            List<String> fetchAllowed) {
        this(host, port, dataDir, database, anonymousTeamRead, defaultRelease, fetchAllowed, DEFAULT_TOKEN_DAYS);
    }

    /** How long an API token lives when its maker names no lifetime, unless {@code serve --token-days} says. */
    public static final int DEFAULT_TOKEN_DAYS = 90;

    public Database.Location databaseLocation() {
        return database.orElseGet(() -> Database.Location.h2In(dataDir));
    }
}
