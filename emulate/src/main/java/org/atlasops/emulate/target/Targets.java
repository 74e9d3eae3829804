package org.atlasops.emulate.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.atlasops.kb.failure.BadInputException;

/**
 * Builds a {@link Target} from a {@link TargetSpec}, as the command line gives it. Every mistake is a
 * {@link BadInputException} naming the option. Kinds and their options:
 *
 * <ul>
 *   <li>{@code openai}: {@code base-url}, {@code model}, {@code api-key-env} (the name of an environment variable that
 *       holds the key; never the key itself)
 *   <li>{@code http}: {@code url}, {@code template} (JSON with {@code {{prompt}}}), {@code answer-path}
 *       ({@code $.answer}), {@code header} (repeatable {@code Name: value}; values may be {@code ${ENV}})
 *   <li>{@code mcp}: {@code command} (a stdio server's command line) or {@code url} (streamable HTTP)
 *   <li>{@code model-api}: {@code url}
 *   <li>{@code agent}: {@code base-url}, {@code model}, {@code api-key-env}, {@code mcp} (repeatable, or several
 *       separated by {@code ;}: {@code NAME=URL} or {@code NAME=stdio:COMMAND LINE}), {@code max-rounds} (default 5)
 * </ul>
 *
 * Every kind takes {@code timeout} (seconds, default 30) and {@code name}. The lab ({@code lab}) is built by
 * {@code org.atlasops.emulate.lab.LabTargets}, which can also start one in-process.
 */
public final class Targets {
    /** The kinds {@link #open} builds, plus {@code lab}. */
    public static final List<String> KINDS = List.of("openai", "http", "mcp", "model-api", "agent", "lab");

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "openai", Set.of("base-url", "model", "api-key-env", "timeout", "name"),
            "http", Set.of("url", "template", "answer-path", "header", "timeout", "name"),
            "mcp", Set.of("command", "url", "header", "timeout", "name"),
            "model-api", Set.of("url", "header", "timeout", "name"),
            "agent", Set.of("base-url", "model", "api-key-env", "mcp", "max-rounds", "timeout", "name"));

    private Targets() {}

    /** The process environment, for {@code api-key-env} and {@code ${ENV}} in headers. */
    public static Function<String, Optional<String>> processEnvironment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** Builds the target; {@code env} looks up environment variables (tests pass a map). */
    public static Target open(TargetSpec spec, Function<String, Optional<String>> env) {
        String kind = spec.kind().strip().toLowerCase(Locale.ROOT);
        Set<String> allowed = OPTIONS.get(kind);
        if (kind.equals("lab")) {
            throw new IllegalArgumentException("the lab target is built by org.atlasops.emulate.lab.LabTargets");
        }
        if (allowed == null) {
            throw new BadInputException(
                    "--target " + spec.kind() + " is not a target kind; use one of " + String.join(", ", KINDS));
        }
        checkOptions(spec, kind, allowed);
        Duration timeout = timeout(spec);
        return switch (kind) {
            case "openai" -> {
                URI base = url(spec, "base-url", "https://api.openai.com/v1");
                yield new OpenAiChatTarget(
                        spec.option("name").orElse(base.getHost()),
                        base,
                        spec.required("model", "gpt-4o-mini"),
                        apiKey(spec, env),
                        timeout);
            }
            case "http" -> {
                URI url = url(spec, "url", "https://chat.example/api");
                yield HttpTarget.of(
                        spec.option("name").orElse(url.getHost()),
                        url,
                        spec.required("template", "'{\"input\": \"{{prompt}}\"}'"),
                        spec.required("answer-path", "$.output"),
                        headers(spec, env),
                        timeout);
            }
            case "mcp" -> mcp(spec, env, timeout);
            case "model-api" -> {
                URI url = url(spec, "url", "http://127.0.0.1:8000/predict");
                yield new ModelApiTarget(spec.option("name").orElse(url.getHost()), url, headers(spec, env), timeout);
            }
            case "agent" -> agent(spec, env, timeout);
            default -> throw new IllegalStateException(kind);
        };
    }

    static void checkOptions(TargetSpec spec, String kind, Set<String> allowed) {
        for (String option : spec.options().keySet()) {
            if (!allowed.contains(option)) {
                throw new BadInputException("option " + option + " does not apply to --target " + kind + "; it takes "
                        + allowed.stream()
                                .sorted()
                                .map(o -> o)
                                .reduce((a, b) -> a + ", " + b)
                                .orElse(""));
            }
        }
    }

    static Duration timeout(TargetSpec spec) {
        Optional<String> t = spec.option("timeout");
        if (t.isEmpty()) {
            return Duration.ofSeconds(30);
        }
        try {
            double seconds = Double.parseDouble(t.get().strip());
            if (seconds > 0 && seconds <= 3600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadInputException("timeout '" + t.get() + "' is not a number of seconds from 0.001 to 3600");
    }

    static URI url(TargetSpec spec, String option, String example) {
        String value = spec.required(option, example);
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // below
        }
        throw new BadInputException(
                "option " + option + " '" + value + "' is not an http(s) URL with a host, e.g. " + example);
    }

    static Optional<String> apiKey(TargetSpec spec, Function<String, Optional<String>> env) {
        Optional<String> name = spec.option("api-key-env");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String n = name.get().strip();
        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BadInputException("api-key-env takes the NAME of an environment variable (e.g. "
                    + "OPENAI_API_KEY), not '" + abbreviate(n) + "'; never put the key itself on the command line");
        }
        return Optional.of(env.apply(n)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new BadInputException("api-key-env " + n + ": the environment variable " + n
                        + " is not set or empty; export it " + "with the API key first")));
    }

    private static String abbreviate(String s) {
        return s.length() <= 6 ? s : s.substring(0, 3) + "…";
    }

    static Map<String, String> headers(TargetSpec spec, Function<String, Optional<String>> env) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : spec.all("header")) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).strip();
            if (!name.matches("[A-Za-z0-9-]+")) {
                throw new BadInputException("header '" + h + "' is not 'Name: value' (e.g. header "
                        + "'Authorization: Bearer ${API_TOKEN}')");
            }
            String value = h.substring(colon + 1).strip();
            var m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}")
                    .matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String var = m.group(1);
                String v = env.apply(var)
                        .orElseThrow(() -> new BadInputException(
                                "header " + name + ": the environment variable " + var + " is not set"));
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            headers.put(name, out.toString());
        }
        return headers;
    }

    private static Target mcp(TargetSpec spec, Function<String, Optional<String>> env, Duration timeout) {
        Optional<String> command = spec.option("command");
        Optional<String> url = spec.option("url");
        if (command.isPresent() == url.isPresent()) {
            throw new BadInputException("--target mcp takes either command 'CMD ARGS' (a stdio server) or url "
                    + "http://HOST:PORT/mcp (streamable HTTP), " + (command.isPresent() ? "not both" : "not neither"));
        }
        if (command.isPresent()) {
            List<String> argv = CommandLines.split("command", command.get());
            return McpTarget.stdio(
                    spec.option("name").orElse(Path.fileName(argv.get(0))),
                    argv.get(0),
                    argv.subList(1, argv.size()),
                    Map.of(),
                    timeout);
        }
        URI u = url(spec, "url", "http://127.0.0.1:8931/mcp");
        return McpTarget.http(spec.option("name").orElse(u.getHost()), u, headers(spec, env), timeout);
    }

    private static Target agent(TargetSpec spec, Function<String, Optional<String>> env, Duration timeout) {
        URI base = url(spec, "base-url", "https://api.openai.com/v1");
        String model = spec.required("model", "gpt-4o-mini");
        Optional<String> key = apiKey(spec, env);
        // repeatable, or several in one value separated by ';' (for option maps that hold one value per name)
        List<String> servers = spec.all("mcp").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(";")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        if (servers.isEmpty()) {
            throw new BadInputException("--target agent needs at least one mcp NAME=URL or mcp "
                    + "NAME=stdio:COMMAND (the MCP servers whose tools the agent gets)");
        }
        int rounds = 5;
        Optional<String> r = spec.option("max-rounds");
        if (r.isPresent()) {
            try {
                rounds = Integer.parseInt(r.get().strip());
            } catch (NumberFormatException e) {
                rounds = -1;
            }
            if (rounds < 1 || rounds > 50) {
                throw new BadInputException("max-rounds '" + r.get() + "' is not a whole number from 1 to 50");
            }
        }
        List<McpTarget> mcp = new ArrayList<>();
        try {
            for (String s : servers) {
                mcp.add(agentServer(s, timeout));
            }
            return AgentTarget.of(spec.option("name").orElse(base.getHost()), base, model, key, mcp, rounds, timeout);
        } catch (RuntimeException e) {
            mcp.forEach(McpTarget::close);
            throw e;
        }
    }

    private static McpTarget agentServer(String value, Duration timeout) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? "" : value.substring(0, eq).strip();
        if (!name.matches("[A-Za-z0-9_.-]{1,40}")) {
            throw new BadInputException("mcp '" + value + "' is not NAME=URL or NAME=stdio:COMMAND (a name of "
                    + "letters, digits, _ . -), e.g. mcp files=http://127.0.0.1:8931/mcp");
        }
        String where = value.substring(eq + 1).strip();
        if (where.startsWith("stdio:")) {
            List<String> argv = CommandLines.split("mcp " + name, where.substring("stdio:".length()));
            return McpTarget.stdio(name, argv.get(0), argv.subList(1, argv.size()), Map.of(), timeout);
        }
        URI u;
        try {
            u = new URI(where);
        } catch (URISyntaxException e) {
            u = null;
        }
        if (u == null
                || u.getHost() == null
                || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
            throw new BadInputException(
                    "mcp " + name + ": '" + where + "' is neither an http(s) URL nor " + "stdio:COMMAND");
        }
        return McpTarget.http(name, u, Map.of(), timeout);
    }

    /** The last part of a path, for a default name. */
    private static final class Path {
        static String fileName(String command) {
            String c = command.replace('\\', '/');
            return c.substring(c.lastIndexOf('/') + 1);
        }
    }
}
