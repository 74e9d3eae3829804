package org.atlasops.cli.serve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.auth.AuthApi;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code atlas-ops users}: the web app's users, from the machine that holds the data. The way back in when the
 * first-start link is lost or every admin forgot their password. Works while {@code serve} runs (the H2 database is
 * shared with it) and when it does not.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The web app's users, from the machine that holds the team data (docs/web.md): list them, or make a "
                    + "one-time sign-in link for one (the way back in when a link or a password is lost).",
            "Works while 'atlas-ops serve' runs on the same data directory, and when it does not."
        },
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Link.class})
public final class UsersCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code atlas-ops users list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the users: name, role, whether disabled, when created.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Mixin
        TeamDatabase database;

        @Spec
        CommandSpec spec;

        /** How the list is printed. */
        enum Format {
            TEXT,
            JSON
        }

        @Mixin
        FormatOption<Format> format = FormatOption.of(Format.TEXT, Format.JSON);

        @Override
        public Integer call() {
            try (Database db = Database.open(database.location(parent.root.dataDir()))) {
                List<User> users = db.users().list();
                PrintWriter out = spec.commandLine().getOut();
                if (format.get() == Format.JSON) {
                    var array = JsonOutput.array();
                    for (User u : users) {
                        array.addObject()
                                .put("name", u.name())
                                .put("role", u.role().label())
                                .put("disabled", u.disabled())
                                .put("created_at", u.createdAt().toString());
                    }
                    JsonOutput.print(out, JsonOutput.object().set("users", array));
                    out.flush();
                    return ExitCodes.OK;
                }
                if (users.isEmpty()) {
                    out.println("no users yet: the first 'atlas-ops serve' creates 'admin'");
                }
                int width =
                        users.stream().mapToInt(u -> u.name().length()).max().orElse(4);
                for (User u : users) {
                    out.printf(
                            "%-" + width + "s  %-7s  %-8s  created %s%n",
                            u.name(),
                            u.role().label(),
                            u.disabled() ? "disabled" : "enabled",
                            u.createdAt());
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code atlas-ops users link NAME}. */
    @Command(
            name = "link",
            mixinStandardHelpOptions = true,
            description = {
                "Make a new one-time sign-in link for a user (valid 24 hours): they follow it and set a password. "
                        + "Written to the audit log.",
                "The link starts with the address the last 'serve' of this data directory used, or --url."
            },
            footer = {"", "Example:", "  atlas-ops users link admin"})
    static final class Link implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Mixin
        TeamDatabase database;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user's name ('atlas-ops users list' shows them).")
        String name;

        @Option(
                names = "--url",
                paramLabel = "BASE-URL",
                description = "The address users reach the web app at (default: the address of the last serve of "
                        + "this data directory, else http://127.0.0.1:8080/).")
        String url;

        @Override
        public Integer call() {
            String base = base();
            try (Database db = Database.open(database.location(parent.root.dataDir()))) {
                User user = db.users()
                        .find(name)
                        .orElseThrow(() -> new NotFoundException("no user named '" + name + "'"
                                + (db.users().count() == 0
                                        ? "; there are no users yet: the first 'atlas-ops serve' creates 'admin'"
                                        : "; 'atlas-ops users list' shows the names")));
                if (user.disabled()) {
                    throw new UserException("the user '" + name + "' is disabled: an admin enables them on the "
                            + "Users page first (or make a link for an admin)");
                }
                Duration ttl = AuthApi.LOGIN_LINK_TTL;
                Credential.Issued link = db.transaction(tx -> {
                    Credential.Issued issued =
                            tx.users().issue(user, Credential.Kind.LOGIN_LINK, null, Optional.of(ttl));
                    tx.audit()
                            .record(
                                    "atlas-ops users link",
                                    "user.link",
                                    "user " + user.name(),
                                    "one-time sign-in link made on the machine that holds the data");
                    return issued;
                });
                PrintWriter out = spec.commandLine().getOut();
                out.println("atlas-ops: one-time sign-in link for '" + user.name() + "' (" + ttl.toHours()
                        + " hours; shown once):");
                out.println("  " + base + "login/" + link.secret());
                out.flush();
            }
            return ExitCodes.OK;
        }

        private String base() {
            String b = url != null
                    ? url.strip()
                    : (database.db == null ? AtlasServer.lastAddress(parent.root.dataDir()) : Optional.<String>empty())
                            .orElse("http://127.0.0.1:8080/");
            if (!(b.startsWith("http://") || b.startsWith("https://"))) {
                throw new UserException("--url '" + b + "' is not an http(s) address: give the address users reach "
                        + "the web app at, e.g. https://atlas.example.org/");
            }
            return b.endsWith("/") ? b : b + "/";
        }
    }
}
