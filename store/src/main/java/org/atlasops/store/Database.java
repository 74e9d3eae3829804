package org.atlasops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.UnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The team-data database: opened, migrated to the newest schema, and handing out the stores. H2 files are opened with
 * {@code WRITE_DELAY=0}, so a commit is on disk when the call returns, as it is on PostgreSQL.
 */
public final class Database implements AutoCloseable {
    static {
        // H2's automatic mixed mode (AUTO_SERVER) listens for the other processes of this machine only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** H2's error codes: wrong user or password; the file is locked by a process that does not share it. */
    private static final int H2_WRONG_PASSWORD = 28000;

    private static final int H2_IN_USE = 90020;

    /** Where a database is: a JDBC URL with optional credentials. */
    public record Location(String url, Optional<String> user, Optional<String> password) {
        public Location {
            if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
                throw new BadInputException("database URL '" + url + "' is not supported: "
                        + "use jdbc:postgresql://HOST:PORT/DB or jdbc:h2:file:PATH");
            }
            user = user == null ? Optional.empty() : user;
            password = password == null ? Optional.empty() : password;
        }

        /**
         * The default: an H2 file {@code atlas-ops} in the data directory, whose user has a generated password kept
         * beside it ({@value DataDirectory#PASSWORD_FILE}, mode 0600). Creates the directory (mode 0700) and the
         * password on first use. {@code AUTO_SERVER} lets a second process (the {@code users} and {@code admin}
         * commands) open the database while the server holds it; H2 then serves it on a loopback port to whoever
         * knows both the key in its lock file and the password.
         */
        public static Location h2In(Path dataDir) {
            Path dir = dataDir.toAbsolutePath();
            String password = DataDirectory.password(dir);
            return new Location(
                    "jdbc:h2:file:" + dir.resolve("atlas-ops") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE",
                    Optional.of("sa"),
                    Optional.of(password));
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Location[" + display() + ", user " + user.orElse("(none)") + "]";
        }

        boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        /** The URL without credentials that may be in it, for messages. */
        public String display() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }

    /**
     * The stores of one transaction: what is written through them is committed together when the work returns, or
     * rolled back together when it throws. A change and its audit row go through one of these.
     */
    public record Transaction(UserStore users, LayerStore layers, AuditLog audit) {
        public Transaction {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(layers, "layers");
            Objects.requireNonNull(audit, "audit");
        }
    }

    private final HikariDataSource pool;
    private final Jdbc jdbc;
    private final Clock clock;
    private final UserStore users;
    private final LayerStore layers;
    private final AuditLog audit;
    private final TaxiiStore taxii;
    private final IncidentStore incidents;
    private final InventoryStore inventories;
    private final String display;
    private final boolean h2;

    private Database(HikariDataSource pool, Clock clock, String display, boolean h2) {
        this.pool = pool;
        this.display = display;
        this.h2 = h2;
        this.jdbc = new Jdbc(pool);
        this.clock = clock;
        this.users = new UserStore(jdbc, clock);
        this.layers = new LayerStore(jdbc, clock);
        this.audit = new AuditLog(jdbc, clock);
        this.taxii = new TaxiiStore(jdbc, clock);
        this.incidents = new IncidentStore(jdbc, clock);
        this.inventories = new InventoryStore(jdbc, clock);
    }

    public static Database open(Location location) {
        return open(location, Clock.systemUTC());
    }

    /** Opens the database and applies every pending migration; a failure names the database and the cause. */
    public static Database open(Location location, Clock clock) {
        if (location.isH2()) {
            createParentOf(location.url());
            migrateEmptyPassword(location);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.url());
        location.user().ifPresent(config::setUsername);
        location.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(10);
        config.setPoolName("atlas-ops-store");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("text", location.isH2() ? "CLOB" : "TEXT"))
                    .load()
                    .migrate();
        } catch (FlywayException | UnavailableException e) {
            pool.close();
            if (errorCode(e) == H2_IN_USE) {
                throw new UnavailableException(
                        "the database " + location.display() + " is in use by another program that does not share "
                                + "it (another atlas-ops of an older version?): stop it first",
                        e);
            }
            throw new UnavailableException(
                    "cannot open the database " + location.display() + ": " + rootMessage(e)
                            + " (check that the server is running and the URL, user and password are right)",
                    e);
        }
        h2File(location.url()).ifPresent(DataDirectory::restrictFilesOf);
        // Both databases keep microseconds at most; a millisecond clock makes what is returned equal what is read back.
        return new Database(
                pool, Clock.tick(clock, java.time.Duration.ofMillis(1)), location.display(), location.isH2());
    }

    public UserStore users() {
        return users;
    }

    public LayerStore layers() {
        return layers;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The team's TAXII collections. */
    public TaxiiStore taxii() {
        return taxii;
    }

    /** The incident register (intel); each change writes its own audit entry in its transaction. */
    public IncidentStore incidents() {
        return incidents;
    }

    /** The team's AI system inventories (assess); each change writes its own audit entry in its transaction. */
    public InventoryStore inventories() {
        return inventories;
    }

    /**
     * Runs {@code work} in one transaction: everything it writes through the {@link Transaction}'s stores is
     * committed before this returns, or nothing is when it throws (the exception is passed on). Calls on this
     * database's own stores made inside {@code work} are not part of it.
     */
    public <T> T transaction(Function<Transaction, T> work) {
        Objects.requireNonNull(work, "work");
        return jdbc.transaction(c -> {
            Jdbc joined = Jdbc.joining(c);
            return work.apply(new Transaction(
                    new UserStore(joined, clock), new LayerStore(joined, clock), new AuditLog(joined, clock)));
        });
    }

    /**
     * Writes a consistent copy of an H2 database to {@code file} (mode 0600) while it is in use: H2's {@code SCRIPT}, the
     * SQL that makes the database again, gzip-compressed. SQL rather than H2's file format, so a later atlas-ops with
     * a later H2 reads it ({@link #restore}). PostgreSQL is backed up with its own tools (pg_dump), as docs/web.md
     * says. Returns the size of the file.
     */
    public long backup(Path file) {
        if (!h2) {
            throw new BadInputException("the team data is in PostgreSQL (" + display + "): back it up with pg_dump "
                    + "(docs/web.md, Backup and restore)");
        }
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new BadInputException(target + " already exists: name a new file, or remove that one first");
        }
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".atlas-ops-backup", ".tmp");
            try {
                DataDirectory.restrict(tmp);
                try (java.sql.Connection c = pool.getConnection();
                        java.sql.Statement st = c.createStatement();
                        java.sql.ResultSet rs = st.executeQuery("SCRIPT");
                        java.io.Writer out = new java.io.OutputStreamWriter(
                                new java.util.zip.GZIPOutputStream(Files.newOutputStream(tmp)),
                                java.nio.charset.StandardCharsets.UTF_8)) {
                    while (rs.next()) {
                        out.write(rs.getString(1));
                        out.write('\n');
                    }
                }
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return Files.size(target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.sql.SQLException e) {
            throw new UnavailableException("cannot back up " + display + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot write the backup " + target + ": " + e);
        }
    }

    /**
     * Replaces the H2 database of {@code dataDir} with the one a {@link #backup} holds; the database must not be in use
     * (the caller stops the server first). The backup is read into a new file first, so a bad backup leaves the data
     * as it was; the replaced file is kept beside it as {@code atlas-ops.mv.db.before-restore-TIME}, and is named in the
     * answer. The restored database is then migrated to this version's schema, which is the upgrade path between
     * versions.
     */
    public static Optional<Path> restore(Path dataDir, Path backup) {
        Path dir = dataDir.toAbsolutePath();
        Path source = backup.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new BadInputException("the backup " + source + " is not a file");
        }
        String password = DataDirectory.password(dir);
        Path fresh = dir.resolve("atlas-ops-restoring");
        Path freshFile = dir.resolve("atlas-ops-restoring.mv.db");
        Path current = dir.resolve("atlas-ops.mv.db");
        try {
            Files.deleteIfExists(freshFile);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                            "jdbc:h2:file:" + fresh + ";WRITE_DELAY=0", "sa", password);
                    java.sql.PreparedStatement st = c.prepareStatement("RUNSCRIPT FROM ? COMPRESSION GZIP")) {
                st.setString(1, source.toString());
                st.execute();
                try (java.sql.Statement down = c.createStatement()) {
                    down.execute("SHUTDOWN");
                }
            } catch (java.sql.SQLException e) {
                Files.deleteIfExists(freshFile);
                throw new BadInputException("cannot restore from " + source + ": it is not an atlas-ops backup that "
                        + "this version reads ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            Optional<Path> kept = Optional.empty();
            if (Files.exists(current)) {
                Path aside = dir.resolve("atlas-ops.mv.db.before-restore-"
                        + java.time.Instant.now().toString().replace(':', '-'));
                Files.move(current, aside);
                kept = Optional.of(aside);
            }
            Files.move(freshFile, current);
            DataDirectory.restrictFilesOf(dir.resolve("atlas-ops"));
            open(Location.h2In(dir)).close(); // applies this version's migrations
            return kept;
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot restore into " + dir + ": " + e);
        }
    }

    public String describe() {
        return display;
    }

    /**
     * Whether the database answers now: a connection from the pool that the driver says is valid within
     * {@code timeoutSeconds} (readiness probes). Never throws; the pool waits for a connection at most 10 s.
     */
    public boolean answers(int timeoutSeconds) {
        try (java.sql.Connection c = pool.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void createParentOf(String url) {
        h2File(url).ifPresent(file -> DataDirectory.create(file.getParent()));
    }

    /** The path of an H2 file database without its {@code .mv.db}; empty for other URLs. */
    private static Optional<Path> h2File(String url) {
        String rest = url.substring(url.indexOf(':', "jdbc:".length()) + 1);
        if (!url.startsWith("jdbc:h2:") || !rest.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(
                Path.of(rest.substring("file:".length()).split(";", 2)[0]).toAbsolutePath());
    }

    /**
     * Data directories made before the H2 user had a password opened with an empty one: such a database is given the
     * password of its location once, so it opens as before and is protected from then on.
     */
    private static void migrateEmptyPassword(Location location) {
        String password = location.password().orElse("");
        Optional<Path> file = h2File(location.url());
        if (password.isEmpty()
                || file.isEmpty()
                || !Files.exists(file.get().resolveSibling(file.get().getFileName() + ".mv.db"))) {
            return;
        }
        String user = location.user().orElse("");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.url(), user, password)) {
            return; // the password is already set
        } catch (java.sql.SQLException e) {
            if (e.getErrorCode() != H2_WRONG_PASSWORD) {
                return; // whatever it is, opening the pool reports it
            }
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.url(), user, "");
                java.sql.Statement st = c.createStatement()) {
            // a generated secret of URL-safe base64 characters: nothing in it needs quoting
            st.execute(
                    "ALTER USER \"" + user.toUpperCase(java.util.Locale.ROOT) + "\" SET PASSWORD '" + password + "'");
        } catch (java.sql.SQLException e) {
            // neither password opens it: opening the pool reports the wrong password
        }
    }

    private static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
