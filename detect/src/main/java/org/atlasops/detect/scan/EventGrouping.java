package org.atlasops.detect.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertIds;

/**
 * {@code --group-by event}: the alerts one event raised (rules, analyzers, canaries) become one alert of kind
 * {@code event} with every reason; a single alert and correlation alerts (which are about many events) pass as they
 * are. The grouped alert takes the highest level, the union of techniques, tactics, tags and matched fields (the
 * first alert's value wins for a field two of them matched), the event's source, time and entities, and an id made
 * of the ids of its reasons, so it is as stable as they are.
 */
final class EventGrouping {
    static final String KIND = "event";
    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private EventGrouping() {}

    /** The alerts of one event, grouped. */
    static List<Alert> group(List<Alert> alertsOfOneEvent) {
        List<Alert> single = new ArrayList<>();
        List<Alert> rest = new ArrayList<>();
        for (Alert a : alertsOfOneEvent) {
            (a.kind().equals("correlation") ? rest : single).add(a);
        }
        if (single.size() < 2) {
            return alertsOfOneEvent;
        }
        List<Alert> out = new ArrayList<>(rest.size() + 1);
        out.add(merge(single));
        out.addAll(rest);
        return out;
    }

    private static Alert merge(List<Alert> alerts) {
        Alert first = alerts.get(0);
        Set<Alert.Named> techniques = new LinkedHashSet<>();
        Set<Alert.Named> tactics = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        String level = first.level();
        for (Alert a : alerts) {
            techniques.addAll(a.techniques());
            tactics.addAll(a.tactics());
            tags.addAll(a.tags());
            a.matchedFields().forEach(fields::putIfAbsent);
            ids.add(a.id());
            titles.add(a.ruleTitle());
            if (LEVELS.indexOf(a.level()) > LEVELS.indexOf(level)) {
                level = a.level();
            }
        }
        List<String> idParts = new ArrayList<>(List.of(KIND));
        idParts.addAll(ids.stream().sorted().toList());
        return new Alert(
                KIND,
                null,
                alerts.size() + " detections on one event: " + String.join("; ", titles),
                level,
                List.copyOf(techniques),
                List.copyOf(tactics),
                first.atlasRelease(),
                List.copyOf(tags),
                fields,
                first.sources(),
                first.eventTimes(),
                first.time(),
                Map.of(),
                Optional.empty(),
                "grouped",
                AlertIds.of(idParts),
                first.entities(),
                alerts.stream().map(Alert::asReason).toList(),
                Optional.empty());
    }
}
