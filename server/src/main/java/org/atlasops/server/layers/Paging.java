package org.atlasops.server.layers;

import io.javalin.http.Context;
import org.atlasops.server.web.Problem;

/** Page parameters of the layer lists (API and page). */
final class Paging {
    private Paging() {}

    /** A whole-number query parameter within [min, max]; {@code fallback} when absent. */
    static int param(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
