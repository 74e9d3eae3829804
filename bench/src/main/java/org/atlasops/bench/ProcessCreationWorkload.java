package org.atlasops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;

/**
 * The ecosystem's own workload: Sysmon process-creation events (EventID 1, flat JSON with SigmaHQ's field names,
 * so no field mapping is needed) against SigmaHQ's {@code rules/windows/process_creation}. The rules come from the
 * SigmaHQ folder given as {@code -Dsigma.corpus=DIR}; the events are written at setup time by
 * {@code -Dwindows.events.generator=FILE} (a Python script taking {@code COUNT FILE}, run with {@code python3}; the
 * project does not ship it) into a temporary file that is read and deleted at once. Nothing generated is kept.
 */
final class ProcessCreationWorkload {
    /** The four rules that test {@code CommandLine|contains} against 3,716 single emoji between them. */
    static final String EMOJI_RULES = "proc_creation_win_susp_emoji_usage_in_cli_";

    private ProcessCreationWorkload() {}

    /** The rule folder: {@code rules/windows/process_creation} of the corpus. */
    static Path ruleFolder() {
        String dir = System.getProperty("sigma.corpus");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("give the SigmaHQ rule folder with -Dsigma.corpus=DIR (now: " + dir + ")");
        }
        Path folder = Path.of(dir, "rules", "windows", "process_creation");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing: -Dsigma.corpus must be a SigmaHQ checkout");
        }
        return folder;
    }

    /**
     * The rule files of the folder that load on their own without a problem (the {@code |expand} rules without
     * placeholder values do not), sorted; with or without the four emoji rules.
     */
    static List<Path> ruleFiles(boolean withEmoji) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(ruleFolder())) {
            s.filter(RuleLoader::isRuleFile).sorted().forEach(files::add);
        }
        List<Path> usable = new ArrayList<>();
        for (Path f : files) {
            if (!withEmoji && f.getFileName().toString().startsWith(EMOJI_RULES)) {
                continue;
            }
            RuleSet one = new RuleLoader().load(f).build();
            if (one.problems().isEmpty() && one.correlations().isEmpty()) {
                usable.add(f);
            }
        }
        return usable;
    }

    /** Loads and compiles the files into one rule set (no pipeline: the events use the rules' field names). */
    static RuleSet compile(List<Path> files) {
        RuleLoader loader = new RuleLoader();
        loader.load(files);
        return loader.build();
    }

    /** {@code count} events from the generator (SigmaHQ's 139 regression events among them), as JSON lines. */
    static List<String> events(int count) throws IOException, InterruptedException {
        String generator = System.getProperty("windows.events.generator");
        if (generator == null || !Files.isRegularFile(Path.of(generator))) {
            throw new IllegalStateException(
                    "give the event generator with -Dwindows.events.generator=FILE (now: " + generator + ")");
        }
        Path file = Files.createTempFile("proc-events", ".jsonl");
        try {
            Process p = new ProcessBuilder("python3", generator, String.valueOf(count), file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(generator + " did not finish within 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(generator + " failed (exit " + p.exitValue() + ")");
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != count) {
                throw new IllegalStateException(generator + " wrote " + lines.size() + " events, not " + count);
            }
            return lines;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
