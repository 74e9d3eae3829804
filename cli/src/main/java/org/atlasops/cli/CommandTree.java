package org.atlasops.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.cli.kb.KbCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the picocli command tree. picocli builds every command of a tree up front (reflection over each class,
 * an instance of each, their option types loaded): for the whole of atlas-ops that is most of a short command's
 * CPU time. So the groups below list their commands themselves instead of in their annotation, and a command line
 * gets only the commands it names when that is certain: {@code kb show X} builds the root, {@code kb} and
 * {@code show}. Anything else (no command, help, an unknown word or option, a command that walks the tree) gets
 * the whole group, so what the user sees is the same: the other commands only show in help, suggestions and
 * completion. docs/benchmarks.md, start-up.
 */
final class CommandTree {
    /** Groups whose commands are added here, each with its commands in help order. */
    private static final Map<Class<?>, List<Class<?>>> GROUPS =
            Map.of(AtlasOpsCommand.class, AtlasOpsCommand.COMMANDS, KbCommand.class, KbCommand.COMMANDS);

    /** Commands that need the whole tree (they walk it). */
    private static final Set<Class<?>> NEED_ALL = Set.of(CompletionCommand.class);

    private CommandTree() {}

    /** Every command. */
    static CommandLine whole(Object root) {
        CommandLine cli = new CommandLine(root);
        addAll(cli, root.getClass());
        return cli;
    }

    /** The commands these arguments need. */
    static CommandLine forArgs(Object root, String... args) {
        CommandLine cli = new CommandLine(root);
        addFor(cli, root.getClass(), args, 0);
        return cli;
    }

    private static void addAll(CommandLine group, Class<?> type) {
        for (Class<?> c : GROUPS.getOrDefault(type, List.of())) {
            CommandLine sub = new CommandLine(c);
            group.addSubcommand(sub); // first, so that it inherits the group's inherited options
            addAll(sub, c);
        }
    }

    /** Adds the commands {@code args} from {@code from} on name under this group, as picocli will read them. */
    private static void addFor(CommandLine group, Class<?> type, String[] args, int from) {
        List<Class<?>> commands = GROUPS.get(type);
        if (commands == null) {
            return; // its annotation names its commands, if any
        }
        CommandSpec spec = group.getCommandSpec();
        boolean versionOnly = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-")) {
                Optional<Class<?>> named = named(commands, a).filter(c -> !NEED_ALL.contains(c));
                if (named.isEmpty()) {
                    addAll(group, type); // an unknown word: picocli's suggestions list them all
                    return;
                }
                CommandLine sub = new CommandLine(named.get());
                group.addSubcommand(sub);
                addFor(sub, named.get(), args, i + 1);
                return;
            }
            int eq = a.indexOf('=');
            OptionSpec option = spec.findOption(eq > 0 ? a.substring(0, eq) : a);
            if (option == null || option.usageHelp() || a.equals("--")) {
                addAll(group, type); // an unknown option or clustered short ones, help, or "--": as picocli would
                return;
            }
            versionOnly |= option.versionHelp();
            if (eq < 0 && option.arity().max() > 0) {
                i++; // its value
            }
        }
        // no command named: the group's help lists them all; only --version alone needs none
        if (!versionOnly) {
            addAll(group, type);
        }
    }

    private static Optional<Class<?>> named(List<Class<?>> commands, String word) {
        for (Class<?> c : commands) {
            Command command = c.getAnnotation(Command.class);
            if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
