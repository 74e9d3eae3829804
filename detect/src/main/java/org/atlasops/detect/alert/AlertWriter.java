package org.atlasops.detect.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Alerts as one JSON object per line: atlas-ops's own shape (documented in docs/detect.md), an OCSF 1.3 Detection
 * Finding (class 2004), or ECS 8 fields.
 */
public final class AlertWriter {
    public enum Format {
        JSON,
        OCSF,
        ECS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertWriter() {}

    public static String line(Alert a, Format format) {
        ObjectNode n = switch (format) {
            case JSON -> own(a);
            case OCSF -> ocsf(a);
            case ECS -> ecs(a);
        };
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode own(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", a.kind());
        n.put("rule_id", a.ruleId());
        n.put("rule_title", a.ruleTitle());
        n.put("level", a.level());
        named(n.putArray("techniques"), a.techniques());
        named(n.putArray("tactics"), a.tactics());
        n.put("atlas_release", a.atlasRelease());
        n.put("time", a.time().toString());
        ObjectNode fields = n.putObject("matched_fields");
        a.matchedFields().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> fields.put(e.getKey(), e.getValue()));
        ArrayNode sources = n.putArray("source");
        for (Alert.Source s : a.sources()) {
            sources.addObject().put("file", s.file()).put("line", s.line());
        }
        ArrayNode times = n.putArray("event_times");
        a.eventTimes().forEach(t -> times.add(t.toString()));
        if (a.kind().equals("correlation")) {
            ObjectNode key = n.putObject("group_key");
            a.groupKey().forEach(key::put);
            a.aggregatedValue().ifPresent(v -> n.put("aggregated_value", v));
            n.put("events", a.sources().size());
        }
        ArrayNode tags = n.putArray("tags");
        a.tags().forEach(tags::add);
        n.put("rule_file", a.ruleFile());
        return n;
    }

    private static void named(ArrayNode into, java.util.List<Alert.Named> items) {
        for (Alert.Named t : items) {
            into.addObject().put("id", t.id().value()).put("name", t.name());
        }
    }

    static int severityId(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "informational" -> 1;
            case "low" -> 2;
            case "high" -> 4;
            case "critical" -> 5;
            default -> 3;
        };
    }

    static ObjectNode ocsf(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("class_uid", 2004)
                .put("class_name", "Detection Finding")
                .put("category_uid", 2)
                .put("category_name", "Findings")
                .put("activity_id", 1)
                .put("activity_name", "Create")
                .put("type_uid", 200401)
                .put("severity_id", severityId(a.level()))
                .put("severity", capitalise(a.level()))
                .put("status_id", 1)
                .put("status", "New")
                .put("time", a.time().toEpochMilli());
        ObjectNode meta = n.putObject("metadata");
        meta.put("version", "1.3.0");
        meta.putObject("product").put("name", "atlas-ops").put("vendor_name", "atlas-ops");
        ObjectNode info = n.putObject("finding_info");
        info.put(
                "uid",
                (a.ruleId() == null ? a.ruleTitle() : a.ruleId()) + ":"
                        + a.time().toEpochMilli());
        info.put("title", a.ruleTitle());
        info.putObject("analytic")
                .put("name", a.ruleTitle())
                .put("uid", a.ruleId())
                .put("type_id", 1)
                .put("type", "Rule");
        ArrayNode attacks = info.putArray("attacks");
        for (Alert.Named t : a.techniques()) {
            ObjectNode attack = attacks.addObject();
            attack.putObject("technique").put("uid", t.id().value()).put("name", t.name());
            if (!a.tactics().isEmpty()) {
                Alert.Named tactic = a.tactics().get(0);
                attack.putObject("tactic").put("uid", tactic.id().value()).put("name", tactic.name());
            }
            attack.put("version", "ATLAS " + a.atlasRelease());
        }
        ArrayNode evidences = n.putArray("evidences");
        for (Alert.Source s : a.sources()) {
            evidences.addObject().putObject("data").put("file", s.file()).put("line", s.line());
        }
        ObjectNode unmapped = n.putObject("unmapped");
        a.matchedFields().forEach(unmapped::put);
        a.groupKey().forEach((k, v) -> unmapped.put("group." + k, v));
        return n;
    }

    static ObjectNode ecs(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("@timestamp", a.time().toString());
        n.putObject("ecs").put("version", "8.11.0");
        ObjectNode event = n.putObject("event");
        event.put("kind", "alert")
                .put("severity", severityId(a.level()))
                .put("module", "atlas-ops")
                .putArray("category")
                .add("intrusion_detection");
        n.putObject("rule")
                .put("id", a.ruleId())
                .put("name", a.ruleTitle())
                .put("ruleset", "sigma")
                .put("reference", a.ruleFile());
        ObjectNode threat = n.putObject("threat");
        threat.put("framework", "MITRE ATLAS");
        ObjectNode technique = threat.putObject("technique");
        ArrayNode tid = technique.putArray("id");
        ArrayNode tname = technique.putArray("name");
        a.techniques().forEach(t -> {
            tid.add(t.id().value());
            tname.add(t.name());
        });
        ObjectNode tactic = threat.putObject("tactic");
        ArrayNode aid = tactic.putArray("id");
        ArrayNode aname = tactic.putArray("name");
        a.tactics().forEach(t -> {
            aid.add(t.id().value());
            aname.add(t.name());
        });
        if (!a.sources().isEmpty()) {
            n.putObject("log").putObject("file").put("path", a.sources().get(0).file());
        }
        ObjectNode labels = n.putObject("labels");
        labels.put("atlas_release", a.atlasRelease());
        a.matchedFields().forEach((k, v) -> labels.put("matched." + k, v));
        return n;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
