package org.atlasops.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.atlasops.kb.failure.Failure;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
    static {
        // Apache POI logs through the Log4j API, which log4j-to-slf4j routes to SLF4J: its errors only, as before
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.poi") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.poi", "error");
        }
        // Kafka (detect stream) logs through SLF4J: warnings and errors only, on stderr
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // the embedding model's tokenizer (DJL) warns that it finds no GPU on every machine without one
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        // Kafka's clients warn on every reconnect to a broker that is down (thousands a minute): only errors, and
        // detect stream says itself when it cannot reach the brokers (--verbose shows Kafka's lines)
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        // the MCP SDK logs a stack trace for every line that is not JSON-RPC (lab mcp, mcp scan, MCP targets): the
        // peer gets its error through the protocol; the SDK's own lines with -Dorg.slf4j.simpleLogger.log.io...=debug
        if (System.getProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol", "off");
        }
    }

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs one command line as a user would type it; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    /** @param wholeTree build every command, not only the one typed (to test that the two answer alike) */
    static int run(PrintWriter out, PrintWriter err, boolean wholeTree, String... args) {
        long start = System.nanoTime();
        CommandLine cli = wholeTree ? AtlasOpsCommand.commandLine() : AtlasOpsCommand.commandLineFor(args);
        AtlasOpsCommand root = cli.getCommand();
        long treeBuilt = System.nanoTime();
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL_ERROR);
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("atlas-ops: " + e.getMessage());
            if (e instanceof FormatOption.UnknownFormatException) {
                return ExitCodes.BAD_INPUT; // the message lists the formats: one line
            }
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr())) {
                cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
            }
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // every kind of failure (bad input, not found, conflict, unavailable) is the user's to fix: one line, 2
            if (e instanceof Failure) {
                cmd.getErr().println("atlas-ops: " + e.getMessage());
                if (root.verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof UncheckedIOException io) {
                cmd.getErr().println("atlas-ops: " + io.getMessage());
                if (root.verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return ExitCodes.BAD_INPUT;
            }
            cmd.getErr()
                    .println("atlas-ops: internal error: " + e
                            + (root.verbose
                                    ? ""
                                    : " (run again with --verbose for the stack trace, and please report it)"));
            if (root.verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.INTERNAL_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        if (root.verbose) {
            // a bundled release parsed from its YAML loses the start-up gain: say why, or it goes unnoticed
            org.atlasops.kb.read.ReleaseCatalog.preparsedRefused()
                    .forEach((version, why) -> err.println("atlas-ops: pre-parsed form refused: " + why + " (ATLAS "
                            + version + ", its YAML was read instead)"));
            err.println(timing(start, treeBuilt, System.nanoTime(), root.releaseReadNanos()));
        }
        err.flush();
        return code;
    }

    /** Where the time of a run went, for --verbose: what start-up work costs on this machine (docs/benchmarks.md). */
    static String timing(long start, long treeBuilt, long end, long releaseRead) {
        String jvm;
        try {
            long uptimeAtMain =
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                            - (System.nanoTime() - start) / 1_000_000;
            jvm = uptimeAtMain + " ms JVM start to main, ";
        } catch (LinkageError e) {
            jvm = ""; // a runtime image without java.management
        }
        return "atlas-ops: time: " + jvm + ms(treeBuilt - start) + " building the command line, "
                + ms(end - treeBuilt) + " running the command"
                + (releaseRead > 0 ? " (of which " + ms(releaseRead) + " reading the ATLAS release)" : "");
    }

    private static String ms(long nanos) {
        return Math.max(0, nanos / 1_000_000) + " ms";
    }
}
