package org.atlasops.cli.emulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.target.Target;

/**
 * The one place targets are made from the command line. The lead wires em-lab's targets (lab, openai, http, mcp,
 * agent, model-api) into {@link #BUILT_IN}; other factories are found with the {@link ServiceLoader}.
 */
final class Targets {
    /** Built-in target factories (none until the target implementations land). */
    static final List<TargetFactory> BUILT_IN = List.of();

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
