package org.atlasops.detect.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.scan.ScanRun;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.kb.read.ReleaseCatalog;

/** Real alerts of the bundled pack, for the sinks to send. */
final class Alerts {
    private static List<Alert> cache;

    private Alerts() {}

    /** A few alerts from the adapter samples' native events (an LLM injection, an MCP credential read, …). */
    static synchronized List<Alert> some() {
        if (cache == null) {
            StringBuilder events = new StringBuilder();
            for (String f : List.of("litellm", "mcp-log", "bedrock", "langfuse")) {
                events.append(resource("/org/atlasops/detect/adapter/" + f + ".native.jsonl"));
            }
            List<Alert> out = new ArrayList<>();
            try {
                new ScanRun(ScanRun.Config.builder(
                                        RulePack.loadInto(new RuleLoader(Map.of(), RulePack.pipeline()))
                                                .build(),
                                        ReleaseCatalog.bundledOnly().loadDefault())
                                .build())
                        .run(
                                List.of(new ScanRun.Input(
                                        "events.jsonl",
                                        () -> new ByteArrayInputStream(
                                                events.toString().getBytes(StandardCharsets.UTF_8)))),
                                out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.size() < 4) {
                throw new IllegalStateException("the samples gave only " + out.size() + " alerts");
            }
            cache = List.copyOf(out);
        }
        return cache;
    }

    private static String resource(String name) {
        try (InputStream in = Alerts.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
