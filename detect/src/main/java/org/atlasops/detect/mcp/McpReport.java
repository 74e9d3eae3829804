package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scan's results as JSON (our own shape) and as SARIF 2.1.0 for CI systems and code-scanning dashboards. */
public final class McpReport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private McpReport() {}

    public static ObjectNode json(List<McpInventory> inventories, List<McpFinding> findings, String atlasRelease) {
        ObjectNode n = F.objectNode().put("atlas_release", atlasRelease);
        ArrayNode servers = n.putArray("servers");
        for (McpInventory inv : inventories) {
            ObjectNode s = servers.addObject()
                    .put("name", inv.server().name())
                    .put("client", inv.server().client())
                    .put("config", inv.server().source().toString())
                    .put("transport", inv.server().transport().toString())
                    .put("tools", inv.tools().size())
                    .put("prompts", inv.prompts().size())
                    .put("resources", inv.resources().size());
            inv.serverVersion().ifPresent(v -> s.put("server", v));
            inv.error().ifPresent(e -> s.put("error", e));
        }
        ArrayNode list = n.putArray("findings");
        for (McpFinding f : findings) {
            ObjectNode o = list.addObject()
                    .put("kind", f.kind().label())
                    .put("severity", f.severity().label())
                    .put("server", f.server());
            f.tool().ifPresent(t -> o.put("tool", t));
            ArrayNode techniques = o.withArray("techniques");
            f.techniques().forEach(t -> techniques.add(t.value()));
            o.put("title", f.title());
            f.evidence().forEach(o.withArray("evidence")::add);
        }
        return n;
    }

    public static ObjectNode sarif(List<McpFinding> findings, String toolVersion) {
        ObjectNode root =
                F.objectNode().put("version", "2.1.0").put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool")
                .putObject("driver")
                .put("name", "atlas-ops mcp scan")
                .put("version", toolVersion)
                .put("informationUri", "https://atlas.mitre.org");
        Map<McpFinding.Kind, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (McpFinding f : findings) {
            ruleIndex.computeIfAbsent(f.kind(), k -> {
                rules.addObject()
                        .put("id", k.label())
                        .putObject("shortDescription")
                        .put("text", k.label().replace('-', ' '));
                return rules.size() - 1;
            });
        }
        ArrayNode results = run.putArray("results");
        for (McpFinding f : findings) {
            ObjectNode r = results.addObject()
                    .put("ruleId", f.kind().label())
                    .put("ruleIndex", ruleIndex.get(f.kind()))
                    .put(
                            "level",
                            switch (f.severity()) {
                                case CRITICAL, HIGH -> "error";
                                case MEDIUM -> "warning";
                                case LOW -> "note";
                            });
            r.putObject("message")
                    .put(
                            "text",
                            f.server() + f.tool().map(t -> "/" + t).orElse("") + ": " + f.title()
                                    + (f.evidence().isEmpty() ? "" : "\n" + String.join("\n", f.evidence())));
            ObjectNode loc = r.putArray("locations").addObject();
            loc.putArray("logicalLocations")
                    .addObject()
                    .put("name", f.tool().orElse(f.server()))
                    .put(
                            "fullyQualifiedName",
                            f.server() + f.tool().map(t -> "/" + t).orElse(""))
                    .put("kind", f.tool().isPresent() ? "function" : "module");
            ObjectNode props =
                    r.putObject("properties").put("severity", f.severity().label());
            ArrayNode techniques = props.withArray("atlas_techniques");
            f.techniques().forEach(t -> techniques.add(t.value()));
        }
        return root;
    }
}
