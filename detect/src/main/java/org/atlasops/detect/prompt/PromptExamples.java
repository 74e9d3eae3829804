package org.atlasops.detect.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.accuracy.Example;
import org.atlasops.detect.accuracy.ExampleFormat;
import org.atlasops.detect.accuracy.Judge;
import org.atlasops.detect.accuracy.Judgement;
import org.atlasops.detect.accuracy.Trainer;

/**
 * The prompt detector as the accuracy evaluation sees it: labelled records ({@code text}, {@code label} benign,
 * injection or jailbreak, optional {@code role}), the detector as a judge, and training as a trainer (the one the
 * bundled model comes from, leaving out {@link PromptTrainer#CONTEXT_DEPENDENT_SOURCES}).
 */
public final class PromptExamples {
    private PromptExamples() {}

    /** What the detector reads: the text, where it came from, and the application's own instructions if known. */
    public record Input(String text, PromptDetector.Role role, Optional<String> system) {
        public Input {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(system, "system");
        }

        /** A text without the application's instructions. */
        public Input(String text, PromptDetector.Role role) {
            this(text, role, Optional.empty());
        }
    }

    /**
     * Prompt records: {@code text} (required), {@code label}, optional {@code role} (user, document, tool) and
     * optional {@code system} (the application's own instructions, a string).
     */
    public static final ExampleFormat<Input> FORMAT = new ExampleFormat<>() {
        @Override
        public String what() {
            return "a prompt record";
        }

        @Override
        public List<String> labels() {
            return List.of(PromptModel.CLASSES);
        }

        @Override
        public boolean attack(String label) {
            return !label.equals(PromptModel.CLASSES[0]);
        }

        @Override
        public Input item(JsonNode record) {
            if (!record.path("text").isTextual()) {
                throw new IllegalArgumentException("needs a \"text\" string");
            }
            JsonNode system = record.get("system");
            if (system != null && !system.isNull() && !system.isTextual()) {
                throw new IllegalArgumentException("\"system\" must be a string (the application's instructions)");
            }
            return new Input(
                    record.get("text").asText(),
                    PromptDetector.Role.parse(record.path("role").asText("")),
                    system == null || system.isNull() ? Optional.empty() : Optional.of(system.asText()));
        }

        @Override
        public String text(Input item) {
            return item.text();
        }
    };

    private record Prepared(Features features, double cueScore) {}

    /** The model path ({@link MeaningDetector}) as the evaluation sees it. */
    public static Judge<Input> judge(MeaningDetector detector) {
        return new Judge<>() {
            @Override
            public Judgement judge(Input item) {
                PromptDetector.Verdict v = detector.classify(item.text(), item.role(), item.system());
                return new Judgement(v.score(), v.attack(), v.label());
            }

            @Override
            public double threshold() {
                return detector.threshold();
            }
        };
    }

    public static Judge<Input> judge(PromptDetector detector) {
        return new Judge<>() {
            @Override
            public Judgement judge(Input item) {
                PromptDetector.Verdict v = detector.classify(item.text(), item.role(), item.system());
                return new Judgement(v.score(), v.attack(), v.label());
            }

            @Override
            public double threshold() {
                return detector.threshold();
            }
        };
    }

    /**
     * Trains the detector as {@link PromptTrainer} trains the bundled model (operating point: at most
     * {@code maxFpr} of benign training texts flagged in cross-validation). Each text's features are computed once
     * and kept for the trainer's life, so leave-one-source-out does not recompute them in every fold.
     */
    public static Trainer<Input> trainer(double maxFpr) {
        Map<Example<Input>, Prepared> cache = new IdentityHashMap<>();
        return examples -> {
            List<Features> feats = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Double> cues = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (Example<Input> e : examples) {
                if (PromptTrainer.CONTEXT_DEPENDENT_SOURCES.stream()
                        .anyMatch(s -> e.source().startsWith(s))) {
                    continue;
                }
                Prepared p = cache.computeIfAbsent(e, x -> {
                    List<AttackCues.Hit> hits = AttackCues.find(x.item().text());
                    return new Prepared(Features.of(x.item().text(), hits), AttackCues.score(hits));
                });
                feats.add(p.features());
                cues.add(p.cueScore());
                texts.add(e.item().text());
                labels.add(List.of(PromptModel.CLASSES).indexOf(e.label()));
                groups.add(e.sourceGroup());
            }
            PromptModel m = PromptTrainer.train(
                    feats,
                    texts,
                    cues.stream().mapToDouble(Double::doubleValue).toArray(),
                    labels.stream().mapToInt(Integer::intValue).toArray(),
                    groups.toArray(String[]::new),
                    maxFpr);
            return judge(new PromptDetector(m, m.threshold()));
        };
    }
}
