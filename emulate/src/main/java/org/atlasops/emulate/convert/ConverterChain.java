package org.atlasops.emulate.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Converters applied in order. Placeholders ({@code {canary}}, …) are filled in before the first converter that is
 * not a translation, so encodings carry the filled-in text and the phrase table sees the sentence as written.
 */
public record ConverterChain(List<Converter> converters) {
    public static final ConverterChain NONE = new ConverterChain(List.of());

    public ConverterChain {
        converters = List.copyOf(converters);
    }

    /** @throws IllegalArgumentException naming the first name that is not a converter */
    public static ConverterChain parse(List<String> names) {
        List<Converter> cs = new ArrayList<>();
        for (String n : names) {
            cs.add(Converters.parse(n));
        }
        return new ConverterChain(cs);
    }

    public List<String> names() {
        return converters.stream().map(Converter::name).toList();
    }

    /** Whether a translation comes after another converter (it would not find the sentence any more). */
    public boolean translationAfterOthers() {
        boolean other = false;
        for (Converter c : converters) {
            if (c instanceof PhraseTable.Translate) {
                if (other) {
                    return true;
                }
            } else {
                other = true;
            }
        }
        return false;
    }

    public String apply(String template, Map<String, String> vars, Random random) {
        String text = template;
        boolean filled = false;
        for (Converter c : converters) {
            if (!filled && !(c instanceof PhraseTable.Translate)) {
                text = fill(text, vars);
                filled = true;
            }
            text = c.apply(text, random);
        }
        return filled ? text : fill(text, vars);
    }

    /** Replaces {@code {name}} with its value for every variable. */
    public static String fill(String text, Map<String, String> vars) {
        String out = text;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }
}
