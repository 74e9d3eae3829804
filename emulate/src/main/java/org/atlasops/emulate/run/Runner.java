package org.atlasops.emulate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atlasops.emulate.judge.Exchange;
import org.atlasops.emulate.judge.Judgement;
import org.atlasops.emulate.judge.Judges;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.procedure.Step;
import org.atlasops.emulate.target.Reply;
import org.atlasops.emulate.target.Request;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.target.TargetKind;

/**
 * Runs a {@link Plan} against a {@link Target}: each procedure's attempts, concurrently, paced by the rate limit and
 * stopped by the budget. Each finished attempt is judged and appended to the {@link RunDirectory} at once, so an
 * interrupted run can be resumed: attempts already recorded are skipped, attempts in flight are made again. The same
 * seed gives the same attempts (prompts, canaries, generated queries) whatever the concurrency.
 */
public final class Runner {
    /** Told how a run goes, from the run's threads. */
    public interface Listener {
        default void started(int toDo, int alreadyRecorded, List<Plan.NotEmulatable> skipped) {}

        default void attempted(Attempt attempt, int done, int toDo) {}
    }

    /** Why a run ended. */
    public enum End {
        COMPLETED,
        STOPPED,
        BUDGET
    }

    /**
     * What a run did.
     *
     * @param recorded attempts recorded by this call
     * @param resumed attempts that were recorded before and skipped
     * @param skipped procedures the target cannot take, with the reason
     */
    public record Summary(
            int planned,
            int recorded,
            int resumed,
            Map<Verdict, Integer> verdicts,
            List<Plan.NotEmulatable> skipped,
            End end,
            long requests,
            long tokens) {
        public Summary {
            verdicts = Map.copyOf(verdicts);
            skipped = List.copyOf(skipped);
            Objects.requireNonNull(end, "end");
        }
    }

    private final Target target;
    private final RunOptions options;
    private final Function<Attempt, List<ObjectNode>> telemetry;
    private final Judges judges;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<End> end = new AtomicReference<>(End.COMPLETED);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final Object pace = new Object();
    private long nextSlotNanos;
    private volatile ExecutorService pool;

    /**
     * @param telemetry the telemetry events an attempt caused (e.g. {@code Telemetry::of}), written beside it
     */
    public Runner(Target target, RunOptions options, Function<Attempt, List<ObjectNode>> telemetry) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.judges = new Judges(options.secrets(), options.judge());
    }

    /** Ends the run after the requests in flight; what was recorded stays. Callable from any thread. */
    public void stop() {
        end.compareAndSet(End.COMPLETED, End.STOPPED);
        stop.set(true);
        ExecutorService p = pool;
        if (p != null) {
            // tasks still queued never run: cancel them so the run's wait for them ends
            for (Runnable r : p.shutdownNow()) {
                if (r instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
        }
    }

    /** One attempt to make. */
    record Task(Procedure procedure, int index) {
        String key() {
            return procedure.id() + "#" + index;
        }
    }

    public Summary run(Plan plan, RunDirectory dir, Listener listener) throws InterruptedException {
        dir.dropUnfinishedLines();
        Set<String> recorded = dir.attempts().stream().map(Attempt::key).collect(Collectors.toSet());
        List<Plan.NotEmulatable> skipped = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        int planned = 0;
        int resumed = 0;
        Set<TargetKind> kinds = target.kinds();
        for (Procedure p : plan.procedures()) {
            var why = p.whyNot(kinds);
            if (why.isPresent()) {
                skipped.add(new Plan.NotEmulatable(0, p.technique().value(), p.id(), why.get()));
                continue;
            }
            for (int i = 0; i < p.attempts(); i++) {
                planned++;
                Task t = new Task(p, i);
                if (recorded.contains(t.key())) {
                    resumed++;
                } else {
                    tasks.add(t);
                }
            }
        }
        listener.started(tasks.size(), resumed, skipped);
        Map<Verdict, Integer> verdicts = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "emulate-attempt");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return null;
                    }
                    Attempt a;
                    try {
                        a = attempt(t);
                    } catch (InterruptedException e) {
                        return null; // stopped while waiting for the target: made again on resume
                    }
                    if (a == null) {
                        return null;
                    }
                    dir.append(a, telemetry.apply(a));
                    synchronized (verdicts) {
                        verdicts.merge(a.verdict(), 1, Integer::sum);
                    }
                    listener.attempted(a, done.incrementAndGet(), tasks.size());
                    return null;
                }));
            }
            for (Iterator<Future<?>> it = futures.iterator(); it.hasNext(); ) {
                try {
                    it.next().get();
                } catch (java.util.concurrent.CancellationException e) {
                    // stopped
                } catch (java.util.concurrent.ExecutionException e) {
                    stop();
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } catch (InterruptedException e) {
            stop();
            throw e;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return new Summary(planned, done.get(), resumed, verdicts, skipped, end.get(), requests.get(), tokens.get());
    }

    /** A seed for one attempt from the run's seed, the procedure and the index: stable under any concurrency. */
    static long attemptSeed(long runSeed, String procedure, int index) {
        long h = runSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < procedure.length(); i++) {
            h = (h ^ procedure.charAt(i)) * 0xBF58476D1CE4E5B9L;
        }
        h = (h ^ index) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Makes one attempt; null when the run was stopped or the budget ran out before it finished. */
    private Attempt attempt(Task t) throws InterruptedException {
        Procedure p = t.procedure();
        long seed = attemptSeed(options.seed(), p.id(), t.index());
        Random random = new Random(seed);
        String canary = "ATLAS-CANARY-" + HexFormat.of().toHexDigits(random.nextInt());
        Map<String, String> vars = Map.of("canary", canary, "seed", Long.toString(seed));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Exchange> exchanges = new ArrayList<>();
        List<Attempt.Sent> sent = new ArrayList<>();
        List<Request.Message> conversation = new ArrayList<>();
        for (int s = 0; s < p.steps().size(); s++) {
            Step step = p.steps().get(s);
            for (Labelled r : requests(step, conversation, vars, random)) {
                if (stop.get() || !budgetAllows()) {
                    return null;
                }
                paceRequest();
                long r0 = System.nanoTime();
                Reply reply = target.send(r.request());
                long ms = Duration.ofNanos(System.nanoTime() - r0).toMillis();
                requests.addAndGet(Math.max(1, reply.usage().requests()));
                tokens.addAndGet(reply.usage().promptTokens() + reply.usage().completionTokens());
                exchanges.add(new Exchange(s, r.label(), r.request(), reply));
                sent.add(sent(s, r, reply, ms));
                if (r.request() instanceof Request.Chat chat) {
                    conversation.clear();
                    conversation.addAll(chat.messages());
                    conversation.add(
                            new Request.Message("assistant", reply.text().orElse("")));
                }
            }
        }
        Judgement j = judges.judge(p.judge(), new Judges.Evidence(exchanges, vars));
        int reqs = sent.size();
        long pt = sent.stream().mapToLong(Attempt.Sent::promptTokens).sum();
        long ct = sent.stream().mapToLong(Attempt.Sent::completionTokens).sum();
        return new Attempt(
                t.key(),
                p.id(),
                p.name(),
                p.technique().value(),
                p.tactic().value(),
                p.release(),
                t.index(),
                seed,
                canary,
                target.name(),
                "atlas-ops",
                started,
                Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                sent,
                j.verdict(),
                j.reason(),
                reqs,
                pt,
                ct);
    }

    private boolean budgetAllows() {
        boolean ok = options.maxRequests().stream().allMatch(m -> requests.get() < m)
                && options.maxTokens().stream().allMatch(m -> tokens.get() < m);
        if (!ok) {
            end.compareAndSet(End.COMPLETED, End.BUDGET);
            stop.set(true);
        }
        return ok;
    }

    private void paceRequest() throws InterruptedException {
        if (options.ratePerSecond() <= 0) {
            return;
        }
        long wait;
        synchronized (pace) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + (long) (1_000_000_000L / options.ratePerSecond());
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    record Labelled(String label, Request request) {}

    /** The requests one step sends, converted and filled in. */
    static List<Labelled> requests(
            Step step, List<Request.Message> conversation, Map<String, String> vars, Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (step instanceof Step.Chat c) {
            List<Request.Message> messages = new ArrayList<>();
            if (conversation.isEmpty()) {
                c.system().ifPresent(s -> messages.add(new Request.Message("system", fill(s, vars))));
                c.history().forEach(m -> messages.add(new Request.Message(m.role(), fill(m.content(), vars))));
            } else {
                messages.addAll(conversation);
            }
            String payload = c.converters().apply(c.prompt(), vars, random);
            String prompt = c.template()
                    .map(t -> fill(t, vars).replace("{payload}", payload))
                    .orElse(payload);
            messages.add(new Request.Message("user", prompt));
            return List.of(new Labelled("chat", new Request.Chat(messages)));
        }
        if (step instanceof Step.Plant pl) {
            return List.of(new Labelled(
                    "plant",
                    new Request.Plant(
                            pl.channel(), fill(pl.name(), vars), pl.converters().apply(pl.content(), vars, random))));
        }
        if (step instanceof Step.ListTools) {
            return List.of(new Labelled("list-tools", new Request.ListTools()));
        }
        if (step instanceof Step.CallTool ct) {
            return List.of(new Labelled(
                    "call-tool", new Request.CallTool(ct.tool(), fillJson(ct.arguments(), vars, null, random))));
        }
        Step.Infer in = (Step.Infer) step;
        List<Labelled> out = new ArrayList<>();
        for (int r = 0; r < in.repeat(); r++) {
            if (in.input().isPresent()) {
                out.add(new Labelled(
                        in.label(), new Request.Infer(fillJson(in.input().get(), vars, in, random))));
            } else {
                Step.Generate g = in.generate().get();
                for (int i = 0; i < g.count(); i++) {
                    ObjectNode o = f.objectNode();
                    ArrayNode feats = o.putArray("features");
                    for (int k = 0; k < g.features(); k++) {
                        double v = g.min() + random.nextDouble() * (g.max() - g.min());
                        feats.add(Math.round(v * 10_000) / 10_000.0);
                    }
                    out.add(new Labelled(in.label(), new Request.Infer(o)));
                }
            }
        }
        return out;
    }

    private static String fill(String s, Map<String, String> vars) {
        return org.atlasops.emulate.convert.ConverterChain.fill(s, vars);
    }

    private static JsonNode fillJson(JsonNode n, Map<String, String> vars, Step.Infer infer, Random random) {
        if (n.isTextual()) {
            String t = n.asText();
            return JsonNodeFactory.instance.textNode(
                    infer == null ? fill(t, vars) : infer.converters().apply(t, vars, random));
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), fillJson(e.getValue(), vars, infer, random)));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(fillJson(x, vars, infer, random)));
            return a;
        }
        return n;
    }

    private static Attempt.Sent sent(int step, Labelled r, Reply reply, long ms) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode req = f.objectNode();
        String kind;
        Request q = r.request();
        if (q instanceof Request.Chat c) {
            kind = "chat";
            ArrayNode msgs = req.putArray("messages");
            c.messages().forEach(m -> msgs.addObject().put("role", m.role()).put("content", m.content()));
        } else if (q instanceof Request.Plant p) {
            kind = "plant";
            req.put("channel", p.channel()).put("name", p.name()).put("content", p.content());
        } else if (q instanceof Request.ListTools) {
            kind = "list-tools";
        } else if (q instanceof Request.CallTool c) {
            kind = "call-tool";
            req.put("tool", c.tool());
            req.set("arguments", c.arguments());
        } else {
            kind = "infer";
            req.set("input", ((Request.Infer) q).input());
        }
        ArrayNode calls = f.arrayNode();
        for (Reply.ToolCallMade c : reply.toolCalls()) {
            ObjectNode o = calls.addObject();
            o.put("server", c.server());
            o.put("tool", c.tool());
            o.set("arguments", c.arguments());
            c.result().ifPresent(x -> o.put("result", x));
        }
        return new Attempt.Sent(
                step,
                r.label(),
                kind,
                req,
                reply.outcome().name().toLowerCase(java.util.Locale.ROOT),
                reply.text(),
                reply.data(),
                calls,
                Math.max(ms, reply.elapsed().toMillis()),
                reply.usage().promptTokens(),
                reply.usage().completionTokens(),
                reply.detail());
    }
}
