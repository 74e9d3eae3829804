package org.atlasops.assess.emulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.scan.ScanRun;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;

/**
 * Detection over the telemetry an emulation run caused (the bundled ATLAS rule pack and analyzers through detect's
 * {@link ScanRun}), joined back to the attempts per technique through the {@code atlas_ops.emulate.attempt} field
 * every telemetry line carries.
 */
public final class EmulationVerification {
    /** The telemetry field naming the attempt that caused a line (docs/telemetry.md). */
    static final String ATTEMPT_FIELD = "atlas_ops.emulate.attempt";

    private EmulationVerification() {}

    /**
     * One technique's line of the verification.
     *
     * @param attempts the attempts of the technique in the run
     * @param succeeded those the judge found the attack worked
     * @param scorable those with a verdict either way (not errors, blocks or timeouts)
     * @param detectedBy the rules and analyzers that fired, as {@code kind:id (title)}, sorted
     * @param last when the technique's latest attempt started
     */
    public record Row(
            String technique,
            String tactic,
            int attempts,
            int succeeded,
            int scorable,
            Set<String> detectedBy,
            Instant last) {
        public Row {
            Objects.requireNonNull(technique, "technique");
            Objects.requireNonNull(tactic, "tactic");
            detectedBy = Collections.unmodifiableSortedSet(new TreeSet<>(detectedBy));
            Objects.requireNonNull(last, "last");
        }

        public boolean detected() {
            return !detectedBy.isEmpty();
        }

        /** An attack succeeded and nothing detected it. */
        public boolean gap() {
            return succeeded > 0 && !detected();
        }
    }

    /** Runs detection over the run's telemetry. Rows: gaps first, then the undetected, then the detected. */
    public static List<Row> verify(RunDirectory run, KnowledgeBase kb) {
        List<Attempt> attempts = run.attempts();
        if (attempts.isEmpty()) {
            throw new BadInputException(run.path() + ": the run has no attempts yet; run or resume it first");
        }
        Path telemetry = run.path().resolve(RunDirectory.TELEMETRY);
        Map<Long, String> lineToAttempt = attemptsByLine(telemetry);
        RuleSet rules = RulePack.loader(Map.of(), RulePack.pipeline()).build();
        ScanRun scan = new ScanRun(ScanRun.Config.builder(rules, kb).build());
        Map<String, Set<String>> detectedByAttempt = new HashMap<>();
        try {
            scan.run(List.of(ScanRun.Input.file(telemetry)), alert -> {
                for (Alert.Source s : alert.sources()) {
                    String key = lineToAttempt.get(s.line());
                    if (key != null) {
                        detectedByAttempt
                                .computeIfAbsent(key, k -> new TreeSet<>())
                                .add(alert.kind() + ":" + alert.ruleId() + " (" + alert.ruleTitle() + ")");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(telemetry + ": " + e.getMessage(), e);
        }
        return rows(attempts, detectedByAttempt);
    }

    /**
     * The verification as a Navigator 4.5 layer for the ATLAS domain: per technique emulated, 100 detected, 50 not
     * detected and no attack succeeded, 0 a gap.
     */
    public static ObjectNode layer(List<Row> rows) {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        l.put("name", "Emulation verified by detection");
        l.putObject("versions").put("layer", "4.5").put("navigator", "5.1.0");
        l.put("domain", "atlas-atlas");
        l.put(
                "description",
                "Per technique emulated: 100 detected, 50 not detected and no attack succeeded, 0 a gap "
                        + "(an attack succeeded and nothing detected it).");
        ArrayNode ts = l.putArray("techniques");
        for (Row r : rows) {
            ObjectNode t = ts.addObject();
            t.put("techniqueID", r.technique());
            t.put("score", r.detected() ? 100 : r.gap() ? 0 : 50);
            t.put(
                    "comment",
                    r.succeeded() + " of " + r.attempts() + " attempts succeeded; "
                            + (r.detected() ? "detected by " + String.join("; ", r.detectedBy()) : "not detected"));
            t.put("enabled", true);
        }
        l.putObject("gradient")
                .put("minValue", 0)
                .put("maxValue", 100)
                .putArray("colors")
                .add("#ff6666")
                .add("#ffe766")
                .add("#8ec843");
        return l;
    }

    private static Map<Long, String> attemptsByLine(Path telemetry) {
        ObjectMapper m = new ObjectMapper();
        Map<Long, String> out = new HashMap<>();
        if (!Files.exists(telemetry)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(telemetry, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode e = m.readTree(line);
                    out.put(n, e.path(ATTEMPT_FIELD).asText(""));
                } catch (IOException e) {
                    // a line that is not JSON: the scan reports it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(telemetry + ": " + e.getMessage(), e);
        }
        return out;
    }

    static List<Row> rows(List<Attempt> attempts, Map<String, Set<String>> detectedByAttempt) {
        Map<String, List<Attempt>> by = new TreeMap<>();
        attempts.forEach(
                a -> by.computeIfAbsent(a.technique(), k -> new ArrayList<>()).add(a));
        List<Row> rows = new ArrayList<>();
        by.forEach((t, as) -> {
            Set<String> detected = new TreeSet<>();
            as.forEach(a -> detected.addAll(detectedByAttempt.getOrDefault(a.key(), Set.of())));
            int succeeded = (int)
                    as.stream().filter(a -> a.verdict() == Verdict.SUCCEEDED).count();
            int scorable = (int)
                    as.stream().filter(a -> a.verdict() != Verdict.UNSCORABLE).count();
            Instant last = as.stream()
                    .map(Attempt::started)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            rows.add(new Row(t, as.get(0).tactic(), as.size(), succeeded, scorable, detected, last));
        });
        rows.sort(Comparator.comparing((Row r) -> !r.gap())
                .thenComparing(Row::detected)
                .thenComparing(Row::technique));
        return List.copyOf(rows);
    }
}
