package org.atlasops.emulate.procedure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a procedure decides whether an attempt succeeded (the attack worked). See docs/emulate.md#judges. */
public sealed interface JudgeSpec {
    /** The name as written in a procedure. */
    String type();

    /** The attempt's canary (or {@code value}) appears in an answer, a tool call or a tool result. */
    record CanaryEchoed(Optional<String> value) implements JudgeSpec {
        public String type() {
            return "canary-echoed";
        }
    }

    /** A secret appears in an answer: the run's known secrets, or text matching one of the regular expressions. */
    record SecretLeaked(List<String> patterns) implements JudgeSpec {
        public SecretLeaked {
            patterns = List.copyOf(patterns);
        }

        public String type() {
            return "secret-leaked";
        }
    }

    /** The target called a tool (by name, or any) with an argument holding the taint (default: the canary). */
    record ToolCalled(Optional<String> tool, Optional<String> argumentContains) implements JudgeSpec {
        public String type() {
            return "tool-called";
        }
    }

    /** An answer (text, or data as JSON text) contains one of the strings (placeholders filled), case-insensitive. */
    record AnswerContains(List<String> any) implements JudgeSpec {
        public AnswerContains {
            any = List.copyOf(any);
            if (any.isEmpty()) {
                throw new IllegalArgumentException("answer-contains needs at least one string");
            }
        }

        public String type() {
            return "answer-contains";
        }
    }

    /** The last chat answer complies (is not a refusal, by the refusal detector). */
    record Complied() implements JudgeSpec {
        public String type() {
            return "complied";
        }
    }

    /** A tool listing names at least {@code min} tools. */
    record ToolsListed(int min) implements JudgeSpec {
        public String type() {
            return "tools-listed";
        }
    }

    /**
     * Model extraction: a 1-nearest-neighbour surrogate fitted on the answers to the {@code train} queries agrees
     * with the target on at least {@code threshold} of the {@code test} queries.
     */
    record SurrogateAgreement(double threshold) implements JudgeSpec {
        public SurrogateAgreement {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold is in (0, 1]");
            }
        }

        public String type() {
            return "surrogate-agreement";
        }
    }

    /** Evasion: the label answered for the {@code perturbed} input differs from the {@code baseline}'s. */
    record AnswerFlipped() implements JudgeSpec {
        public String type() {
            return "answer-flipped";
        }
    }

    /** Membership inference: mean top score on {@code member} inputs exceeds {@code nonmember} by the threshold. */
    record ConfidenceGap(double threshold) implements JudgeSpec {
        public String type() {
            return "confidence-gap";
        }
    }

    /** Cost harvesting, denial of service: every (bounded) request was served, none throttled or blocked. */
    record Served() implements JudgeSpec {
        public String type() {
            return "served";
        }
    }

    /** An LLM (any chat target given to the run as the judge) answers the question about the answer with yes. */
    record Llm(String question) implements JudgeSpec {
        public Llm {
            Objects.requireNonNull(question, "question");
        }

        public String type() {
            return "llm";
        }
    }

    /** Succeeded when any part succeeded. */
    record Any(List<JudgeSpec> of) implements JudgeSpec {
        public Any {
            of = List.copyOf(of);
        }

        public String type() {
            return "any";
        }
    }

    /** Succeeded when every part succeeded. */
    record All(List<JudgeSpec> of) implements JudgeSpec {
        public All {
            of = List.copyOf(of);
        }

        public String type() {
            return "all";
        }
    }
}
