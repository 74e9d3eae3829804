package org.atlasops.server.kb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rendered knowledge-base content (page bodies, API JSON) by key. A release never changes once loaded, so what was
 * rendered for it stays right; the cache is bounded by emptying it when full, which keeps it simple and small.
 */
final class RenderCache {
    private static final int MAX_ENTRIES = 4096;
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    String get(String key, Supplier<String> render) {
        String cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        String fresh = render.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, fresh);
        return fresh;
    }
}
