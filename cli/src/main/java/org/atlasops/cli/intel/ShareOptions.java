package org.atlasops.cli.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.cli.UserException;
import org.atlasops.intel.anonymise.Coarsen;
import org.atlasops.intel.anonymise.Options;
import picocli.CommandLine.Option;

/** How an incident is anonymised: the options of {@code export --anonymised} and {@code anonymise}. */
final class ShareOptions {
    @Option(
            names = "--coarsen",
            paramLabel = "month|year",
            defaultValue = "month",
            description = "How precise the shared date stays (default: ${DEFAULT-VALUE}).")
    String coarsen;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "A name to replace in the text besides target, actor and reporter (an organisation, a person, "
                            + "a product; repeat).")
    List<String> names = new ArrayList<>();

    @Option(
            names = "--target-as",
            paramLabel = "TEXT",
            description = "How the target reads once shared (default: "
                    + "the kind of system, e.g. 'an LLM chatbot of an organisation').")
    String target;

    @Option(
            names = "--actor-as",
            paramLabel = "TEXT",
            description = "How the actor reads once shared (default: 'a " + "threat actor', 'a red team', ...).")
    String actor;

    @Option(
            names = "--keep-references",
            description = "Keep the references (left out by default: they often name " + "the victim).")
    boolean keepReferences;

    Options options() {
        Coarsen c = Coarsen.parse(coarsen)
                .orElseThrow(() -> new UserException("--coarsen: '" + coarsen + "' is not month or year"));
        return new Options(c, names, Optional.ofNullable(target), Optional.ofNullable(actor), keepReferences);
    }
}
