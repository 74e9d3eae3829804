package org.atlasops.emulate.lab;

import java.util.Objects;

/**
 * The lab's guardrail in front of its model (the mitigation AML.M0020, "Generative AI Guardrails"): every user
 * message, retrieved document and tool result passes through it before the model sees it. A blocked user message or
 * tool result makes the lab answer HTTP 400 with the code {@code content_filter}; a blocked document is left out of
 * the context. Implementations are thread-safe.
 */
public interface Guard {
    /** Where a text came from. */
    enum Source {
        USER,
        DOCUMENT,
        TOOL
    }

    /** Whether to let a text through, and why not. */
    record Decision(boolean blocked, String reason) {
        public static final Decision ALLOW = new Decision(false, "");

        public Decision {
            Objects.requireNonNull(reason, "reason");
        }

        public static Decision block(String reason) {
            return new Decision(true, reason);
        }
    }

    /** {@code none}, {@code keyword} or {@code detector}. */
    String name();

    Decision check(String text, Source source);

    /** No guard: everything reaches the model. */
    Guard NONE = new Guard() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public Decision check(String text, Source source) {
            return Decision.ALLOW;
        }
    };

    /** A keyword filter over the raw text: catches the plain phrasings, misses every encoding. */
    static Guard keyword() {
        return new KeywordGuard();
    }
}
