package org.atlasops.kb;

/** Counts in messages users read: "1 incident", "3 incidents", shared so no message says "1 incidents". */
public final class Words {
    private Words() {}

    /** "1 event", "3 events", "0 events": the noun with an "s" unless the count is one. */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** "1 tool or MCP server", "2 tools and MCP servers": for nouns whose plural is not noun + "s". */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
