package org.atlasops.assess.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.failure.BadInputException;

/**
 * Mean time to detect (earliest evidence to detection) and to respond (detection to containment), with median and
 * 90th percentile (nearest rank), over incidents that started in a period; grouped by technique, tactic (a
 * sub-technique counts under its parent's tactics) and system. An incident with several techniques counts for each.
 */
public final class SocMetrics {
    /** The figures of one group. */
    public record Figures(String group, int incidents, Optional<Stats> detect, Optional<Stats> respond) {
        public Figures {
            Objects.requireNonNull(group, "group");
        }
    }

    /** Mean, median and 90th percentile of some durations, and how many there were. */
    public record Stats(int count, Duration mean, Duration median, Duration p90) {
        static Optional<Stats> of(List<Duration> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            List<Duration> sorted = values.stream().sorted().toList();
            long meanSeconds = Math.round(
                    sorted.stream().mapToLong(Duration::getSeconds).average().orElse(0));
            return Optional.of(
                    new Stats(sorted.size(), Duration.ofSeconds(meanSeconds), rank(sorted, 0.5), rank(sorted, 0.9)));
        }

        private static Duration rank(List<Duration> sorted, double p) {
            int i = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }
    }

    /** Alerts of one technique and how many became incidents. */
    public record AlertFigures(AtlasId technique, int alerts, int becameIncidents) {
        public double share() {
            return alerts == 0 ? 0 : Math.round(1000.0 * becameIncidents / alerts) / 10.0;
        }
    }

    /** Everything, for one period. */
    public record Report(
            Optional<Instant> from,
            Optional<Instant> to,
            Figures overall,
            List<Figures> byTechnique,
            List<Figures> byTactic,
            List<Figures> bySystem,
            List<AlertFigures> alerts,
            int alertCount,
            int alertsThatBecameIncidents) {
        public double incidentShare() {
            return alertCount == 0 ? 0 : Math.round(1000.0 * alertsThatBecameIncidents / alertCount) / 10.0;
        }
    }

    private SocMetrics() {}

    public static Report compute(Timelines t, KnowledgeBase kb, Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            // until is exclusive: a period that ends where it starts, or before, holds no incident by construction
            throw new BadInputException("the period " + from.get().toString().substring(0, 10) + " to "
                    + to.get().toString().substring(0, 10) + " is empty: since must be a day before until; swap them");
        }
        List<IncidentTimeline> in = t.incidents().stream()
                .filter(i -> from.map(f -> !i.started().isBefore(f)).orElse(true))
                .filter(i -> to.map(x -> i.started().isBefore(x)).orElse(true))
                .toList();
        Figures overall = figures("all", in);
        List<Figures> byTechnique = group(
                in, i -> i.techniques().stream().map(AtlasId::value).distinct().toList());
        List<Figures> byTactic = group(in, i -> tactics(kb, i.techniques()));
        List<Figures> bySystem = group(in, i -> i.system().isEmpty() ? List.of("(no system)") : List.of(i.system()));
        List<AlertRecord> alerts = t.alerts().stream()
                .filter(a -> from.map(f -> !a.time().isBefore(f)).orElse(true))
                .filter(a -> to.map(x -> a.time().isBefore(x)).orElse(true))
                .toList();
        Map<AtlasId, int[]> perTechnique = new TreeMap<>();
        for (AlertRecord a : alerts) {
            for (AtlasId id : a.techniques()) {
                int[] c = perTechnique.computeIfAbsent(id, k -> new int[2]);
                c[0]++;
                if (a.incident().isPresent()) {
                    c[1]++;
                }
            }
        }
        List<AlertFigures> alertFigures = new ArrayList<>();
        perTechnique.forEach((id, c) -> alertFigures.add(new AlertFigures(id, c[0], c[1])));
        int became = (int) alerts.stream().filter(a -> a.incident().isPresent()).count();
        return new Report(from, to, overall, byTechnique, byTactic, bySystem, alertFigures, alerts.size(), became);
    }

    private static List<String> tactics(KnowledgeBase kb, List<AtlasId> techniques) {
        List<String> out = new ArrayList<>();
        for (AtlasId id : techniques) {
            Optional<Technique> t = kb.technique(id);
            List<AtlasId> tactics = t.map(Technique::tacticIds).orElse(List.of());
            if (tactics.isEmpty() && id.parent().isPresent()) {
                tactics = kb.technique(id.parent().get())
                        .map(Technique::tacticIds)
                        .orElse(List.of());
            }
            tactics.stream()
                    .map(x -> kb.tactic(x).map(Tactic::name).orElse(x.value()))
                    .filter(n -> !out.contains(n))
                    .forEach(out::add);
        }
        return out;
    }

    private static List<Figures> group(List<IncidentTimeline> in, Function<IncidentTimeline, List<String>> keys) {
        Map<String, List<IncidentTimeline>> groups = new LinkedHashMap<>();
        for (IncidentTimeline i : in) {
            for (String k : keys.apply(i)) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        List<Figures> out = new ArrayList<>();
        new TreeMap<>(groups).forEach((k, list) -> out.add(figures(k, list)));
        return out;
    }

    private static Figures figures(String group, List<IncidentTimeline> list) {
        return new Figures(
                group,
                list.size(),
                Stats.of(list.stream()
                        .map(IncidentTimeline::timeToDetect)
                        .flatMap(Optional::stream)
                        .toList()),
                Stats.of(list.stream()
                        .map(IncidentTimeline::timeToRespond)
                        .flatMap(Optional::stream)
                        .toList()));
    }
}
