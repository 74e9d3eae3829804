package org.atlasops.cli.detect;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.canary.CanaryScanner;
import org.atlasops.detect.canary.CanaryStore;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code detect canary new|list|check}: canary tokens for system prompts and documents. */
@Command(
        name = "canary",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Canary tokens: place one in a system prompt or a document; if model output ever contains it "
                    + "(also base64, hex, reversed, spaced out, case-changed or split across lines), the prompt or "
                    + "document leaked (AML.T0056, AML.T0057). 'detect scan' checks LLM output and MCP traffic for every "
                    + "canary you created."
        },
        subcommands = {CanaryCommand.New.class, CanaryCommand.ListCanaries.class, CanaryCommand.Check.class})
final class CanaryCommand implements Runnable {
    @ParentCommand
    DetectCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path store(Path override) {
        return override != null ? override : parent.root.dataDir().resolve("canaries.json");
    }

    /**
     * The canaries to look for: a file the user named must be there and hold canaries; the default one in the data
     * folder may be missing (no canary created yet).
     */
    static List<Canary> read(Optional<Path> given, Path defaultStore) {
        if (given.isEmpty()) {
            return CanaryStore.read(defaultStore);
        }
        Path file = given.get();
        if (Files.isDirectory(file)) {
            throw new UserException(file + ": is a folder; --canaries takes the canary file 'detect canary new' "
                    + "wrote (a JSON list)");
        }
        if (!Files.exists(file)) {
            throw new UserException(
                    file + ": no such file; --canaries takes the canary file 'detect canary new' " + "wrote");
        }
        if (isEmpty(file)) {
            throw new UserException(file + ": empty file; --canaries takes the canary file 'detect canary new' "
                    + "wrote (a JSON list)");
        }
        return CanaryStore.read(file);
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false; // reading it says why
        }
    }

    private List<Canary> canaries(Path override) {
        return read(Optional.ofNullable(override), store(null));
    }

    /** {@code canary new}. */
    @Command(
            name = "new",
            mixinStandardHelpOptions = true,
            description = "Create a canary token, keep it, and print it with a snippet to paste.")
    static final class New implements Callable<Integer> {
        @ParentCommand
        CanaryCommand canary;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--label",
                paramLabel = "TEXT",
                defaultValue = "unnamed",
                description = "Where you place it, e.g. 'support bot system prompt' (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(
                names = "--canaries",
                paramLabel = "FILE",
                description = "Canary file (default: " + "<data-dir>/canaries.json).")
        Path file;

        @Mixin
        FormatOption<String> format = FormatOption.of("text", "json");

        @Override
        public Integer call() throws IOException {
            Canary c = Canary.create(label);
            Path store = canary.store(file);
            CanaryStore.add(store, c);
            var out = spec.commandLine().getOut();
            if (format.get().equals("json")) {
                out.println(JsonOutput.object()
                        .put("token", c.token())
                        .put("label", c.label())
                        .put("snippet", c.snippet())
                        .put("created", c.created().toString())
                        .put("file", store.toString())
                        .toString());
            } else {
                out.println(c.token());
                out.println();
                out.println("Paste into the system prompt or document (" + c.label() + "):");
                out.println("  " + c.snippet());
                out.println();
                out.println("Kept in " + store + "; 'atlas-ops detect scan' and 'detect canary check' look for it.");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code canary list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the canaries you created.")
    static final class ListCanaries implements Callable<Integer> {
        @ParentCommand
        CanaryCommand canary;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--canaries", paramLabel = "FILE", description = "Canary file.")
        Path file;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            List<Canary> all = canary.canaries(file);
            all.forEach(c -> out.println(c.token() + "  " + c.created() + "  " + c.label()));
            out.println(all.size() + " canaries in " + canary.store(file));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code canary check}. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Look for your canaries in a text file or in standard input, read as it arrives (a "
                        + "streamed model answer piped in is checked chunk by chunk).",
                "Exit code 0: none found; 1: a canary leaked."
            })
    static final class Check implements Callable<Integer> {
        @ParentCommand
        CanaryCommand canary;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Text to check (default: stdin).")
        Path text;

        @Option(names = "--canaries", paramLabel = "FILE", description = "Canary file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (text != null) { // the user's input is checked before the canaries, so its mistake is named first
                if (Files.isDirectory(text)) {
                    throw new UserException(text + ": is a folder; give the text file to check, or pipe it in");
                }
                if (!Files.exists(text)) {
                    throw new UserException(text + ": no such file; give the text file to check, or pipe it in");
                }
                if (isEmpty(text)) {
                    throw new UserException(text + ": empty file; nothing to check");
                }
                if (!RuleFiles.isText(text)) {
                    throw new UserException(
                            text + ": not UTF-8 text (a binary file?); give the model's output as text");
                }
            }
            List<Canary> all = canary.canaries(file);
            if (all.isEmpty()) {
                throw new UserException("no canary in " + canary.store(file) + "; create one with 'atlas-ops detect "
                        + "canary new --label …'");
            }
            CanaryScanner.Stream stream = new CanaryScanner(all).stream();
            List<CanaryScanner.Hit> hits = new ArrayList<>();
            try (Reader in = text == null
                    ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                    : Files.newBufferedReader(text, StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    hits.addAll(stream.accept(new String(buf, 0, n)));
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UserException((text != null ? text.toString() : "<stdin>")
                        + ": not UTF-8 text (a binary file?); give the model's output as text");
            }
            var out = spec.commandLine().getOut();
            if (!hits.isEmpty()) {
                String meaning = leakTechniques(canary.parent.root.knowledgeBase());
                for (CanaryScanner.Hit h : hits) {
                    out.println("LEAKED  " + h.canary().token() + " (" + h.encoding() + ")  "
                            + h.canary().label() + "  " + meaning);
                }
            }
            if (hits.isEmpty()) {
                out.println("no canary found (" + all.size() + " checked)");
            }
            out.flush();
            return hits.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }

        /** "AML.T0056 Extract LLM System Prompt, AML.T0057 LLM Data Leakage", named in the release in use. */
        private static String leakTechniques(KnowledgeBase kb) {
            List<String> named = new ArrayList<>();
            for (AtlasId id : Canary.LEAK_TECHNIQUES) {
                named.add(kb.find(id.value())
                        .map(o -> id.value() + " " + kb.displayName(o))
                        .orElse(id.value()));
            }
            return String.join(", ", named);
        }
    }
}
