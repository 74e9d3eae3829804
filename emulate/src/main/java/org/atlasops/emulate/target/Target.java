package org.atlasops.emulate.target;

import java.util.Set;

/**
 * Something a procedure attacks: an LLM app, an agent, an MCP server, a model API, or the content they read.
 * Implementations are thread-safe (a run sends attempts concurrently) and never throw for what the far side did;
 * see {@link Reply}.
 */
public interface Target extends AutoCloseable {

    /** A short name for reports and telemetry, e.g. {@code lab} or the base URL's host. */
    String name();

    /** The kinds of requests this target takes; procedures for other kinds are skipped with that reason. */
    Set<TargetKind> kinds();

    /** Sends one request and waits for its reply (bounded by the target's timeout). */
    Reply send(Request request) throws InterruptedException;

    /** Releases connections and child processes. */
    @Override
    void close();
}
