package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.Plan;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.emulate.run.RunOptions;
import org.atlasops.emulate.run.Runner;
import org.atlasops.emulate.target.Target;
import org.atlasops.emulate.telemetry.Telemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emulate run}: a plan against a target, every attempt kept in a run folder. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run procedures against a target. Every attempt (prompt as sent, answer, verdict, reason, timing, usage) is "
                    + "appended to <run>/attempts.jsonl as it finishes, and the telemetry it caused to "
                    + "<run>/telemetry.jsonl; Ctrl-C stops after the requests in flight, and --resume RUN goes on "
                    + "where it stopped. Without --procedure, --tag, --technique or --case-study: the whole library.",
            "Exit code 0 when the run finished or was stopped; 2 for bad input."
        })
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "NAME",
            description =
                    "The target to attack (lab, openai, http, mcp, agent, model-api when built in; see docs/emulate.md).")
    String target;

    @Option(
            names = "--target-option",
            paramLabel = "KEY=VALUE",
            description = "An option of the target (repeatable), e.g. base-url=http://127.0.0.1:8080.")
    List<String> targetOptions = List.of();

    @Option(names = "--procedures", paramLabel = "DIR", description = "Also your procedures from this folder.")
    Path procedures;

    @Option(names = "--procedure", paramLabel = "ID", description = "Run this procedure (repeatable).")
    List<String> ids = List.of();

    @Option(names = "--tag", paramLabel = "TAG", description = "Run the procedures with this tag (repeatable).")
    List<String> tags = List.of();

    @Option(
            names = "--technique",
            paramLabel = "ID",
            description = "Run the procedures for this technique (repeatable).")
    List<String> techniques = List.of();

    @Option(
            names = "--case-study",
            paramLabel = "ID",
            description =
                    "Replay an ATLAS case study: its emulatable steps in order, the others listed with the reason.")
    String caseStudy;

    @Option(names = "--seed", paramLabel = "N", description = "The same seed gives the same attempts (default: 1).")
    long seed = 1;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Attempts in flight at once, 1 to 64 (default: 1).")
    int concurrency = 1;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "Requests per second at most (default: no limit).")
    double rate;

    @Option(names = "--max-requests", paramLabel = "N", description = "Stop after this many requests (a budget).")
    Long maxRequests;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Stop after this many tokens (a budget).")
    Long maxTokens;

    @Option(
            names = "--secret",
            paramLabel = "VALUE",
            description =
                    "A value that counts as leaked when an answer holds it (repeatable), e.g. the target's system-prompt secret.")
    List<String> secrets = List.of();

    @Option(
            names = "--judge-target",
            paramLabel = "NAME",
            description = "A chat target that answers the procedures' LLM judges.")
    String judgeTarget;

    @Option(
            names = "--judge-option",
            paramLabel = "KEY=VALUE",
            description = "An option of the judge target (repeatable).")
    List<String> judgeOptions = List.of();

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "The run folder (default: <data-dir>/emulation/runs/<time>-seed<N>).")
    Path outputDir;

    @Option(
            names = "--resume",
            paramLabel = "RUN",
            description = "Go on with the run in this folder: its plan and seed, the attempts not yet recorded.")
    Path resume;

    @Mixin
    FormatOption<ListCommand.Format> format =
            FormatOption.of(ListCommand.Format.text, ListCommand.Format.json).described("The summary as text or json");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (concurrency < 1 || concurrency > 64) {
            throw new UserException("--concurrency " + concurrency + ": give 1 to 64");
        }
        if (rate < 0) {
            throw new UserException("--rate " + rate + ": give 0 (no limit) or more");
        }
        RunDirectory dir;
        Plan plan;
        long runSeed = seed;
        List<Procedure> library = parent.library(procedures);
        if (resume != null) {
            if (!ids.isEmpty() || !tags.isEmpty() || !techniques.isEmpty() || caseStudy != null || outputDir != null) {
                throw new UserException("--resume " + resume + ": the run keeps its plan and folder; give --resume "
                        + "without --procedure, --tag, --technique, --case-study or --output-dir");
            }
            dir = RunDirectory.open(resume);
            ObjectNode m = dir.manifest();
            runSeed = m.path("seed").asLong();
            List<String> planned = new ArrayList<>();
            m.path("procedures").forEach(p -> planned.add(p.asText()));
            plan = new Plan(
                    m.path("plan").asText("resumed"),
                    Plan.select(library, planned, List.of(), List.of()).procedures(),
                    List.of());
        } else {
            plan = caseStudy != null
                    ? Plan.caseStudy(parent.root.knowledgeBase(), caseStudy, library)
                    : Plan.select(library, ids, tags, techniques);
            if (caseStudy != null && (!ids.isEmpty() || !tags.isEmpty() || !techniques.isEmpty())) {
                throw new UserException(
                        "--case-study " + caseStudy + ": give it alone, without --procedure, --tag or --technique");
            }
            dir = null;
        }
        try (Target t = Targets.open(target, targetOptions)) {
            Optional<Target> judge =
                    judgeTarget == null ? Optional.empty() : Optional.of(Targets.open(judgeTarget, judgeOptions));
            try {
                if (dir == null) {
                    Path where = outputDir != null
                            ? outputDir
                            : parent.runsDir()
                                    .resolve(Instant.now()
                                                    .truncatedTo(ChronoUnit.SECONDS)
                                                    .toString()
                                                    .replace(':', '-') + "-seed" + runSeed);
                    dir = RunDirectory.create(where, manifest(plan, t, runSeed));
                }
                return run(plan, t, judge, dir, runSeed, out, err);
            } finally {
                judge.ifPresent(Target::close);
            }
        }
    }

    /** The --secret values, and against the lab its own secret, API key and canary: the lab says what it hides. */
    private List<String> secretsOf(Target t) throws InterruptedException {
        List<String> all = new java.util.ArrayList<>(secrets);
        if (t instanceof org.atlasops.emulate.lab.LabTarget lab) {
            lab.truth().ifPresent(truth -> all.addAll(List.of(truth.secret(), truth.apiKey(), truth.canary())));
        }
        return all;
    }

    private int run(
            Plan plan,
            Target t,
            Optional<Target> judge,
            RunDirectory dir,
            long runSeed,
            PrintWriter out,
            PrintWriter err)
            throws InterruptedException {
        RunOptions options = RunOptions.defaults(runSeed)
                .withConcurrency(concurrency)
                .withRate(rate)
                .withBudget(
                        maxRequests == null ? OptionalLong.empty() : OptionalLong.of(maxRequests),
                        maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens))
                .withSecrets(secretsOf(t))
                .withJudge(judge);
        Runner runner = new Runner(t, options, Telemetry::of);
        boolean tty = System.console() != null;
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(
                () -> {
                    runner.stop();
                    try {
                        done.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "atlas-ops-emulate-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        Runner.Summary s;
        try {
            s = runner.run(plan, dir, new Runner.Listener() {
                @Override
                public void attempted(Attempt a, int n, int of) {
                    if (tty) {
                        synchronized (err) {
                            err.print("\r" + n + "/" + of + " attempts  " + a.key() + " "
                                    + a.verdict().label() + "      ");
                            err.flush();
                        }
                    }
                }
            });
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
        if (tty) {
            err.println();
        }
        print(s, plan, dir, out);
        return unreachable(dir.attempts(), err) ? org.atlasops.cli.ExitCodes.BAD_INPUT : 0;
    }

    /**
     * Whether the target never answered: every attempt unscorable because every exchange failed in transport (error,
     * timeout, garbage), not because a guard blocked it. Says so in one line; the attempts stay recorded.
     */
    private static boolean unreachable(List<Attempt> all, PrintWriter err) {
        if (all.isEmpty()
                || !all.stream()
                        .allMatch(a -> a.verdict() == Verdict.UNSCORABLE
                                && !a.exchanges().isEmpty()
                                && a.exchanges().stream()
                                        .allMatch(x -> Set.of("error", "timeout", "malformed")
                                                .contains(x.outcome())))) {
            return false;
        }
        err.println("atlas-ops: the target never answered: every attempt failed in transport (the first: "
                + all.get(0).reason() + "); check --target and --target-option, then try one --procedure");
        return true;
    }

    private void print(Runner.Summary s, Plan plan, RunDirectory dir, PrintWriter out) {
        List<Attempt> all = dir.attempts();
        if (format.get() == ListCommand.Format.json) {
            ObjectNode o = JsonOutput.object();
            o.put("run", dir.path().toString());
            o.put("end", s.end().name().toLowerCase(Locale.ROOT));
            o.put("planned", s.planned());
            o.put("recorded_now", s.recorded());
            o.put("resumed", s.resumed());
            o.put("requests", s.requests());
            o.put("tokens", s.tokens());
            ObjectNode v = o.putObject("verdicts");
            for (Verdict x : Verdict.values()) {
                v.put(x.label(), all.stream().filter(a -> a.verdict() == x).count());
            }
            ArrayNode skipped = o.putArray("not_emulated");
            List<Plan.NotEmulatable> not = new ArrayList<>(plan.notEmulatable());
            not.addAll(s.skipped());
            for (Plan.NotEmulatable n : not) {
                ObjectNode x = skipped.addObject();
                if (n.step() > 0) {
                    x.put("step", n.step());
                }
                x.put("technique", n.technique()).put("what", n.what()).put("reason", n.reason());
            }
            JsonOutput.print(out, o);
            return;
        }
        out.println("run " + dir.path() + ": " + s.end().name().toLowerCase(Locale.ROOT) + "; " + all.size() + " of "
                + s.planned() + " attempts recorded (" + s.recorded() + " now, " + s.resumed() + " before)");
        for (Verdict x : Verdict.values()) {
            out.println("  " + x.label() + ": "
                    + all.stream().filter(a -> a.verdict() == x).count());
        }
        for (Plan.NotEmulatable n : plan.notEmulatable()) {
            out.println("  not emulatable: step " + n.step() + " " + n.technique() + ": " + n.reason());
        }
        for (Plan.NotEmulatable n : s.skipped()) {
            out.println("  skipped: " + n.what() + " (" + n.technique() + "): " + n.reason());
        }
        if (s.end() != Runner.End.COMPLETED) {
            out.println("  to go on: atlas-ops emulate run --target " + target + " --resume " + dir.path());
        }
        out.println("reports: atlas-ops emulate report " + dir.path() + " -f sarif|junit|html|layer|json|jsonl");
    }

    private ObjectNode manifest(Plan plan, Target t, long runSeed) {
        ObjectNode m = JsonOutput.object();
        m.put("schema", 1);
        m.put("id", Instant.now().toString() + "-seed" + runSeed);
        m.put("created", Instant.now().toString());
        m.put("atlas_release", parent.root.knowledgeBase().version());
        m.put("seed", runSeed);
        m.put("target", t.name());
        m.put("target_factory", target);
        ObjectNode opts = m.putObject("target_options");
        for (String o : targetOptions) {
            int eq = o.indexOf('=');
            String k = eq < 0 ? o : o.substring(0, eq);
            boolean secret = k.toLowerCase(Locale.ROOT).matches(".*(key|token|secret|password).*");
            opts.put(k, secret ? "***" : eq < 0 ? "" : o.substring(eq + 1));
        }
        m.put("plan", plan.name());
        ArrayNode ps = m.putArray("procedures");
        plan.procedures().forEach(p -> ps.add(p.id()));
        ArrayNode not = m.putArray("not_emulatable");
        for (Plan.NotEmulatable n : plan.notEmulatable()) {
            not.addObject()
                    .put("step", n.step())
                    .put("technique", n.technique())
                    .put("what", n.what())
                    .put("reason", n.reason());
        }
        m.put("concurrency", concurrency);
        m.put("rate_per_second", rate);
        if (maxRequests != null) {
            m.put("max_requests", maxRequests);
        }
        if (maxTokens != null) {
            m.put("max_tokens", maxTokens);
        }
        return m;
    }

    static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }

    @SuppressWarnings("unused")
    private static void unused() throws IOException {}
}
