package org.atlasops.server.health;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;

/**
 * Liveness ({@code /healthz}: the process answers HTTP) and readiness ({@code /readyz}: it can also reach its
 * database) for process supervisors, load balancers and Kubernetes probes. Both are public and say no more than
 * their status: no version, no database address, no error text (a 503 problem when not ready).
 */
public final class Health implements AutoCloseable {
    /** How long a readiness check waits for the database before it says not ready. */
    static final long READY_TIMEOUT_MS = 2_000;

    private final BooleanSupplier databaseAnswers;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atlas-ops-readiness");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(true);

    /** What a probe gets on success. */
    public record Status(String status) {
        public Status {
            Objects.requireNonNull(status, "status");
        }
    }

    public Health(BooleanSupplier databaseAnswers) {
        this.databaseAnswers = Objects.requireNonNull(databaseAnswers, "databaseAnswers");
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(new Endpoint(
                "GET",
                "/healthz",
                Access.PUBLIC,
                "health",
                "Liveness: the server answers (200 while the process runs)",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(Status.class),
                ctx -> ctx.json(new Status("ok"))));
        api.accept(new Endpoint(
                "GET",
                "/readyz",
                Access.PUBLIC,
                "health",
                "Readiness: the server answers and reaches its database (else 503, store-unavailable)",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(Status.class),
                this::ready));
    }

    private void ready(Context ctx) {
        if (!databaseAnswersSoon()) {
            // the reason stays in the server: a probe is public
            throw new Problem(ProblemType.STORE_UNAVAILABLE, "not ready: the database does not answer");
        }
        ctx.json(new Status("ready"));
    }

    /**
     * One check at a time: probes that come while the database hangs wait on the same check instead of queuing
     * more, and each waits at most {@link #READY_TIMEOUT_MS}.
     */
    private boolean databaseAnswersSoon() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(databaseAnswers::getAsBoolean, checks);
            }
            check = inFlight;
        }
        try {
            return check.get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
