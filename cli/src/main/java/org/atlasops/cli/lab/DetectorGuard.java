package org.atlasops.cli.lab;

import java.util.Locale;
import org.atlasops.detect.prompt.PromptDetector;
import org.atlasops.emulate.lab.Guard;

/**
 * The lab's strongest guard: atlas-ops' own prompt-attack detector (the bundled fast model at its operating point)
 * in front of the lab's model. User messages are judged as typed, documents and tool results as data (so indirect
 * injections count).
 */
public final class DetectorGuard implements Guard {
    private final PromptDetector detector;

    public DetectorGuard(PromptDetector detector) {
        this.detector = detector;
    }

    public static DetectorGuard bundled() {
        return new DetectorGuard(PromptDetector.bundled());
    }

    @Override
    public String name() {
        return "detector";
    }

    @Override
    public Decision check(String text, Source source) {
        PromptDetector.Role role = switch (source) {
            case USER -> PromptDetector.Role.USER;
            case DOCUMENT -> PromptDetector.Role.DOCUMENT;
            case TOOL -> PromptDetector.Role.TOOL;
        };
        PromptDetector.Verdict v = detector.classify(text, role);
        if (!v.attack()) {
            return Decision.ALLOW;
        }
        return Decision.block(String.format(
                Locale.ROOT,
                "prompt detector: %s (score %.2f, %s)",
                v.label(),
                v.score(),
                v.techniques().isEmpty() ? "-" : v.techniques().get(0).value()));
    }
}
