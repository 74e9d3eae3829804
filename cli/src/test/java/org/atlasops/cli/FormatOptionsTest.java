package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The {@code --format} option of every command: an unknown format is one line naming the command and its own formats
 * (exit 2), the help lists them, and every command the README, the docs or a help example shows with
 * {@code --format json} has json among them. The command tree is walked, so a new command is covered at once.
 */
class FormatOptionsTest {
    /** A command as typed in the docs or an example, up to {@code --format json} or {@code -f json}. */
    private static final Pattern JSON_EXAMPLE =
            Pattern.compile("atlas-ops((?: [a-z][a-z0-9-]*)+)[^`\\n]*? (?:--format|-f)[ =]json\\b");

    /** The README's list of the commands that have {@code --format json}: backticked command names. */
    private static final Pattern README_LIST = Pattern.compile("have `--format json` \\(([^;]*);");

    private static final Pattern BACKTICKED = Pattern.compile("`([a-z][a-z0-9 |-]*)`");

    /** Each command's {@code --format} option, by the command as typed (without the program's name). */
    private static Map<String, OptionSpec> formatOptions() {
        Map<String, OptionSpec> all = new TreeMap<>();
        walk(AtlasOpsCommand.commandLine(), all);
        return all;
    }

    private static void walk(CommandLine cmd, Map<String, OptionSpec> all) {
        OptionSpec format = cmd.getCommandSpec().findOption("--format");
        if (format != null) {
            all.put(typed(cmd), format);
        }
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, all));
    }

    private static String typed(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^atlas-ops ?", "");
    }

    private static List<String> formats(OptionSpec o) {
        List<String> names = new ArrayList<>();
        o.completionCandidates().forEach(names::add);
        return names;
    }

    @Test
    void everyCommandRefusesAnUnknownFormatInOneLineListingItsOwn() {
        Map<String, OptionSpec> options = formatOptions();
        assertThat(options).hasSizeGreaterThan(30);
        List<String> wrong = new ArrayList<>();
        options.forEach((command, option) -> {
            List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
            args.addAll(List.of("--format", "pdf"));
            Cli r = Cli.run(args.toArray(String[]::new));
            String expected = "atlas-ops: unknown format 'pdf' for " + command + ": use one of "
                    + String.join(", ", formats(option)) + "\n";
            if (r.code() != ExitCodes.BAD_INPUT
                    || !r.err().equals(expected)
                    || !r.out().isEmpty()) {
                wrong.add(command + " -> exit " + r.code() + ", stderr: " + r.err());
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyFormatIsListedInLowerCaseWithTheDefaultInTheHelp() {
        List<String> wrong = new ArrayList<>();
        formatOptions().forEach((command, option) -> {
            List<String> formats = formats(option);
            String help = String.join(" ", option.description());
            for (String f : formats) {
                if (!f.equals(f.toLowerCase(java.util.Locale.ROOT)) || !help.contains(f)) {
                    wrong.add(command + ": " + f + " in " + help);
                }
            }
            if (option.defaultValue() != null && !help.contains("(default: " + option.defaultValue() + ")")) {
                wrong.add(command + ": no default in " + help);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void aFormatIsTypedInAnyCaseAndAFormatTheCommandDoesNotWriteIsRefused() {
        Cli upper = Cli.run("kb", "stats", "-f", "JSON");
        assertThat(upper.code()).isZero();
        assertThat(upper.out()).startsWith("{");
        // kb commands share one list of formats; stats writes text or json only, and says so instead of text
        Cli csv = Cli.run("kb", "stats", "--format", "csv");
        assertThat(csv.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(csv.err()).isEqualTo("atlas-ops: unknown format 'csv' for kb stats: use one of text, json\n");
        Cli assess = Cli.run("assess", "model", "-f", "pdf");
        assertThat(assess.err())
                .isEqualTo("atlas-ops: unknown format 'pdf' for assess model: use one of text, json, markdown, html\n");
    }

    @Test
    void everyCommandTheDocsOrAHelpExampleShowWithJsonHasIt() throws IOException {
        Map<String, OptionSpec> options = formatOptions();
        Set<String> commands = new TreeSet<>();
        collectCommands(AtlasOpsCommand.commandLine(), commands);
        Set<String> promised = new TreeSet<>();
        List<Path> docs = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> pages = Files.list(Path.of("../docs"))) {
            pages.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            examples(text, commands).forEach(c -> promised.add(c + " (" + doc.getFileName() + ")"));
        }
        readmeList(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8), commands)
                .forEach(c -> promised.add(c + " (README list)"));
        helpExamples(AtlasOpsCommand.commandLine(), commands, promised);
        assertThat(promised).hasSizeGreaterThan(20);
        List<String> missing = new ArrayList<>();
        for (String p : promised) {
            String command = p.substring(0, p.indexOf(" ("));
            OptionSpec o = options.get(command);
            if (o == null || !formats(o).contains("json")) {
                missing.add(p);
            }
        }
        assertThat(missing)
                .as("commands shown with --format json that do not have it")
                .isEmpty();
    }

    private static void collectCommands(CommandLine cmd, Set<String> all) {
        all.add(typed(cmd));
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collectCommands(sub, all));
    }

    private static void helpExamples(CommandLine cmd, Set<String> commands, Set<String> promised) {
        examples(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF), commands)
                .forEach(c -> promised.add(c + " (help of " + typed(cmd) + ")"));
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> helpExamples(sub, commands, promised));
    }

    /** The commands of every example with {@code --format json}: the longest run of words that is a command. */
    private static List<String> examples(String text, Set<String> commands) {
        List<String> found = new ArrayList<>();
        Matcher m = JSON_EXAMPLE.matcher(text);
        while (m.find()) {
            longestCommand(m.group(1).strip(), commands).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<String> longestCommand(String words, Set<String> commands) {
        String[] w = words.split(" ");
        for (int n = w.length; n > 0; n--) {
            String c = String.join(" ", Arrays.copyOf(w, n));
            if (commands.contains(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The README's list: {@code `detect scan|rules`} is two commands, a command with subcommands stands for all of
     * them.
     */
    private static List<String> readmeList(String readme, Set<String> commands) {
        Matcher list = README_LIST.matcher(readme.replace('\n', ' '));
        assertThat(list.find())
                .as("the README lists the commands with --format json")
                .isTrue();
        List<String> found = new ArrayList<>();
        Matcher b = BACKTICKED.matcher(list.group(1));
        while (b.find()) {
            String entry = b.group(1).strip();
            int space = entry.lastIndexOf(' ');
            String prefix = space < 0 ? "" : entry.substring(0, space + 1);
            for (String last : entry.substring(space + 1).split("\\|")) {
                String command = prefix + last;
                assertThat(commands)
                        .as("the README names a command that exists")
                        .contains(command);
                List<String> below = commands.stream()
                        .filter(c -> c.startsWith(command + " "))
                        .toList();
                found.addAll(below.isEmpty() ? List.of(command) : leaves(below, commands));
            }
        }
        return found;
    }

    private static List<String> leaves(List<String> below, Set<String> commands) {
        return below.stream()
                .filter(c -> commands.stream().noneMatch(d -> d.startsWith(c + " ")))
                .toList();
    }
}
