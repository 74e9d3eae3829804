package org.atlasops.server.web;

import io.javalin.http.Context;
import java.util.List;

/** Renders the page frame ({@link Page}) around a body, for the caller of this request. */
@FunctionalInterface
public interface Frame {
    String render(Context ctx, String title, String release, String body, List<String> modules);
}
