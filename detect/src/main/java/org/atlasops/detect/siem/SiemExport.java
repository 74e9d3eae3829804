package org.atlasops.detect.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.atlasops.detect.sigma.SigmaException;
import org.atlasops.detect.sigma.YamlDocuments;

/**
 * Sigma rules as SIEM queries. Each detection rule of each document converts to one query for the target, or is
 * listed with the reason it cannot be (see docs/detect.md, "Export to SIEMs", for the forms and field mapping per
 * target). Correlation rules are always listed: they need a target's own aggregation searches. Written from the
 * query languages' documentation; no converter code from elsewhere.
 */
public final class SiemExport {
    /** The query languages. */
    public enum Target {
        /** Splunk SPL: a search, then {@code | regex} or {@code | where} for regular expressions. */
        SPLUNK("index=ai_telemetry"),
        /** Elastic ES|QL: {@code FROM index | WHERE …}. */
        ESQL("ai-telemetry"),
        /** Microsoft Sentinel (Kusto) KQL: {@code Table | where …}. */
        KQL("AiTelemetry");

        private final String defaultSource;

        Target(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        /** Where the events are when no source is given (a placeholder to replace with your own). */
        public String defaultSource() {
            return defaultSource;
        }

        /** {@code splunk}, {@code esql}, {@code kql}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule file's text and the name it is reported by. */
    public record RuleText(String file, String yaml) {
        public RuleText {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(yaml, "yaml");
        }
    }

    /** A rule that converted. */
    public record Converted(String ruleId, String title, String file, String query) {
        public Converted {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(query, "query");
        }
    }

    /** A rule that did not, and why. */
    public record NotConverted(String ruleId, String title, String file, String reason) {
        public NotConverted {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Every rule document, converted or not, in file order. */
    public record Result(Target target, List<Converted> converted, List<NotConverted> notConverted) {
        public Result {
            Objects.requireNonNull(target, "target");
            converted = List.copyOf(converted);
            notConverted = List.copyOf(notConverted);
        }
    }

    private SiemExport() {}

    /**
     * Converts every rule document of the files.
     *
     * @param source the index (Splunk: the leading search terms, e.g. {@code index=llm}), index pattern or table
     * @throws SigmaException when a file is not YAML
     */
    public static Result export(List<RuleText> files, Target target, String source) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        List<Converted> ok = new ArrayList<>();
        List<NotConverted> not = new ArrayList<>();
        for (RuleText f : files) {
            for (JsonNode doc : YamlDocuments.read(f.yaml(), f.file())) {
                if (!doc.isObject() || doc.path("action").isTextual()) {
                    continue; // a collection's global or reset document, not a rule
                }
                String title = doc.path("title").asText("(untitled)");
                String id = doc.path("id").asText(doc.path("name").asText(""));
                if (doc.has("correlation")) {
                    not.add(new NotConverted(id, title, f.file(), correlationReason(doc.get("correlation"))));
                    continue;
                }
                if (doc.has("filter")) {
                    not.add(new NotConverted(
                            id, title, f.file(), "a Sigma filter: apply it to the rules it names before exporting"));
                    continue;
                }
                try {
                    Expr e = Sigma.detection(doc.get("detection"));
                    ok.add(new Converted(id, title, f.file(), Render.query(target, source, e)));
                } catch (Sigma.Unsupported u) {
                    not.add(new NotConverted(id, title, f.file(), u.getMessage()));
                }
            }
        }
        return new Result(target, ok, not);
    }

    private static String correlationReason(JsonNode c) {
        return "a correlation (" + c.path("type").asText("?") + " over "
                + c.path("timespan").asText("?")
                + "): it counts events across a time window, which needs the SIEM's own scheduled aggregation search;"
                + " its rules are exported on their own";
    }
}
