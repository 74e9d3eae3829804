package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command that reads a file, given a missing file, a folder, a binary file and an empty file: exit 2, one line
 * on stderr that names the input, no stack trace. The command tree is walked, so a new command is covered as soon as
 * it exists.
 */
class EveryCommandBadFileTest {
    /**
     * Options (and positional parameters, by label) that name a file the command writes (or a folder it keeps state
     * in), not one it reads.
     */
    private static final Set<String> WRITES = Set.of(
            "--output",
            "--output-dir",
            "--report",
            "--outcomes",
            "--state-dir",
            "--data-dir",
            "atlas-ops detect canary new --canaries",
            "atlas-ops admin backup FILE",
            "atlas-ops assess model --layer",
            "atlas-ops assess coverage --layer",
            "atlas-ops assess coverage --write-dettect",
            "atlas-ops assess review --layer",
            "atlas-ops assess review --carry-dettect",
            "--sink-spill",
            // the lab's sandbox is the folder its file tools read and attacks plant into; its outbox is appended to
            "--sandbox",
            "--outbox");

    @TempDir
    static Path dir;

    @BeforeAll
    static void stdin() {
        // a command that falls back to stdin finds it empty and closed, as under a pipe, instead of waiting
        System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
    }

    /** Fresh for each case, so no command's slip (writing where it should read) spoils the next case. */
    @BeforeEach
    void inputs() throws Exception {
        Files.deleteIfExists(dir.resolve("missing.txt"));
        if (Files.exists(dir.resolve("a-folder"))) {
            try (Stream<Path> all = Files.walk(dir.resolve("a-folder"))) {
                all.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("a-folder"));
        Files.write(dir.resolve("binary.dat"), binary());
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.createDirectories(dir.resolve("home"));
    }

    private static byte[] binary() {
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 131 + 7);
        }
        return b;
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        walk(AtlasOpsCommand.commandLine(), all);
        for (String input : List.of("missing.txt", "a-folder", "binary.dat", "empty.txt")) {
            all.add(Arguments.of("atlas-ops --atlas-data", List.of("--atlas-data", in(input), "kb", "stats"), input));
        }
        return all.stream();
    }

    private static void walk(CommandLine cmd, List<Arguments> all) {
        CommandSpec spec = cmd.getCommandSpec();
        if (cmd.getSubcommands().isEmpty() && spec.parent() != null) {
            for (ArgSpec arg : spec.args()) {
                if (readsFile(spec, arg)) {
                    for (String input : List.of("missing.txt", "a-folder", "binary.dat", "empty.txt")) {
                        all.add(Arguments.of(
                                spec.qualifiedName() + " " + label(arg), commandLine(spec, arg, input), input));
                    }
                }
            }
        }
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, all));
    }

    private static boolean readsFile(CommandSpec spec, ArgSpec arg) {
        if (arg.inherited()) {
            return false;
        }
        boolean path = arg.type() == Path.class
                || (List.class.isAssignableFrom(arg.type())
                        && arg.auxiliaryTypes().length > 0
                        && arg.auxiliaryTypes()[0] == Path.class);
        if (!path) {
            return false;
        }
        if (arg instanceof OptionSpec o) {
            for (String name : o.names()) {
                if (WRITES.contains(name) || WRITES.contains(spec.qualifiedName() + " " + name)) {
                    return false;
                }
            }
        }
        return !WRITES.contains(spec.qualifiedName() + " " + arg.paramLabel());
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /** The command with the input in the place under test and a harmless value in every other required place. */
    private static List<String> commandLine(CommandSpec spec, ArgSpec under, String input) {
        List<String> line = new ArrayList<>();
        line.add("--data-dir");
        line.add(dir.resolve("home").toString());
        line.addAll(List.of(spec.qualifiedName().split(" "))
                .subList(1, spec.qualifiedName().split(" ").length));
        for (OptionSpec o : spec.options()) {
            if (o == under) {
                line.add(o.longestName());
                line.add(in(input));
            } else if (o.required()) {
                line.add(o.longestName());
                line.add(filler(o));
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p == under) {
                line.add(in(input));
            } else if (p.arity().min() > 0) {
                line.add(filler(p));
            }
        }
        return line;
    }

    private static String in(String input) {
        return dir.resolve(input).toString();
    }

    private static String filler(ArgSpec arg) {
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        if (!candidates.isEmpty()) {
            return candidates.get(0);
        }
        return switch (arg.paramLabel()) {
            case "VERSION" -> "9.9.9";
            case "HOST:PORT" -> "127.0.0.1:9";
            case "FORMAT" -> "json";
            case "ID" -> "AML.T0051";
            default -> "a";
        };
    }

    // a command that takes the bad input for good and starts serving would otherwise hold the build forever
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void aBadFileIsOneLineAndExitTwo(String command, List<String> args, String input) {
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(dir.resolve("missing.txt"))
                .as("a command wrote where it reads: " + command)
                .doesNotExist();
        String all = r.out() + r.err();
        assertThat(r.code()).as(String.join(" ", args) + "\n" + all).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).as(String.join(" ", args) + "\n" + all).hasSize(1);
        assertThat(r.err()).as(String.join(" ", args)).contains(input);
        assertThat(all).as(String.join(" ", args)).doesNotContain("at org.", "Exception");
    }
}
