package org.atlasops.detect.scan;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.correlation.CorrelationRule;

/**
 * Thins correlation alerts: a correlation whose condition holds yields a result at every further event of its group
 * (a flood of 500 requests past a threshold of 300 gives 200 results). Once a correlation has alerted for a group,
 * its next results for that group are held back until the correlation's timespan has passed since that alert. Only
 * alerts are thinned: the engine's results, and the correlations chained on them, are unchanged. Bounded: beyond
 * {@link #MAX_GROUPS} correlation groups, the one alerted on longest ago is forgotten (and may alert again).
 */
final class RepeatSuppression {
    static final int MAX_GROUPS = 100_000;

    /** Correlation and group → time of its last alert, least recently alerted first. */
    private final Map<String, Instant> lastAlert = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_GROUPS;
        }
    };

    private long held;

    /** True when the result should alert; false when it repeats an alert of its group within the timespan. */
    boolean admit(Match.CorrelationMatch m) {
        CorrelationRule rule = m.rule();
        String key = rule.reference().orElse(rule.meta().title()) + '\u0000' + new TreeMap<>(m.groupKey());
        Instant last = lastAlert.get(key);
        if (last != null && !m.time().isBefore(last) && m.time().isBefore(last.plus(rule.timespan()))) {
            held++;
            return false;
        }
        lastAlert.put(key, m.time());
        return true;
    }

    /** Correlation alerts held back so far. */
    long held() {
        return held;
    }
}
