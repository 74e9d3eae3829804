package org.atlasops.emulate.judge;

import java.util.Objects;

/** A verdict and the one-line reason for it, e.g. "the canary ATLAS-C-1f2e was echoed in the answer". */
public record Judgement(Verdict verdict, String reason) {
    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    static Judgement succeeded(String reason) {
        return new Judgement(Verdict.SUCCEEDED, reason);
    }

    static Judgement failed(String reason) {
        return new Judgement(Verdict.FAILED, reason);
    }

    static Judgement unscorable(String reason) {
        return new Judgement(Verdict.UNSCORABLE, reason);
    }
}
