package org.atlasops.cli.emulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.atlasops.cli.UserException;
import org.atlasops.cli.lab.DetectorGuard;
import org.atlasops.emulate.lab.Guard;
import org.atlasops.emulate.lab.LabTargets;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.target.TargetSpec;

/**
 * The one place targets are made from the command line: the built-in kinds of {@code emulate}'s targets and the lab
 * ({@link #BUILT_IN}), and more factories found with the {@link ServiceLoader}.
 */
final class Targets {
    /** The built-in target kinds, each built by {@link LabTargets#open} (which hands all but the lab on). */
    static final List<TargetFactory> BUILT_IN = List.of(
            builtIn(
                    "lab",
                    "the deliberately vulnerable lab, started in-process (guard=none|keyword|detector, "
                            + "seed=N) or running at base-url=http://HOST:PORT"),
            builtIn("openai", "an OpenAI-compatible chat-completions API (base-url, model, api-key-env=NAME)"),
            builtIn(
                    "http",
                    "any HTTP chat endpoint (url, template with {{prompt}}, answer-path like $.output, " + "header)"),
            builtIn("mcp", "an MCP server (command=stdio command line, or url=streamable HTTP endpoint)"),
            builtIn("model-api", "a model's JSON inference API (url)"),
            builtIn(
                    "agent",
                    "an OpenAI-compatible model given the tools of MCP servers (base-url, model, "
                            + "api-key-env, mcp=NAME=URL or NAME=stdio:COMMAND, max-rounds)"));

    private static TargetFactory builtIn(String kind, String help) {
        return new TargetFactory() {
            @Override
            public String name() {
                return kind;
            }

            @Override
            public String help() {
                return help + "; every kind takes timeout=SECONDS and name";
            }

            @Override
            public Target open(Map<String, String> options) {
                // the detector guard loads the prompt model: only when asked for
                Map<String, Guard> guards = kind.equals("lab") && "detector".equals(options.get("guard"))
                        ? Map.of("detector", DetectorGuard.bundled())
                        : Map.of();
                return LabTargets.open(
                        TargetSpec.of(kind, options), org.atlasops.emulate.target.Targets.processEnvironment(), guards);
            }
        };
    }

    private Targets() {}

    static Map<String, TargetFactory> all() {
        Map<String, TargetFactory> out = new TreeMap<>();
        BUILT_IN.forEach(f -> out.put(f.name(), f));
        ServiceLoader.load(TargetFactory.class).forEach(f -> out.putIfAbsent(f.name(), f));
        return out;
    }

    static Target open(String name, List<String> options) {
        Map<String, TargetFactory> all = all();
        TargetFactory f = all.get(name);
        if (f == null) {
            throw new UserException("--target " + name + ": no such target; "
                    + (all.isEmpty()
                            ? "none is available in this build"
                            : "targets are " + String.join(", ", all.keySet())));
        }
        Map<String, String> opts = new TreeMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--target-option " + o + ": write KEY=VALUE (" + f.help() + ")");
            }
            opts.put(o.substring(0, eq).strip(), o.substring(eq + 1));
        }
        return f.open(opts);
    }

    static List<String> describe() {
        List<String> out = new ArrayList<>();
        all().values().forEach(f -> out.add(f.name() + ": " + f.help()));
        return out;
    }
}
