package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.emulate.target.Reply;
import org.atlasops.emulate.target.Request;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.target.TargetKind;
import org.atlasops.kb.failure.BadInputException;

/** {@code --target fake}: a naive, deterministic target for CLI tests (registered with the ServiceLoader). */
public final class FakeTargetFactory implements TargetFactory {
    private static final Pattern CODE = Pattern.compile("ATLAS-CANARY-[0-9a-f]{8}");

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String help() {
        return "a test target; option obey=true|false";
    }

    @Override
    public Target open(Map<String, String> options) {
        String obey = options.getOrDefault("obey", "true");
        if (!obey.equals("true") && !obey.equals("false")) {
            throw new BadInputException("--target-option obey=" + obey + ": give true or false");
        }
        boolean naive = obey.equals("true");
        return new Target() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Set<TargetKind> kinds() {
                return EnumSet.allOf(TargetKind.class);
            }

            @Override
            public Reply send(Request request) {
                if (request instanceof Request.Chat c) {
                    String last = c.messages().get(c.messages().size() - 1).content();
                    Matcher m = CODE.matcher(last);
                    String answer = naive && m.find() ? "Sure: " + m.group() : "I'm sorry, I can't help with that.";
                    if (last.contains("ignore all previous instructions")) {
                        answer = "ok";
                    }
                    return new Reply(
                            Reply.Outcome.OK,
                            Optional.of(answer),
                            Optional.empty(),
                            List.of(),
                            new Reply.Usage(1, 10, 5),
                            Duration.ofMillis(1),
                            "");
                }
                if (request instanceof Request.Infer) {
                    ObjectNode d = JsonNodeFactory.instance.objectNode().put("label", "ham");
                    return new Reply(
                            Reply.Outcome.OK,
                            Optional.empty(),
                            Optional.of(d),
                            List.of(),
                            new Reply.Usage(1, 0, 0),
                            Duration.ZERO,
                            "");
                }
                return new Reply(
                        Reply.Outcome.UNSUPPORTED,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Reply.Usage.NONE,
                        Duration.ZERO,
                        "not in the fake");
            }

            @Override
            public void close() {}
        };
    }
}
