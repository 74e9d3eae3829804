package org.atlasops.detect.sigma;

import java.util.List;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.compile.DetectionCompiler;
import org.atlasops.detect.sigma.match.Condition;

/**
 * A Sigma meta-filter: its condition is added to the rules it names with {@code and}, so a filter written
 * {@code condition: not selection} removes the events its selection matches. An empty {@code rules} list applies
 * the filter to every rule its logsource covers.
 */
public final class SigmaFilter {
    private final String title;
    private final String id;
    private final List<String> rules;
    private final Logsource logsource;
    private final Condition condition;
    private final String file;
    private final int line;

    SigmaFilter(
            String title,
            String id,
            List<String> rules,
            Logsource logsource,
            DetectionCompiler.Compiled compiled,
            String file,
            int line) {
        this.title = title;
        this.id = id;
        this.rules = List.copyOf(rules);
        this.logsource = logsource;
        this.condition = compiled.condition();
        this.file = file;
        this.line = line;
    }

    public String title() {
        return title;
    }

    public String id() {
        return id;
    }

    public List<String> rules() {
        return rules;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** Whether the filter names this rule (by id, name or title). */
    boolean appliesTo(SigmaRule.Meta rule, Logsource ruleLogsource) {
        if (rules.isEmpty()) {
            return logsource.covers(ruleLogsource);
        }
        for (String r : rules) {
            if (r.equals(rule.id()) || r.equals(rule.name()) || r.equals(rule.title())) {
                return true;
            }
        }
        return false;
    }

    /** True when the event may still alert. */
    boolean passes(EvaluationContext e) {
        return condition.eval(e);
    }
}
