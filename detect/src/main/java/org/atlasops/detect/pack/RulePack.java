package org.atlasops.detect.pack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.sigma.Pipeline;
import org.atlasops.detect.sigma.RuleLoader;

/**
 * The rules and pipeline shipped in the jar. {@code rules/index.txt} lists the rule files (a test checks it against
 * the folder), so the pack loads from a jar as from a checkout.
 */
public final class RulePack {
    static final String ROOT = "/org/atlasops/detect/rules/";
    static final String PIPELINE = "/org/atlasops/detect/pipelines/atlas-telemetry.yml";

    private RulePack() {}

    /** The rule files of the pack, relative to its root, e.g. {@code llm/prompt_injection_override.yml}. */
    public static List<String> files() {
        return index("index.txt");
    }

    /**
     * The pack's benign corpora (JSON lines of ordinary traffic every rule must stay silent on), relative to its
     * root, e.g. {@code benign/llm_chat_handwritten.jsonl}; listed in {@code benign/index.txt}.
     */
    public static List<String> benignFiles() {
        return index("benign/index.txt");
    }

    private static List<String> index(String name) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(ROOT + name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The text of a pack file (a rule or its tests). */
    public static String text(String relative) {
        try (InputStream in = open(ROOT + relative)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(String relative) {
        return RulePack.class.getResource(ROOT + relative) != null;
    }

    /** The default pipeline: logsource conditions for the three telemetry kinds of docs/telemetry.md. */
    public static Pipeline pipeline() {
        try (InputStream in = open(PIPELINE)) {
            return Pipeline.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled:atlas-telemetry.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the whole pack into a loader (the caller adds its own rules and builds). */
    public static RuleLoader loadInto(RuleLoader loader) {
        for (String f : files()) {
            loader.load(text(f), "bundled:" + f);
        }
        return loader;
    }

    public static RuleLoader loader(Map<String, List<String>> placeholders, Pipeline pipeline) {
        return loadInto(new RuleLoader(placeholders, pipeline));
    }

    private static InputStream open(String resource) {
        InputStream in = RulePack.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the jar has no " + resource + "; it was built without the rule pack");
        }
        return in;
    }
}
