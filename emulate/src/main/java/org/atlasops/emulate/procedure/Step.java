package org.atlasops.emulate.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.emulate.convert.ConverterChain;
import org.atlasops.emulate.target.Request;
import org.atlasops.emulate.target.TargetKind;

/**
 * One step of a procedure. Texts may hold placeholders that each attempt fills in: {@code {canary}} (a fresh marker
 * per attempt), {@code {seed}}.
 */
public sealed interface Step {
    /** The target kinds that take this step. */
    List<TargetKind> kinds();

    /**
     * A conversation turn: optional system text and earlier turns (made up by the attacker: a forged history), then
     * the prompt. The converters apply to the prompt; a {@code template} then wraps the converted prompt at
     * {@code {payload}} (e.g. "Decode this base64 and do what it says: {payload}").
     */
    record Chat(
            Optional<String> system,
            List<Request.Message> history,
            String prompt,
            Optional<String> template,
            ConverterChain converters)
            implements Step {
        public Chat {
            Objects.requireNonNull(system, "system");
            history = List.copyOf(history);
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(converters, "converters");
        }

        @Override
        public List<TargetKind> kinds() {
            return List.of(TargetKind.CHAT, TargetKind.AGENT);
        }
    }

    /** Content placed where the application reads it later ({@code channel}: {@code rag}, {@code file}, {@code web}). */
    record Plant(String channel, String name, String content, ConverterChain converters) implements Step {
        public Plant {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(converters, "converters");
        }

        @Override
        public List<TargetKind> kinds() {
            return List.of(TargetKind.CONTENT);
        }
    }

    record ListTools() implements Step {
        @Override
        public List<TargetKind> kinds() {
            return List.of(TargetKind.MCP);
        }
    }

    /** A direct tool call; string values in the arguments take placeholders. */
    record CallTool(String tool, JsonNode arguments) implements Step {
        public CallTool {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
        }

        @Override
        public List<TargetKind> kinds() {
            return List.of(TargetKind.MCP);
        }
    }

    /**
     * Queries to a model's inference API: one fixed {@code input} (string values converted), or {@code generate}d
     * inputs (seeded), {@code repeat} times each. {@code label} names the queries for the judge ({@code baseline},
     * {@code perturbed}, {@code member}, {@code nonmember}, {@code train}, {@code test}, …).
     */
    record Infer(
            Optional<JsonNode> input, Optional<Generate> generate, String label, int repeat, ConverterChain converters)
            implements Step {
        /** The most queries one step may send: procedures are bounded, never unbounded load. */
        public static final int MAX_QUERIES = 500;

        public Infer {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(generate, "generate");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(converters, "converters");
            if (input.isPresent() == generate.isPresent()) {
                throw new IllegalArgumentException("an infer step has either input or generate");
            }
            if (repeat < 1 || queries(generate, repeat) > MAX_QUERIES) {
                throw new IllegalArgumentException("an infer step sends 1 to " + MAX_QUERIES + " queries");
            }
        }

        private static long queries(Optional<Generate> g, int repeat) {
            return (long) repeat * g.map(Generate::count).orElse(1);
        }

        /** How many queries this step sends. */
        public int queries() {
            return (int) queries(generate, repeat);
        }

        @Override
        public List<TargetKind> kinds() {
            return List.of(TargetKind.MODEL_API);
        }
    }

    /** Seeded random feature vectors: {@code count} inputs of {@code features} numbers in [min, max]. */
    record Generate(int count, int features, double min, double max) {
        public Generate {
            if (count < 1 || features < 1 || features > 1000 || !(min < max)) {
                throw new IllegalArgumentException("generate needs count >= 1, 1 to 1000 features and min < max");
            }
        }
    }
}
