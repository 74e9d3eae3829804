package org.atlasops.emulate.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.procedure.ProcedureLoader;
import org.atlasops.emulate.target.TargetKind;
import org.atlasops.emulate.telemetry.Telemetry;
import org.atlasops.emulate.testing.FakeTarget;
import org.atlasops.emulate.testing.Kb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    static final List<Procedure> LIBRARY = new ProcedureLoader(Kb.V560).bundled();
    static final Function<Attempt, List<ObjectNode>> TELEMETRY = Telemetry::of;

    @TempDir
    Path tmp;

    private RunDirectory dir(String name) throws Exception {
        return RunDirectory.create(
                tmp.resolve(name), JsonNodeFactory.instance.objectNode().put("id", name));
    }

    private static Map<String, String> prompts(List<Attempt> as) {
        // what was sent (answers of this shared fake differ under concurrency; the attacker's side may not)
        return as.stream()
                .collect(Collectors.toMap(
                        Attempt::key,
                        a -> a.canary()
                                + a.seed()
                                + a.exchanges().stream()
                                        .map(x -> x.request()
                                                .toString()
                                                .replaceAll("\\{\"role\":\"assistant\",\"content\":\"[^\"]*\"}", ""))
                                        .toList()));
    }

    @Test
    void theSameSeedGivesTheSameAttemptsWhateverTheConcurrency() throws Exception {
        Plan plan = Plan.select(LIBRARY, List.of(), List.of(), List.of());
        RunDirectory a = dir("a");
        RunDirectory b = dir("b");
        RunDirectory c = dir("c");
        new Runner(new FakeTarget(), RunOptions.defaults(7), TELEMETRY).run(plan, a, new Runner.Listener() {});
        new Runner(new FakeTarget(), RunOptions.defaults(7).withConcurrency(4), TELEMETRY)
                .run(plan, b, new Runner.Listener() {});
        new Runner(new FakeTarget(), RunOptions.defaults(8), TELEMETRY).run(plan, c, new Runner.Listener() {});
        Map<String, String> pa = prompts(a.attempts());
        assertThat(pa).hasSize(LIBRARY.stream().mapToInt(Procedure::attempts).sum());
        assertThat(prompts(b.attempts())).isEqualTo(pa);
        assertThat(prompts(c.attempts())).isNotEqualTo(pa);
    }

    @Test
    void theFakeTargetGivesEveryVerdictAndTelemetryIsWritten() throws Exception {
        RunDirectory d = dir("v");
        Runner.Summary s = new Runner(new FakeTarget(), RunOptions.defaults(1), TELEMETRY)
                .run(Plan.select(LIBRARY, List.of(), List.of(), List.of()), d, new Runner.Listener() {});
        assertThat(s.end()).isEqualTo(Runner.End.COMPLETED);
        Map<String, Verdict> v = d.attempts().stream().collect(Collectors.toMap(Attempt::procedure, Attempt::verdict));
        assertThat(v.get("pi-direct-ignore-previous")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("pi-indirect-rag-document")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("agent-exfil-mail")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("sysprompt-repeat-above")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("classifier-evasion-homoglyphs")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("mcp-list-tools")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("mcp-read-outside-sandbox")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("model-extraction-budget")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("membership-inference")).isEqualTo(Verdict.SUCCEEDED);
        assertThat(v.get("pi-direct-base64")).isEqualTo(Verdict.FAILED);
        assertThat(v.get("agent-discover-tools-chat")).isEqualTo(Verdict.FAILED);
        assertThat(v.get("jb-dan-persona")).isEqualTo(Verdict.SUCCEEDED);
        List<String> telemetry = Files.readAllLines(d.path().resolve(RunDirectory.TELEMETRY));
        assertThat(telemetry).anyMatch(l -> l.contains("\"gen_ai.operation.name\":\"chat\""));
        assertThat(telemetry).anyMatch(l -> l.contains("\"jsonrpc.method\":\"tools/call\"") && l.contains("send_mail"));
        assertThat(telemetry).anyMatch(l -> l.contains("\"url.path\":\"/v1/infer\""));
        assertThat(telemetry).anyMatch(l -> l.contains("\"gen_ai.operation.name\":\"retrieval\""));
    }

    @Test
    void aTimeoutIsUnscorableAndTheRunGoesOn() throws Exception {
        RunDirectory d = dir("t");
        Plan plan = Plan.select(LIBRARY, List.of("pi-direct-ignore-previous", "obf-homoglyphs"), List.of(), List.of());
        new Runner(new FakeTarget(EnumSet.allOf(TargetKind.class), 0, 1), RunOptions.defaults(1), TELEMETRY)
                .run(plan, d, new Runner.Listener() {});
        Map<String, Attempt> by = d.attempts().stream().collect(Collectors.toMap(Attempt::procedure, a -> a));
        assertThat(by).hasSize(2);
        assertThat(by.values())
                .filteredOn(a -> a.verdict() == Verdict.UNSCORABLE)
                .hasSize(1)
                .allMatch(a -> a.reason().contains("timeout"));
    }

    @Test
    void theBudgetStopsTheRunAndAResumeFinishesIt() throws Exception {
        RunDirectory d = dir("b");
        Plan plan = Plan.select(LIBRARY, List.of(), List.of("jailbreak"), List.of());
        Runner.Summary first = new Runner(
                        new FakeTarget(),
                        RunOptions.defaults(3).withBudget(OptionalLong.of(4), OptionalLong.empty()),
                        TELEMETRY)
                .run(plan, d, new Runner.Listener() {});
        assertThat(first.end()).isEqualTo(Runner.End.BUDGET);
        assertThat(first.requests()).isLessThanOrEqualTo(4);
        int kept = d.attempts().size();
        assertThat(kept).isBetween(1, first.planned() - 1);
        Runner.Summary second =
                new Runner(new FakeTarget(), RunOptions.defaults(3), TELEMETRY).run(plan, d, new Runner.Listener() {});
        assertThat(second.resumed()).isEqualTo(kept);
        assertThat(d.attempts()).hasSize(first.planned());
        assertThat(d.attempts().stream().map(Attempt::key).distinct()).hasSize(first.planned());
    }

    @Test
    void anInterruptLosesNothingRecordedAndResumeSkipsIt() throws Exception {
        RunDirectory d = dir("i");
        Plan plan = Plan.select(LIBRARY, List.of(), List.of("llm"), List.of());
        FakeTarget slow = new FakeTarget(EnumSet.allOf(TargetKind.class), 20, -1);
        AtomicInteger seen = new AtomicInteger();
        Runner runner = new Runner(slow, RunOptions.defaults(5).withConcurrency(2), TELEMETRY);
        Runner.Summary s = runner.run(plan, d, new Runner.Listener() {
            @Override
            public void attempted(Attempt attempt, int done, int toDo) {
                if (seen.incrementAndGet() == 5) {
                    runner.stop();
                }
            }
        });
        assertThat(s.end()).isEqualTo(Runner.End.STOPPED);
        List<Attempt> recorded = d.attempts();
        assertThat(recorded.size())
                .isEqualTo(s.recorded())
                .isGreaterThanOrEqualTo(5)
                .isLessThan(s.planned());
        Runner.Summary resumed =
                new Runner(new FakeTarget(), RunOptions.defaults(5), TELEMETRY).run(plan, d, new Runner.Listener() {});
        assertThat(resumed.resumed()).isEqualTo(recorded.size());
        assertThat(d.attempts()).hasSize(s.planned());
        // the attempts recorded before the interrupt are still there, unchanged
        assertThat(d.attempts().subList(0, recorded.size()))
                .usingRecursiveComparison()
                .isEqualTo(recorded);
    }

    @Test
    void aTruncatedLastLineIsLeftOutAndRedone() throws Exception {
        RunDirectory d = dir("cut");
        Plan plan = Plan.select(LIBRARY, List.of("pi-direct-ignore-previous"), List.of(), List.of());
        Files.writeString(d.path().resolve(RunDirectory.ATTEMPTS), "{\"key\":\"pi-direct-ignore-previous#0\",\"proc");
        assertThat(d.attempts()).isEmpty();
        new Runner(new FakeTarget(), RunOptions.defaults(1), TELEMETRY).run(plan, d, new Runner.Listener() {});
        assertThat(d.attempts()).hasSize(1);
    }

    @Test
    void proceduresTheTargetCannotTakeAreSkippedWithTheReason() throws Exception {
        RunDirectory d = dir("k");
        Runner.Summary s = new Runner(
                        new FakeTarget(EnumSet.of(TargetKind.MODEL_API), 0, -1), RunOptions.defaults(1), TELEMETRY)
                .run(Plan.select(LIBRARY, List.of(), List.of(), List.of()), d, new Runner.Listener() {});
        assertThat(s.skipped()).isNotEmpty().allMatch(n -> n.reason().contains("model-api"));
        assertThat(d.attempts())
                .isNotEmpty()
                .allMatch(a -> a.exchanges().stream().allMatch(x -> x.kind().equals("infer")));
    }

    @Test
    void aCaseStudyBecomesAnOrderedPlanWithTheStepsThatCannotBeEmulated() {
        Plan plan = Plan.caseStudy(Kb.V560, "AML.CS0000", LIBRARY);
        assertThat(plan.name()).isEqualTo("case-study:AML.CS0000");
        assertThat(plan.procedures().size() + plan.notEmulatable().size()).isPositive();
        assertThat(plan.notEmulatable()).allMatch(n -> !n.reason().isBlank() && n.step() > 0);
    }
}
