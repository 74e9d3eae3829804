package org.atlasops.emulate.lab;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.target.TargetSpec;
import org.atlasops.emulate.target.Targets;
import org.atlasops.kb.failure.BadInputException;

/**
 * The one factory the command line uses: {@code --target lab} (a lab started in-process on a free loopback port, or
 * the running lab at {@code --base-url}; options {@code guard}, {@code seed}, {@code timeout}) and every kind of
 * {@link Targets#open}.
 */
public final class LabTargets {
    private static final Set<String> LAB_OPTIONS = Set.of("base-url", "guard", "seed", "timeout", "name");

    private LabTargets() {}

    /**
     * Builds the target. {@code guards} gives the guard for a level name ({@code none} and {@code keyword} are built
     * in; the CLI adds {@code detector}).
     */
    public static Target open(TargetSpec spec, Function<String, Optional<String>> env, Map<String, Guard> guards) {
        if (!spec.kind().strip().toLowerCase(Locale.ROOT).equals("lab")) {
            return Targets.open(spec, env);
        }
        for (String option : spec.options().keySet()) {
            if (!LAB_OPTIONS.contains(option)) {
                throw new BadInputException("option " + option + " does not apply to --target lab; it takes base-url, "
                        + "guard, seed, timeout");
            }
        }
        Duration timeout = Duration.ofSeconds(30);
        Optional<String> t = spec.option("timeout");
        if (t.isPresent()) {
            try {
                double s = Double.parseDouble(t.get().strip());
                if (!(s > 0 && s <= 3600)) {
                    throw new NumberFormatException();
                }
                timeout = Duration.ofMillis(Math.round(s * 1000));
            } catch (NumberFormatException e) {
                throw new BadInputException("timeout '" + t.get() + "' is not a number of seconds from 0.001 to 3600");
            }
        }
        Optional<String> base = spec.option("base-url");
        if (base.isPresent()) {
            if (spec.option("guard").isPresent() || spec.option("seed").isPresent()) {
                throw new BadInputException("guard and seed belong to the lab when it starts; with base-url the "
                        + "running lab's own settings apply (set them on 'atlas-ops lab serve')");
            }
            URI u;
            try {
                u = new URI(base.get().strip());
            } catch (java.net.URISyntaxException e) {
                u = null;
            }
            if (u == null || u.getHost() == null || !"http".equalsIgnoreCase(u.getScheme())) {
                throw new BadInputException("base-url '" + base.get() + "' is not the lab's http://HOST:PORT");
            }
            return new LabTarget(u, timeout, Optional.empty());
        }
        Guard guard = guard(spec.option("guard").orElse("none"), guards);
        long seed = LabOptions.DEFAULT_SEED;
        Optional<String> s = spec.option("seed");
        if (s.isPresent()) {
            try {
                seed = Long.parseLong(s.get().strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("seed '" + s.get() + "' is not a whole number");
            }
        }
        Lab lab = Lab.start(LabOptions.defaults().withGuard(guard).withSeed(seed));
        try {
            return new LabTarget(lab.baseUrl(), timeout, Optional.of(lab));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** The guard for a level name: {@code none}, {@code keyword}, or one of {@code extra}. */
    public static Guard guard(String level, Map<String, Guard> extra) {
        String l = level.strip().toLowerCase(Locale.ROOT);
        if (l.equals("none")) {
            return Guard.NONE;
        }
        if (l.equals("keyword")) {
            return Guard.keyword();
        }
        Guard g = extra.get(l);
        if (g == null) {
            throw new BadInputException("guard level '" + level + "' is not known; use none, keyword or detector");
        }
        return g;
    }
}
