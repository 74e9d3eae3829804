package org.atlasops.cli.serve;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.atlasops.server.tls.TlsIdentity;
import org.atlasops.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops serve}: the web app, until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the web app: the ATLAS explorer, the layer workspace and the REST API (docs/web.md).",
            "Listens on 127.0.0.1:8080 and keeps team data in an H2 database in the data directory unless told "
                    + "otherwise. On the first start it creates the user 'admin' and prints a one-time sign-in "
                    + "link. Stop it with Ctrl-C."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops serve",
            "  atlas-ops serve --port 9000 --host 0.0.0.0",
            "  ATLAS_OPS_DB_PASSWORD=... atlas-ops serve --db jdbc:postgresql://db:5432/atlas --db-user atlas",
            "  atlas-ops serve --host 0.0.0.0 --port 8443 --tls-cert fullchain.pem --tls-key privkey.pem",
            "Deployment (systemd, container image, TLS, PostgreSQL, /healthz and /readyz): docs/deploy.md."
        })
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    TeamDatabase database;

    @Option(
            names = "--anonymous-read",
            description = "Let anyone read team data (layers) without signing in. Off by default.")
    boolean anonymousRead;

    @Option(
            names = "--allow-fetch",
            paramLabel = "HOST[:PORT]",
            description = "Let layer imports fetch from this host although it is internal or plain http "
                    + "(repeatable). By default only public https URLs are fetched.")
    java.util.List<String> allowFetch = new java.util.ArrayList<>();

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The address users reach the server at, such as https://atlas.corp.example behind a "
                    + "reverse proxy. Sign-in links are built from it (default: the address the server listens on).")
    String publicUrl;

    @Option(
            names = "--token-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "How many days an API token lives when its maker names no lifetime (default: "
                    + "${DEFAULT-VALUE}; 1 to 3650).")
    int tokenDays;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "Answer HTTPS with this PEM certificate (the server's first, then intermediates); "
                    + "needs --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The PEM private key of --tls-cert, PKCS#8 (BEGIN PRIVATE KEY), unencrypted.")
    Path tlsKey;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "Answer HTTPS with the key and chain in this PKCS#12 keystore; its password in "
                    + "ATLAS_OPS_TLS_KEYSTORE_PASSWORD. Instead of --tls-cert and --tls-key.")
    Path tlsKeyStore;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserException("--port " + port + " is not a TCP port (0-65535)");
        }
        String release = root.release != null ? root.release : ReleaseCatalog.DEFAULT_VERSION;
        Optional<Database.Location> location = database.named();
        if (tokenDays < 1 || tokenDays > 3650) {
            throw new UserException("--token-days " + tokenDays + " is not from 1 to 3650");
        }
        Optional<TlsIdentity> tls = tls();
        ServerOptions options;
        try {
            options = new ServerOptions(
                    host,
                    port,
                    root.dataDir(),
                    location,
                    anonymousRead,
                    release,
                    allowFetch,
                    Optional.ofNullable(publicUrl).map(java.net.URI::create),
                    tokenDays,
                    tls);
        } catch (IllegalArgumentException | org.atlasops.kb.failure.BadInputException e) {
            throw new UserException("--public-url: " + e.getMessage());
        }
        AtlasServer server;
        try {
            server = AtlasServer.start(options);
        } catch (org.atlasops.kb.failure.Failure e) {
            throw new UserException(e.getMessage());
        }
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        var out = spec.commandLine().getOut();
        out.println("atlas-ops: serving ATLAS " + release + " at " + options.scheme() + "://" + shown + ":"
                + server.port() + "/");
        out.println("atlas-ops: team data in " + server.database().describe());
        server.firstLoginLink().ifPresent(link -> {
            out.println("atlas-ops: first start: created the user 'admin'. Sign in once with this link (24 hours), "
                    + "then set a password:");
            out.println("  " + link);
        });
        out.println("atlas-ops: press Ctrl-C to stop");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "atlas-ops-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** The certificate and key from the --tls options, read and checked before anything starts. */
    private Optional<TlsIdentity> tls() {
        if (tlsKeyStore != null) {
            if (tlsCert != null || tlsKey != null) {
                throw new UserException("--tls-keystore and --tls-cert/--tls-key do not go together: give one");
            }
            if (!java.nio.file.Files.isRegularFile(tlsKeyStore)) {
                throw new UserException(tlsKeyStore + ": "
                        + (java.nio.file.Files.isDirectory(tlsKeyStore) ? "is a folder" : "no such file")
                        + "; --tls-keystore takes a PKCS#12 keystore file (.p12, .pfx)");
            }
            String password = System.getenv("ATLAS_OPS_TLS_KEYSTORE_PASSWORD");
            if (password == null) {
                throw new UserException("--tls-keystore " + tlsKeyStore + ": set its password in the environment "
                        + "variable ATLAS_OPS_TLS_KEYSTORE_PASSWORD (never on the command line)");
            }
            return Optional.of(TlsIdentity.fromKeyStore(tlsKeyStore, password.toCharArray()));
        }
        if (tlsCert == null && tlsKey == null) {
            return Optional.empty();
        }
        if (tlsCert == null || tlsKey == null) {
            throw new UserException((tlsCert == null
                            ? "--tls-key " + tlsKey + " needs --tls-cert"
                            : "--tls-cert " + tlsCert + " needs --tls-key")
                    + ": give the certificate and its private key (PEM), or a keystore with --tls-keystore");
        }
        return Optional.of(TlsIdentity.fromPem(tlsCert, tlsKey));
    }
}
