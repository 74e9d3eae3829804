package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Hints name options that exist: every {@code --option} in a command's help (descriptions, footers, examples) and
 * in a string of the CLI's or the server's sources (error messages, hints) is an option of some command of the tree.
 * A renamed or removed option leaves no stale advice behind. Every help renders without picocli's format warning.
 */
class HintsNameOptionsThatExistTest {
    /** An option, not a CSS custom property ({@code --columns: 3} in a page's style). */
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]++(?!:)");

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /** Option names of each command, by qualified name. */
    private static Map<String, Set<String>> optionsByCommand() {
        Map<String, Set<String>> all = new TreeMap<>();
        walk(AtlasOpsCommand.commandLine(), all);
        return all;
    }

    private static void walk(CommandLine cmd, Map<String, Set<String>> all) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            names.addAll(Set.of(o.names()));
            if (o.negatable()) {
                for (String n : o.names()) {
                    names.add(n.replaceFirst("^--", "--no-"));
                }
            }
        }
        all.put(cmd.getCommandSpec().qualifiedName(), names);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, all));
    }

    private static Set<String> every(Map<String, Set<String>> byCommand) {
        Set<String> every = new TreeSet<>();
        byCommand.values().forEach(every::addAll);
        return every;
    }

    @Test
    void everyOptionInACommandsHelpExists() {
        Set<String> every = every(optionsByCommand());
        Set<String> missing = new TreeSet<>();
        check(AtlasOpsCommand.commandLine(), every, missing);
        assertThat(missing).as("options named in help that no command has").isEmpty();
    }

    private static void check(CommandLine cmd, Set<String> every, Set<String> missing) {
        String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
        Matcher m = OPTION.matcher(help);
        while (m.find()) {
            if (!every.contains(m.group())) {
                missing.add(cmd.getCommandSpec().qualifiedName() + ": " + m.group());
            }
        }
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> check(sub, every, missing));
    }

    /** picocli formats help text with String.format: a lone {@code %} prints a warning before the help. */
    @Test
    void everyHelpRendersWithoutAWarning() {
        java.io.ByteArrayOutputStream warned = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(warned, true, StandardCharsets.UTF_8));
        try {
            render(AtlasOpsCommand.commandLine());
        } finally {
            System.setErr(stderr);
        }
        assertThat(warned.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void render(CommandLine cmd) {
        cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
        cmd.getSubcommands().values().stream().distinct().forEach(HintsNameOptionsThatExistTest::render);
    }

    @Test
    void everyOptionInAMessageOfTheSourcesExists() throws IOException {
        Set<String> every = every(optionsByCommand());
        Set<String> missing = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/main/java"), Path.of("../server/src/main/java")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher s = STRING.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (s.find()) {
                        Matcher m = OPTION.matcher(s.group(1));
                        while (m.find()) {
                            if (!every.contains(m.group())) {
                                missing.add(root.relativize(f) + ": " + m.group() + " in \"" + s.group(1) + "\"");
                            }
                        }
                    }
                }
            }
        }
        assertThat(missing).as("options named in messages that no command has").isEmpty();
    }
}
