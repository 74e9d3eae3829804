package org.atlasops.intel.mapping;

import java.util.List;
import java.util.Objects;

/**
 * What a record says that can point to ATLAS techniques: AVID SEP and lifecycle codes and risk domains, CWE IDs,
 * 0DIN jailbreak categories ({@code Category/Strategy}), garak probe names ({@code module.Class}), and free text.
 */
public record Evidence(
        List<String> sepCodes,
        List<String> lifecycleCodes,
        List<String> riskDomains,
        List<String> cwes,
        List<String> odin,
        List<String> garakProbes,
        String text) {
    public Evidence {
        sepCodes = List.copyOf(sepCodes);
        lifecycleCodes = List.copyOf(lifecycleCodes);
        riskDomains = List.copyOf(riskDomains);
        cwes = List.copyOf(cwes);
        odin = List.copyOf(odin);
        garakProbes = List.copyOf(garakProbes);
        text = Objects.requireNonNullElse(text, "");
    }

    public static Evidence ofText(String text) {
        return new Evidence(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), text);
    }
}
