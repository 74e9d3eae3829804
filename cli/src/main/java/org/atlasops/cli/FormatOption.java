package org.atlasops.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code -f, --format FORMAT} option of a command, with the command's own list of formats: a mixin declared as
 * {@code @Mixin FormatOption<Format> format = FormatOption.of(Format.text, Format.json);} (the first is the default).
 * A format is typed as the list prints it, in any case; one not in the list is a usage error of one line naming the
 * command and its formats (exit 2). The help lists the formats and the default, so it cannot go stale.
 *
 * <p>The formats are enum constants (named by their lower-case name) or plain strings.
 *
 * @param <F> what a format is to the command
 */
@Command
public final class FormatOption<F> {
    private final Map<String, F> formats;
    private final Optional<F> fallback;
    private String described;
    private F value;
    private OptionSpec option;

    private FormatOption(List<F> formats, Optional<F> fallback) {
        Map<String, F> byName = new LinkedHashMap<>();
        for (F f : formats) {
            if (byName.put(name(f), Objects.requireNonNull(f)) != null) {
                throw new IllegalArgumentException("format listed twice: " + name(f));
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one format");
        }
        this.formats = Collections.unmodifiableMap(byName);
        this.fallback = fallback;
        this.value = fallback.orElse(null);
        this.described = list(List.copyOf(byName.keySet()));
    }

    /** Formats {@code first} (the default) and {@code others}. */
    @SafeVarargs
    public static <F> FormatOption<F> of(F first, F... others) {
        List<F> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(others));
        return new FormatOption<>(all, Optional.of(first));
    }

    /** Formats with no default: the user names one. */
    @SafeVarargs
    public static <F> FormatOption<F> required(F... formats) {
        return new FormatOption<>(List.of(formats), Optional.empty());
    }

    /**
     * The help text instead of the plain list, e.g. "json (atlas-ops alerts), ocsf or ecs"; the default is appended.
     */
    public FormatOption<F> described(String text) {
        this.described = Objects.requireNonNull(text);
        return this;
    }

    /** The format the user chose, or the default. */
    public F get() {
        return Objects.requireNonNull(value, "a required --format is set before the command runs");
    }

    /** The names the user can type, in the command's order. */
    public List<String> names() {
        return List.copyOf(formats.keySet());
    }

    /** Adds the option to the command that declares this mixin, with its own list and default in the help. */
    @Spec(Spec.Target.MIXEE)
    void declareOn(CommandSpec command) {
        String help =
                described + fallback.map(f -> " (default: " + name(f) + ").").orElse(".");
        OptionSpec.Builder o = OptionSpec.builder("-f", "--format")
                .paramLabel("FORMAT")
                .type(String.class)
                .description(help)
                .completionCandidates(names())
                .required(fallback.isEmpty())
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T typed) {
                        if (typed != null) { // picocli sets a required option's initial value: none
                            choose((String) typed);
                        }
                        return null;
                    }
                })
                .getter(new IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                        return (T) (value == null ? null : name(value));
                    }
                });
        fallback.ifPresent(f -> o.defaultValue(name(f)));
        option = o.build();
        command.addOption(option);
    }

    private void choose(String typed) {
        // the command the option ended in: a mixin's mixin (assess's report options) hands it on to the command
        CommandSpec command = option.command();
        F f = formats.get(typed.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new UnknownFormatException(
                    command.commandLine(),
                    "unknown format '" + typed + "' for " + commandName(command) + ": use one of "
                            + String.join(", ", formats.keySet()));
        }
        value = f;
    }

    /** The command as a user types it, without the program's name. */
    private static String commandName(CommandSpec command) {
        String q = command.qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? q : q.substring(space + 1);
    }

    private static String name(Object format) {
        return (format instanceof Enum<?> e ? e.name() : format.toString()).toLowerCase(Locale.ROOT);
    }

    /** "text, json or csv". */
    private static String list(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** A format the command does not write: the message is the whole story, no hint to read the help follows. */
    public static final class UnknownFormatException extends CommandLine.ParameterException {
        private static final long serialVersionUID = 1L;

        UnknownFormatException(CommandLine commandLine, String message) {
            super(commandLine, message);
        }
    }
}
