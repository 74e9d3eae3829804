package org.atlasops.cli.intel;

import java.util.List;
import java.util.Locale;
import org.atlasops.cli.UserException;

/** The {@code --format} values of the intel commands. */
final class Formats {
    private Formats() {}

    /** Whether the format is json; text is the other accepted value. */
    static boolean json(String format) {
        return one(format, List.of("text", "json")).equals("json");
    }

    static String one(String format, List<String> allowed) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(f)) {
            throw new UserException("--format: '" + format + "' is not one of " + String.join(", ", allowed));
        }
        return f;
    }
}
