package org.atlasops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.atlasops.cli.assess.AssessCommand;
import org.atlasops.cli.detect.DetectCommand;
import org.atlasops.cli.emulate.EmulateCommand;
import org.atlasops.cli.intel.IntelCommand;
import org.atlasops.cli.kb.KbCommand;
import org.atlasops.cli.lab.LabCommand;
import org.atlasops.cli.layer.LayerCommand;
import org.atlasops.cli.mcp.McpCommand;
import org.atlasops.cli.serve.AdminCommand;
import org.atlasops.cli.serve.ServeCommand;
import org.atlasops.cli.serve.UsersCommand;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.AtlasReader;
import org.atlasops.kb.read.ReleaseCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: options every command shares, and where the knowledge base comes from. */
@Command(
        name = "atlas-ops",
        mixinStandardHelpOptions = true,
        versionProvider = AtlasOpsCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Makes MITRE ATLAS operational: look techniques up, compare releases, crosswalk frameworks, "
                + "export STIX, make, combine, upgrade and export Navigator layers, and detect attacks in AI telemetry "
                + "with Sigma rules tagged with ATLAS techniques.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 findings, 2 bad usage or input, 3 internal error.",
            "Docs: docs/kb.md, docs/layers.md, docs/detect.md and docs/telemetry.md in the source tree."
        })
public final class AtlasOpsCommand implements Runnable {
    /**
     * The commands under the root, in the order help lists them. {@link CommandTree} adds them, not the annotation,
     * so that a short command does not pay for building all the others (docs/benchmarks.md, start-up).
     */
    static final List<Class<?>> COMMANDS = List.of(
            KbCommand.class,
            LayerCommand.class,
            DetectCommand.class,
            McpCommand.class,
            EmulateCommand.class,
            ServeCommand.class,
            UsersCommand.class,
            AdminCommand.class,
            IntelCommand.class,
            AssessCommand.class,
            LabCommand.class,
            CompletionCommand.class);

    @Option(
            names = "--atlas-data",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Read ATLAS from this file (YAML in any published format, or a STIX 2.1 bundle .json) "
                    + "instead of a bundled or imported release.")
    Path atlasData;

    @Option(
            names = {"-r", "--release"},
            paramLabel = "VERSION",
            scope = ScopeType.INHERIT,
            description = "ATLAS release to use (default: " + ReleaseCatalog.DEFAULT_VERSION + "; for a layer, the "
                    + "release it names); 'atlas-ops kb releases' lists them.")
    public String release;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Where imported releases are kept (default: ~/.atlas-ops, or $ATLAS_OPS_HOME).")
    Path dataDir;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces with errors, every note the data reader made, and where the time went.")
    boolean verbose;

    private ReleaseCatalog catalog;
    private KnowledgeBase knowledgeBase;
    private long releaseReadNanos;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private AtlasOpsCommand() {}

    /** The whole command tree, every command and its subcommands. */
    public static CommandLine commandLine() {
        return CommandTree.whole(new AtlasOpsCommand());
    }

    /**
     * The command tree this command line needs: only the commands typed, when that is certain; else the whole
     * tree ({@link CommandTree}).
     */
    static CommandLine commandLineFor(String... args) {
        return CommandTree.forArgs(new AtlasOpsCommand(), args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public boolean verbose() {
        return verbose;
    }

    public Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("ATLAS_OPS_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".atlas-ops");
    }

    public ReleaseCatalog catalog() {
        if (catalog == null) {
            catalog = new ReleaseCatalog(Optional.of(dataDir()));
        }
        return catalog;
    }

    /** The release the user chose: {@code --atlas-data FILE}, else {@code --release}, else the default. */
    public KnowledgeBase knowledgeBase() {
        if (knowledgeBase == null) {
            long start = System.nanoTime();
            knowledgeBase = atlasData != null
                    ? AtlasReader.read(atlasData)
                    : catalog().load(release != null ? release : ReleaseCatalog.DEFAULT_VERSION);
            releaseReadNanos = System.nanoTime() - start;
        }
        return knowledgeBase;
    }

    /** How long reading the release took, 0 when it was not read (the --verbose timing line). */
    long releaseReadNanos() {
        return releaseReadNanos;
    }

    /**
     * The release for a layer: what the user chose with --atlas-data or --release, else the release the layer
     * names when it is bundled or imported, else the default.
     */
    public KnowledgeBase knowledgeBaseFor(Optional<String> layerRelease) {
        if (atlasData == null
                && release == null
                && layerRelease.isPresent()
                && catalog().releases().stream().anyMatch(r -> r.version().equals(layerRelease.get()))) {
            return catalog().load(layerRelease.get());
        }
        return knowledgeBase();
    }

    /** Reads the version from the jar. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/org/atlasops/cli/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "atlas-ops " + p.getProperty("version", "unknown"),
                "default ATLAS release " + ReleaseCatalog.DEFAULT_VERSION + "; bundled: "
                        + String.join(
                                ", ",
                                ReleaseCatalog.bundledOnly().releases().stream()
                                        .map(ReleaseCatalog.Release::version)
                                        .toList()),
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
