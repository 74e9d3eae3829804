package org.atlasops.emulate.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * Measures the {@link RefusalDetector} on labelled answers: JSON lines with {@code answer}, {@code label}
 * ({@code refusal} or {@code compliance}; others are left out) and optional {@code source}.
 */
public final class RefusalEval {
    private RefusalEval() {}

    /** Counts of one group: tp = refusals found, fp = compliances called refusals, and so on. */
    public record Counts(int truePositive, int falsePositive, int trueNegative, int falseNegative) {
        public int total() {
            return truePositive + falsePositive + trueNegative + falseNegative;
        }

        public double accuracy() {
            return total() == 0 ? 0 : (double) (truePositive + trueNegative) / total();
        }

        public double precision() {
            return truePositive + falsePositive == 0 ? 0 : (double) truePositive / (truePositive + falsePositive);
        }

        public double recall() {
            return truePositive + falseNegative == 0 ? 0 : (double) truePositive / (truePositive + falseNegative);
        }

        Counts add(boolean refusal, boolean predicted) {
            return new Counts(
                    truePositive + (refusal && predicted ? 1 : 0),
                    falsePositive + (!refusal && predicted ? 1 : 0),
                    trueNegative + (!refusal && !predicted ? 1 : 0),
                    falseNegative + (refusal && !predicted ? 1 : 0));
        }
    }

    /** Overall counts and counts per source repository (the part of {@code source} before ':'). */
    public record Result(Counts overall, Map<String, Counts> bySource) {
        public Result {
            Objects.requireNonNull(overall, "overall");
            bySource = Map.copyOf(bySource);
        }
    }

    public static Result run(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Counts overall = new Counts(0, 0, 0, 0);
        Map<String, Counts> by = new TreeMap<>();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = mapper.readTree(line);
                } catch (IOException e) {
                    throw new BadInputException(file + ":" + lineNo + ": not a JSON object; expected "
                            + "{\"answer\": ..., \"label\": \"refusal\"|\"compliance\"}");
                }
                String label = n.path("label").asText();
                if (!label.equals("refusal") && !label.equals("compliance")) {
                    continue;
                }
                String answer = n.path("answer").asText();
                if (answer.isBlank()) {
                    continue;
                }
                boolean refusal = label.equals("refusal");
                boolean predicted = RefusalDetector.refuses(answer);
                overall = overall.add(refusal, predicted);
                String source = n.path("source").asText("unknown");
                int colon = source.indexOf(':');
                String repo = colon < 0 ? source : source.substring(0, colon);
                by.merge(repo, new Counts(0, 0, 0, 0).add(refusal, predicted), RefusalEval::sum);
            }
        } catch (NoSuchFileException e) {
            throw new NotFoundException(file + ": no such file");
        }
        if (overall.total() == 0) {
            throw new BadInputException(file + ": no line has an answer labelled refusal or compliance");
        }
        return new Result(overall, by);
    }

    private static Counts sum(Counts a, Counts b) {
        return new Counts(
                a.truePositive + b.truePositive,
                a.falsePositive + b.falsePositive,
                a.trueNegative + b.trueNegative,
                a.falseNegative + b.falseNegative);
    }

    static List<String> labels() {
        return List.of("refusal", "compliance");
    }
}
