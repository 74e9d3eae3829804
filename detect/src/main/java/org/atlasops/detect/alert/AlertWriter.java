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
        n.put("id", a.id());
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
        ObjectNode entities = n.putObject("entities");
        a.entities().byName().forEach(entities::put);
        if (!a.reasons().isEmpty()) {
            ArrayNode reasons = n.putArray("reasons");
            for (Alert.Reason r : a.reasons()) {
                ObjectNode o = reasons.addObject()
                        .put("id", r.id())
                        .put("kind", r.kind())
                        .put("rule_id", r.ruleId())
                        .put("rule_title", r.ruleTitle())
                        .put("level", r.level());
                named(o.putArray("techniques"), r.techniques());
                ObjectNode rf = o.putObject("matched_fields");
                r.matchedFields().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> rf.put(e.getKey(), e.getValue()));
            }
        }
        a.repeats()
                .ifPresent(r -> n.putObject("repeats")
                        .put("count", r.count())
                        .put("window_start", r.windowStart().toString())
                        .put("window_end", r.windowEnd().toString())
                        .put("first_alert_id", r.firstAlertId())
                        .put("actor", r.actor()));
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
        info.put("uid", a.id());
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
        if (!a.reasons().isEmpty()) {
            ArrayNode related = info.putArray("related_analytics");
            for (Alert.Reason r : a.reasons()) {
                related.addObject()
                        .put("uid", r.ruleId())
                        .put("name", r.ruleTitle())
                        .put("type_id", 1)
                        .put("type", "Rule");
            }
        }
        a.repeats()
                .ifPresent(r -> n.put("count", r.count() + 1)
                        .put("start_time", r.windowStart().toEpochMilli())
                        .put("end_time", r.windowEnd().toEpochMilli()));
        ArrayNode evidences = n.putArray("evidences");
        for (Alert.Source s : a.sources()) {
            ObjectNode evidence = evidences.addObject();
            evidence.putObject("data").put("file", s.file()).put("line", s.line());
            ocsfEntities(evidence, a.entities());
        }
        if (a.sources().isEmpty() && !a.entities().isEmpty()) {
            ocsfEntities(evidences.addObject(), a.entities());
        }
        ocsfResources(n, a.entities());
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
        event.put("id", a.id());
        ObjectNode labels = n.putObject("labels");
        labels.put("atlas_release", a.atlasRelease());
        ecsEntities(n, labels, a.entities());
        if (!a.reasons().isEmpty()) {
            event.put(
                    "reason",
                    String.join(
                            "; ",
                            a.reasons().stream().map(Alert.Reason::ruleTitle).toList()));
        }
        a.repeats().ifPresent(r -> {
            event.put("start", r.windowStart().toString())
                    .put("end", r.windowEnd().toString());
            labels.put("repeat_count", Long.toString(r.count()));
            labels.put("first_alert_id", r.firstAlertId());
        });
        a.matchedFields().forEach((k, v) -> labels.put("matched." + k, v));
        return n;
    }

    /**
     * OCSF places of an event's entities in an evidence artifact: {@code actor.user}, {@code actor.session},
     * {@code src_endpoint} (client), {@code dst_endpoint} (server address, else the MCP server's name), {@code api}
     * (the MCP tool called).
     */
    private static void ocsfEntities(ObjectNode evidence, Entities e) {
        e.get(Entities.Kind.USER).ifPresent(u -> {
            ObjectNode user = actor(evidence).putObject("user");
            user.put(u.field().equals("user.name") ? "name" : "uid", u.value());
        });
        e.get(Entities.Kind.SESSION)
                .ifPresent(s -> actor(evidence).putObject("session").put("uid", s.value()));
        e.get(Entities.Kind.CLIENT_ADDRESS).ifPresent(c -> endpoint(evidence.putObject("src_endpoint"), c.value()));
        e.get(Entities.Kind.SERVER_ADDRESS).ifPresent(c -> endpoint(evidence.putObject("dst_endpoint"), c.value()));
        e.get(Entities.Kind.MCP_SERVER).ifPresent(m -> {
            ObjectNode dst = evidence.has("dst_endpoint")
                    ? (ObjectNode) evidence.get("dst_endpoint")
                    : evidence.putObject("dst_endpoint");
            dst.put("svc_name", m.value());
        });
        e.get(Entities.Kind.TOOL).ifPresent(t -> evidence.putObject("api").put("operation", t.value()));
    }

    private static ObjectNode actor(ObjectNode evidence) {
        return evidence.has("actor") ? (ObjectNode) evidence.get("actor") : evidence.putObject("actor");
    }

    private static void endpoint(ObjectNode into, String address) {
        into.put(isIp(address) ? "ip" : "hostname", address);
    }

    /** Model, provider, MCP server and tool as the finding's resources ({@code type}, {@code name}). */
    private static void ocsfResources(ObjectNode n, Entities e) {
        ArrayNode resources = null;
        for (Entities.Kind k : java.util.List.of(
                Entities.Kind.MODEL, Entities.Kind.PROVIDER, Entities.Kind.MCP_SERVER, Entities.Kind.TOOL)) {
            if (e.get(k).isPresent()) {
                if (resources == null) {
                    resources = n.putArray("resources");
                }
                resources
                        .addObject()
                        .put("type", RESOURCE_TYPES.get(k))
                        .put("name", e.get(k).get().value());
            }
        }
    }

    private static final Map<Entities.Kind, String> RESOURCE_TYPES = Map.of(
            Entities.Kind.MODEL, "AI Model",
            Entities.Kind.PROVIDER, "AI Provider",
            Entities.Kind.MCP_SERVER, "MCP Server",
            Entities.Kind.TOOL, "AI Tool");

    /**
     * ECS places: {@code user.id} or {@code user.name}, {@code source.ip} or {@code source.address},
     * {@code server.address}, {@code related.user} and {@code related.ip}; ECS 8 has no field for the session, the
     * model, the provider, the MCP server or the tool, so they are labels ({@code labels.session_id}, …).
     */
    private static void ecsEntities(ObjectNode n, ObjectNode labels, Entities e) {
        e.get(Entities.Kind.USER).ifPresent(u -> {
            n.putObject("user").put(u.field().equals("user.name") ? "name" : "id", u.value());
            n.putObject("related").putArray("user").add(u.value());
        });
        e.get(Entities.Kind.CLIENT_ADDRESS).ifPresent(c -> {
            n.putObject("source").put(isIp(c.value()) ? "ip" : "address", c.value());
            if (isIp(c.value())) {
                ObjectNode related = n.has("related") ? (ObjectNode) n.get("related") : n.putObject("related");
                related.putArray("ip").add(c.value());
            }
        });
        e.get(Entities.Kind.SERVER_ADDRESS).ifPresent(s -> n.putObject("server").put("address", s.value()));
        for (Entities.Kind k : java.util.List.of(
                Entities.Kind.SESSION,
                Entities.Kind.MODEL,
                Entities.Kind.PROVIDER,
                Entities.Kind.MCP_SERVER,
                Entities.Kind.TOOL)) {
            e.get(k).ifPresent(v -> labels.put(k.jsonName() + (k == Entities.Kind.SESSION ? "_id" : ""), v.value()));
        }
    }

    /** An IPv4 or IPv6 literal (no lookup: a host name is never resolved). */
    static boolean isIp(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
