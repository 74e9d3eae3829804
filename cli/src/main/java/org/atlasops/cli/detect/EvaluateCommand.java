package org.atlasops.cli.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.detect.accuracy.Accuracy;
import org.atlasops.detect.accuracy.Example;
import org.atlasops.detect.accuracy.ExampleFormat;
import org.atlasops.detect.accuracy.ExampleReader;
import org.atlasops.detect.accuracy.Judge;
import org.atlasops.detect.accuracy.Metrics;
import org.atlasops.detect.accuracy.Outcome;
import org.atlasops.detect.accuracy.Report;
import org.atlasops.detect.accuracy.ThresholdRow;
import org.atlasops.detect.accuracy.Trainer;
import org.atlasops.detect.mcp.ToolDefinition;
import org.atlasops.detect.mcp.ToolExamples;
import org.atlasops.detect.mcp.ToolPoisoningChecker;
import org.atlasops.detect.prompt.MeaningDetector;
import org.atlasops.detect.prompt.MeaningTrainer;
import org.atlasops.detect.prompt.PromptDetector;
import org.atlasops.detect.prompt.PromptExamples;
import org.atlasops.detect.prompt.PromptPath;
import org.atlasops.detect.prompt.PromptTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code detect evaluate --input LABELLED.jsonl}: how well the prompt detector or the MCP tool check does on labelled
 * data, overall and per source, language and length; {@code --loso} measures generalisation by leaving one source out.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure a detector on labelled JSON lines: balanced accuracy, recall per label, benign flagged, ROC-AUC, "
                    + "a threshold table, and the same per source, per language and per length band.",
            "Prompt records (--kind prompt): text, label (benign, injection or jailbreak), optional id, source, "
                    + "language, role and system (the application's own instructions). Tool records (--kind mcp): description, label (benign or poisoned), optional "
                    + "id, source, language, server, name and inputSchema. Without a language field the language is "
                    + "guessed from the script and common words (docs/detection-accuracy.md). Malformed lines are "
                    + "reported with file:line, counted and skipped.",
            "--loso: leave one source out. For each source (the repository of an owner/repo:path source), train on "
                    + "every other source and judge that one; the figures then say how the detector does on sources "
                    + "it never saw. The MCP check learns nothing, so there it only groups by source."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops detect evaluate --input my-traffic.jsonl",
            "  atlas-ops detect evaluate --kind mcp --input tools.jsonl --format json",
            "  atlas-ops detect evaluate --loso --input train/prompts.jsonl --input dev/prompts.jsonl",
            "  atlas-ops detect evaluate --input my-traffic.jsonl --outcomes judged.jsonl   # then look at the misses"
        })
final class EvaluateCommand implements Callable<Integer> {

    /** What is measured. */
    enum Kind {
        prompt,
        mcp
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "FILE",
            description = "Labelled records, one JSON object per line ('-' for stdin); repeat to pool files.")
    List<String> inputs;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            defaultValue = "prompt",
            description = "prompt (the prompt-attack detector) or mcp (the tool-poisoning check); "
                    + "default: ${DEFAULT-VALUE}.")
    Kind kind;

    @Mixin
    PromptModelOption promptModel = PromptModelOption.accurateByDefault(
            "embedding (a sentence-embedding model read in-process, with the fast path's evidence; the more "
                    + "accurate, slower) or fast (the path detect scan and stream use); default: ${DEFAULT-VALUE}.");

    @Option(
            names = "--loso",
            description = "Leave one source out: retrain without each source in turn and measure on it "
                    + "(prompt: one training per source, minutes on a laptop).")
    boolean loso;

    @Option(
            names = "--threshold",
            paramLabel = "SCORE",
            description = "Flag at this score instead of the detector's operating point (not with --loso, where "
                    + "each training chooses its own).")
    Double threshold;

    @Option(
            names = "--outcomes",
            paramLabel = "FILE",
            description = "Also write every record's judgement, one JSON object per line: id, label, source, "
                    + "language, length, score, flagged (with --loso, by the model that did not see its source).")
    Path outcomes;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() throws IOException {
        if (threshold != null && (threshold <= 0 || threshold >= 1)) {
            throw new UserException("--threshold must be between 0 and 1, not " + threshold);
        }
        if (threshold != null && loso) {
            throw new UserException("--threshold and --loso do not go together: each training of --loso chooses its "
                    + "own operating point from its training sources; drop one of them");
        }
        return kind == Kind.prompt ? run(PromptExamples.FORMAT, this::promptJudge, promptTrainer()) : runMcp();
    }

    private Integer runMcp() throws IOException {
        Judge<ToolDefinition> judge = ToolExamples.judge(
                new ToolPoisoningChecker(), threshold == null ? ToolPoisoningChecker.THRESHOLD : threshold);
        return run(ToolExamples.FORMAT, () -> judge, Accuracy.fixed(judge));
    }

    private Judge<PromptExamples.Input> promptJudge() {
        if (promptModel.get() == PromptPath.EMBEDDING) {
            MeaningDetector m = MeaningDetector.bundled();
            return PromptExamples.judge(threshold == null ? m : m.withThreshold(threshold));
        }
        PromptDetector d = PromptDetector.bundled();
        return PromptExamples.judge(threshold == null ? d : d.withThreshold(threshold));
    }

    private Trainer<PromptExamples.Input> promptTrainer() {
        if (promptModel.get() == PromptPath.EMBEDDING) {
            return MeaningTrainer.trainer(PromptTrainer.DEFAULT_MAX_FPR);
        }
        return PromptExamples.trainer(PromptTrainer.DEFAULT_MAX_FPR);
    }

    private <T> Integer run(ExampleFormat<T> exampleFormat, Supplier<Judge<T>> judge, Trainer<T> trainer)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<Example<T>> examples = new ArrayList<>();
        List<ExampleReader.Problem> problems = new ArrayList<>();
        for (String input : inputs) {
            ExampleReader.Read<T> read = read(input, exampleFormat);
            examples.addAll(read.examples());
            problems.addAll(read.problems());
        }
        problems.forEach(p -> err.println("atlas-ops: skipped " + p));
        if (examples.isEmpty()) {
            throw new UserException(String.join(", ", inputs) + ": no usable labelled record (" + problems.size()
                    + " malformed lines); each line must be a JSON object with a label and the fields --help lists"
                    + " for --kind " + kind);
        }
        boolean tty = System.console() != null;
        Report report;
        if (loso) {
            try {
                report = Accuracy.leaveOneSourceOut(examples, trainer, (n, of, source, trainedOn) -> {
                    if (tty) {
                        err.printf(
                                Locale.ROOT,
                                "fold %d of %d: leaving out %s (training on %d)%n",
                                n,
                                of,
                                source,
                                trainedOn);
                        err.flush();
                    }
                });
            } catch (IllegalArgumentException e) {
                throw new UserException(String.join(", ", inputs) + ": " + e.getMessage());
            }
        } else {
            report = Accuracy.evaluate(examples, judge.get());
        }
        if (outcomes != null) {
            writeOutcomes(report);
        }
        if (format.get().equals("json")) {
            JsonOutput.print(out, json(report, problems));
        } else {
            text(out, report, problems.size());
        }
        err.flush();
        return ExitCodes.OK;
    }

    private <T> ExampleReader.Read<T> read(String input, ExampleFormat<T> exampleFormat) throws IOException {
        if (input.equals("-")) {
            return ExampleReader.read(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8), "<stdin>", exampleFormat);
        }
        Path file = Path.of(input);
        if (Files.isDirectory(file)) {
            throw new UserException(input + ": is a folder, not a file; --input takes a file of labelled JSON "
                    + "lines (repeat --input for each file of the folder)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException(input + ": no such file; --input takes labelled JSON lines");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ExampleReader.read(r, input, exampleFormat);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserException(input + ": not UTF-8 text; save the labelled records as UTF-8 JSON lines");
        }
    }

    private void writeOutcomes(Report report) {
        try (java.io.Writer w = Files.newBufferedWriter(outcomes, StandardCharsets.UTF_8)) {
            for (Outcome o : report.outcomes()) {
                w.write(JsonOutput.object()
                        .put("id", o.id())
                        .put("label", o.label())
                        .put("source", o.source())
                        .put("language", o.language())
                        .put("length", o.length().label())
                        .put("score", Math.round(o.score() * 10000) / 10000.0)
                        .put("flagged", o.flagged())
                        .toString());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UserException(
                    outcomes + ": cannot write the outcomes (" + e.getMessage() + "); give --outcomes a writable file");
        }
    }

    private String detector() {
        if (kind == Kind.mcp) {
            return "MCP tool-poisoning check (hand-written patterns; nothing is learned)";
        }
        String path =
                promptModel.get() == PromptPath.EMBEDDING ? "prompt detector (embedding path)" : "prompt detector";
        return path + (loso ? ", retrained for each left-out source" : ", bundled model");
    }

    // ---- text

    private void text(PrintWriter out, Report r, int skipped) {
        int width = Terminal.width();
        out.println(Terminal.bold(detector()));
        out.printf(
                Locale.ROOT,
                "%s%d examples from %d file%s%s%n",
                loso ? "leave-one-source-out over " + r.folds().size() + " sources; " : "",
                r.examples(),
                inputs.size(),
                inputs.size() == 1 ? "" : "s",
                skipped == 0 ? "" : ", " + skipped + " malformed line" + (skipped == 1 ? "" : "s") + " skipped");
        r.threshold().ifPresent(t -> out.printf(Locale.ROOT, "operating threshold %.3f%n", t));
        Metrics m = r.overall();
        out.println();
        out.printf(
                Locale.ROOT,
                "balanced accuracy %s | attack recall %s (%d of %d) | benign flagged %s (%d of %d) | ROC-AUC %s%n",
                num(m.balancedAccuracy()),
                num(m.attackRecall()),
                m.attacksFlagged(),
                m.attacks(),
                pct(m.benignFlaggedRate()),
                m.benignFlagged(),
                m.benign(),
                num(m.rocAuc()));
        List<String> perLabel = new ArrayList<>();
        m.labels()
                .forEach(l ->
                        perLabel.add(String.format(Locale.ROOT, "%s %s (%d)", l.label(), num(l.recall()), l.total())));
        out.println("recall per label (benign: share let through): " + String.join(", ", perLabel));
        if (r.bySource().size() > 1) {
            out.printf(
                    Locale.ROOT,
                    "per source (%d): mean balanced accuracy %s, worst %s; mean attack recall %s, worst %s; "
                            + "mean benign flagged %s, worst %s%n",
                    r.bySource().size(),
                    num(r.meanSourceBalancedAccuracy()),
                    r.worstSource()
                            .map(g -> g.key() + " " + num(g.metrics().balancedAccuracy()))
                            .orElse("n/a"),
                    num(r.meanSourceAttackRecall()),
                    r.worstAttackSource()
                            .map(g -> g.key() + " " + num(g.metrics().attackRecall()))
                            .orElse("n/a"),
                    pct(r.meanSourceBenignFlagged()),
                    r.worstBenignSource()
                            .map(g -> g.key() + " " + pct(g.metrics().benignFlaggedRate()))
                            .orElse("n/a"));
        }
        out.println();
        Table t = new Table("threshold", "attack recall", "benign flagged", "balanced accuracy", "");
        for (ThresholdRow row : r.thresholds()) {
            t.row(
                    String.format(Locale.ROOT, "%.3f", row.threshold()),
                    num(row.attackRecall()),
                    pct(row.benignFlaggedRate()),
                    num(row.balancedAccuracy()),
                    row.operating() ? "<- operating point" : "");
        }
        t.print(out, width);
        groups(out, "source", r.bySource(), width);
        groups(out, "language", r.byLanguage(), width);
        groups(out, "length (characters)", r.byLength(), width);
        if (!r.folds().isEmpty() && kind == Kind.prompt) {
            out.println();
            Table f = new Table("left out", "trained on", "its threshold");
            r.folds()
                    .forEach(fold -> f.row(
                            fold.source(),
                            String.valueOf(fold.trainedOn()),
                            String.format(Locale.ROOT, "%.3f", fold.threshold())));
            f.print(out, width);
        }
        out.flush();
    }

    private static void groups(PrintWriter out, String what, List<Report.Group> groups, int width) {
        out.println();
        Table t = new Table(
                what, "n", "balanced acc.", "attacks", "recall", "benign", "flagged", "ROC-AUC", "recall per label");
        for (Report.Group g : groups) {
            Metrics m = g.metrics();
            List<String> perLabel = new ArrayList<>();
            m.labels().stream()
                    .filter(Metrics.LabelCount::attack)
                    .forEach(l -> perLabel.add(l.label() + " " + num(l.recall())));
            t.row(
                    g.key(),
                    String.valueOf(m.n()),
                    num(m.balancedAccuracy()),
                    String.valueOf(m.attacks()),
                    num(m.attackRecall()),
                    String.valueOf(m.benign()),
                    pct(m.benignFlaggedRate()),
                    num(m.rocAuc()),
                    String.join(", ", perLabel));
        }
        t.print(out, width);
    }

    private static String num(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.3f", d.getAsDouble()) : "-";
    }

    private static String pct(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * d.getAsDouble()) : "-";
    }

    // ---- json

    private ObjectNode json(Report r, List<ExampleReader.Problem> problems) {
        ObjectNode root = JsonOutput.object()
                .put("kind", kind.name())
                .put("detector", detector())
                .put("mode", loso ? "leave-one-source-out" : "evaluate");
        ArrayNode in = root.putArray("inputs");
        inputs.forEach(in::add);
        root.put("examples", r.examples()).put("skipped", problems.size());
        ArrayNode bad = root.putArray("problems");
        problems.forEach(p -> bad.addObject().put("place", p.place()).put("reason", p.reason()));
        r.threshold().ifPresent(t -> root.put("threshold", t));
        root.set("overall", metrics(r.overall()));
        ArrayNode rows = root.putArray("thresholds");
        for (ThresholdRow row : r.thresholds()) {
            ObjectNode n = rows.addObject().put("threshold", row.threshold()).put("operating", row.operating());
            put(n, "attack_recall", row.attackRecall());
            put(n, "benign_flagged", row.benignFlaggedRate());
            put(n, "balanced_accuracy", row.balancedAccuracy());
            n.put("attacks_flagged", row.attacksFlagged())
                    .put("attacks", row.attacks())
                    .put("benign_flagged_count", row.benignFlagged())
                    .put("benign", row.benign());
        }
        ObjectNode sources = root.putObject("sources");
        put(sources, "mean_balanced_accuracy", r.meanSourceBalancedAccuracy());
        r.worstSource().ifPresent(g -> sources.put("worst", g.key()));
        put(sources, "mean_attack_recall", r.meanSourceAttackRecall());
        r.worstAttackSource().ifPresent(g -> sources.put("worst_attack_recall", g.key()));
        put(sources, "mean_benign_flagged", r.meanSourceBenignFlagged());
        r.worstBenignSource().ifPresent(g -> sources.put("worst_benign_flagged", g.key()));
        root.set("by_source", groups(r.bySource()));
        root.set("by_language", groups(r.byLanguage()));
        root.set("by_length", groups(r.byLength()));
        ArrayNode folds = root.putArray("folds");
        r.folds()
                .forEach(f -> folds.addObject()
                        .put("left_out", f.source())
                        .put("trained_on", f.trainedOn())
                        .put("threshold", f.threshold()));
        return root;
    }

    private static ArrayNode groups(List<Report.Group> groups) {
        ArrayNode a = JsonOutput.array();
        groups.forEach(g -> a.add(metrics(g.metrics()).put("key", g.key())));
        return a;
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode n = JsonOutput.object().put("n", m.n());
        put(n, "balanced_accuracy", m.balancedAccuracy());
        put(n, "attack_recall", m.attackRecall());
        put(n, "benign_flagged", m.benignFlaggedRate());
        put(n, "roc_auc", m.rocAuc());
        n.put("attacks", m.attacks())
                .put("attacks_flagged", m.attacksFlagged())
                .put("benign", m.benign())
                .put("benign_flagged_count", m.benignFlagged());
        ArrayNode labels = n.putArray("labels");
        for (Metrics.LabelCount l : m.labels()) {
            ObjectNode x = labels.addObject()
                    .put("label", l.label())
                    .put("attack", l.attack())
                    .put("total", l.total())
                    .put("flagged", l.flagged());
            put(x, "recall", l.recall());
        }
        return n;
    }

    /** An absent figure is JSON null, so every object has the same keys. */
    private static void put(ObjectNode n, String key, OptionalDouble d) {
        if (d.isPresent()) {
            n.put(key, Math.round(d.getAsDouble() * 10000) / 10000.0);
        } else {
            n.putNull(key);
        }
    }
}
