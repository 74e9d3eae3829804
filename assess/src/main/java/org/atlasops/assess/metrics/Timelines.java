package org.atlasops.assess.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atlasops.assess.AtlasIds;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * A timeline record (YAML or JSON): {@code incidents[{id, system, techniques, started, detected, responded}]} and
 * {@code alerts[{id, time, system, techniques, incident}]}, times in ISO 8601 with an offset. The shape the incident
 * register's export will have; checked against the release, every flaw with file, line and field.
 */
public record Timelines(List<IncidentTimeline> incidents, List<AlertRecord> alerts, String source) {
    public Timelines {
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
    }

    /**
     * The same incidents with these alerts instead of the ones they came with: each alert became the incident that
     * links its id (an alert of this record's, or of the register, with an incident), else none. An alert id given
     * twice (overlapping scans) counts once. So the share of alerts that became incidents is over every alert, not
     * only over those an incident names.
     */
    public Timelines withAlerts(List<AlertRecord> all) {
        java.util.Map<String, String> linked = new java.util.HashMap<>();
        alerts.forEach(a -> a.incident().ifPresent(i -> linked.putIfAbsent(a.id(), i)));
        java.util.Map<String, AlertRecord> byId = new java.util.LinkedHashMap<>();
        for (AlertRecord a : all) {
            byId.putIfAbsent(
                    a.id(),
                    new AlertRecord(
                            a.id(),
                            a.time(),
                            a.system(),
                            a.techniques(),
                            a.incident().or(() -> Optional.ofNullable(linked.get(a.id())))));
        }
        return new Timelines(incidents, List.copyOf(byId.values()), source);
    }

    /** The ids of the alerts that incidents link, for saying which of them the alert files lack. */
    public java.util.Set<String> linkedAlertIds() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        alerts.forEach(a -> a.incident().ifPresent(i -> out.add(a.id())));
        return out;
    }

    public static Timelines read(Path file, KnowledgeBase kb) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(name + ": " + (Files.isDirectory(file) ? "is a folder" : "no such file")
                    + "; give a timeline file (YAML or JSON, docs/assess.md)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        if (text.isBlank() || text.indexOf('\0') >= 0) {
            throw new BadInputException(
                    name + ":1:1: not a timeline file (empty or binary); docs/assess.md shows the format");
        }
        return parse(YamlTree.parse(new java.io.StringReader(text), name), kb);
    }

    static Timelines parse(YNode root, KnowledgeBase kb) {
        if (!(root instanceof YNode.YMap map)) {
            throw bad(root, "", "expected a map with incidents and alerts, found " + root.kind());
        }
        List<IncidentTimeline> incidents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<YNode> items = list(map.get("incidents"), "incidents");
        for (int i = 0; i < items.size(); i++) {
            String f = "incidents[" + i + "]";
            YNode.YMap m = asMap(items.get(i), f);
            String id = text(m, "id", f).orElseThrow(() -> bad(m, f + ".id", "missing"));
            if (!ids.add(id)) {
                throw bad(m.get("id").get(), f + ".id", "'" + id + "' is listed twice");
            }
            Instant started = time(m, "started", f)
                    .orElseThrow(() -> bad(m, f + ".started", "missing; the time of the earliest evidence"));
            Optional<Instant> detected = time(m, "detected", f);
            Optional<Instant> responded = time(m, "responded", f);
            if (detected.isPresent() && detected.get().isBefore(started)) {
                throw bad(m.get("detected").get(), f + ".detected", "is before started");
            }
            if (responded.isPresent() && (detected.isEmpty() || responded.get().isBefore(detected.get()))) {
                throw bad(
                        m.get("responded").get(),
                        f + ".responded",
                        detected.isEmpty() ? "needs detected" : "is before detected");
            }
            incidents.add(new IncidentTimeline(
                    id,
                    text(m, "system", f).orElse(""),
                    techniques(m, f, kb),
                    started,
                    detected,
                    responded,
                    m.pos().line()));
        }
        List<AlertRecord> alerts = new ArrayList<>();
        List<YNode> alertItems = list(map.get("alerts"), "alerts");
        for (int i = 0; i < alertItems.size(); i++) {
            String f = "alerts[" + i + "]";
            YNode.YMap m = asMap(alertItems.get(i), f);
            String id = text(m, "id", f).orElse(String.valueOf(i + 1));
            Instant time = time(m, "time", f).orElseThrow(() -> bad(m, f + ".time", "missing"));
            Optional<String> incident = text(m, "incident", f);
            if (incident.isPresent() && !ids.contains(incident.get())) {
                throw bad(
                        m.get("incident").get(),
                        f + ".incident",
                        "'" + incident.get() + "' is not an incident of this file");
            }
            alerts.add(new AlertRecord(id, time, text(m, "system", f).orElse(""), techniques(m, f, kb), incident));
        }
        return new Timelines(incidents, alerts, root.pos().file());
    }

    private static List<AtlasId> techniques(YNode.YMap m, String f, KnowledgeBase kb) {
        List<AtlasId> out = new ArrayList<>();
        for (YNode n : list(m.get("techniques"), f + ".techniques")) {
            String t = n instanceof YNode.YScalar s && s.value() != null
                    ? s.value().strip()
                    : "";
            Optional<String> wrong = AtlasIds.problem(kb, t, ObjectType.TECHNIQUE);
            if (wrong.isPresent()) {
                throw bad(n, f + ".techniques", wrong.get());
            }
            out.add(AtlasId.parse(t));
        }
        return out;
    }

    private static YNode.YMap asMap(YNode n, String f) {
        if (n instanceof YNode.YMap m) {
            return m;
        }
        throw bad(n, f, "expected a map, found " + n.kind());
    }

    private static List<YNode> list(Optional<YNode> n, String f) {
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof YNode.YList l) {
            return l.items();
        }
        throw bad(n.get(), f, "expected a list, found " + n.get().kind());
    }

    private static Optional<String> text(YNode.YMap m, String key, String f) {
        Optional<YNode> n = m.get(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof YNode.YScalar s && s.value() != null) {
            return Optional.of(s.value().strip());
        }
        throw bad(n.get(), f + "." + key, "expected a value, found " + n.get().kind());
    }

    private static Optional<Instant> time(YNode.YMap m, String key, String f) {
        Optional<String> t = text(m, key, f);
        try {
            return t.map(x -> OffsetDateTime.parse(x.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException e) {
            throw bad(
                    m.get(key).get(),
                    f + "." + key,
                    "'" + t.get() + "' is not a time with an offset, like 2026-11-30T10:15:00Z");
        }
    }

    private static AtlasDataException bad(YNode at, String field, String message) {
        return new AtlasDataException(at.pos() + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }
}
