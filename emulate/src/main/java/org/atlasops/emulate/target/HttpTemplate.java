package org.atlasops.emulate.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import org.atlasops.kb.failure.BadInputException;

/**
 * A JSON request body with a {@value #PLACEHOLDER} placeholder inside a string where the prompt goes, e.g.
 * {@code {"input": "{{prompt}}", "user": "red-team"}}. Checked when loaded: the template must hold the placeholder,
 * only inside JSON strings, and be JSON once a prompt is put in. The prompt is JSON-escaped when filled in.
 */
final class HttpTemplate {
    static final String PLACEHOLDER = "{{prompt}}";
    private static final String PROBE = "atlas-ops-probe \" \\ \n";

    private final String template;

    private HttpTemplate(String template) {
        this.template = template;
    }

    static HttpTemplate parse(String option, String template) {
        if (!template.contains(PLACEHOLDER)) {
            throw new BadInputException(option + " has no " + PLACEHOLDER + " placeholder; put it inside a JSON string "
                    + "where the prompt goes, e.g. {\"input\": \"" + PLACEHOLDER + "\"}");
        }
        HttpTemplate t = new HttpTemplate(template);
        String filled = t.fill(PROBE);
        JsonNode parsed;
        try {
            parsed = Http.JSON.readTree(filled);
        } catch (JsonProcessingException e) {
            throw new BadInputException(option + " is not JSON once a prompt is put in " + PLACEHOLDER + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + "); the placeholder goes inside a JSON string, e.g. \"" + PLACEHOLDER
                    + "\"");
        } catch (IOException e) {
            throw new BadInputException(option + " cannot be read: " + e.getMessage());
        }
        if (parsed == null || !parsed.isContainerNode()) {
            throw new BadInputException(option + " must be a JSON object or array with " + PLACEHOLDER + " inside");
        }
        if (!holdsProbe(parsed)) {
            throw new BadInputException(option + ": " + PLACEHOLDER + " must sit inside a JSON string value");
        }
        return t;
    }

    private static boolean holdsProbe(JsonNode n) {
        if (n.isTextual()) {
            return n.asText().contains(PROBE);
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            if (names.next().contains(PROBE)) {
                return true;
            }
        }
        for (JsonNode child : n) {
            if (holdsProbe(child)) {
                return true;
            }
        }
        return false;
    }

    /** The body with the prompt JSON-escaped into every placeholder. */
    String fill(String prompt) {
        String quoted;
        try {
            quoted = Http.JSON.writeValueAsString(prompt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return template.replace(PLACEHOLDER, quoted.substring(1, quoted.length() - 1));
    }
}
