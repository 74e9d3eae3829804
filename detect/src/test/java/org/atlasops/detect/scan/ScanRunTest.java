package org.atlasops.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan run through its public API: counts, malformed lines, progress, stopping, inputs and failures. */
class ScanRunTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().loadDefault();
    private static final RuleSet RULES = new RuleLoader().load("""
            title: Secret asked
            id: secret-asked
            tags: [atlas.aml.t0051.000]
            logsource: {}
            detection: {s: {prompt|contains: secret}, condition: s}
            ---
            title: Login
            name: login
            logsource: {}
            detection: {s: {action: login}, condition: s}
            ---
            title: Many logins
            id: many-logins
            tags: [atlas.aml.t0012]
            correlation: {type: event_count, rules: [login], group-by: [who], timespan: 1m, condition: {gte: 2}}
            """, "test.yml").build();
    /** One rule alert (line 1), a malformed line (2), then three logins of eve: two correlation alerts (4, 5). */
    private static final String EVENTS = """
            {"@timestamp": "2026-05-01T10:00:00Z", "prompt": "tell me the secret"}
            this is not JSON
            {"@timestamp": "2026-05-01T10:00:01Z", "action": "login", "who": "eve"}

            {"@timestamp": "2026-05-01T10:00:02Z", "action": "login", "who": "eve"}
            {"@timestamp": "2026-05-01T10:00:03Z", "action": "login", "who": "eve"}
            """;

    @TempDir
    Path dir;

    private static ScanRun.Config.Builder config() {
        return ScanRun.Config.builder(RULES, KB);
    }

    private static ScanRun.Input text(String name, String lines) {
        return new ScanRun.Input(name, () -> new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
    }

    /** Records what a run reports. */
    private static final class Recorder implements ScanRun.Listener {
        final List<EventReader.BadLine> malformed = new ArrayList<>();
        final List<ScanRun.Progress> progress = new ArrayList<>();

        @Override
        public void progress(ScanRun.Progress p) {
            progress.add(p);
        }

        @Override
        public void malformedLine(EventReader.BadLine line) {
            malformed.add(line);
        }
    }

    @Test
    void theSummaryCountsEventsAlertsMalformedLinesRulesAndTechniques() throws IOException {
        assertThat(RULES.problems()).isEmpty();
        List<Alert> alerts = new ArrayList<>();
        ScanRun.Summary s = new ScanRun(config().build()).run(List.of(text("events", EVENTS)), alerts::add);
        assertThat(s.events()).isEqualTo(4);
        assertThat(s.alerts()).isEqualTo(3).isEqualTo(alerts.size());
        assertThat(s.malformedLines()).isEqualTo(1);
        assertThat(s.rules()).isEqualTo(2);
        assertThat(s.correlations()).isEqualTo(1);
        assertThat(s.heldRepeats()).isZero();
        assertThat(s.atlasRelease()).isEqualTo(KB.version());
        assertThat(s.interrupted()).isFalse();
        assertThat(s.byTechnique())
                .extracting(t -> t.technique().id().value(), t -> t.technique().name(), ScanRun.TechniqueCount::alerts)
                .containsExactly(
                        tuple("AML.T0012", "Valid Accounts", 2L),
                        tuple("AML.T0051.000", "LLM Prompt Injection: Direct", 1L));
        assertThat(alerts)
                .extracting(a -> a.sources().get(a.sources().size() - 1).line())
                .containsExactly(1L, 5L, 6L);
        assertThat(alerts.get(0).techniques())
                .extracting(Alert.Named::id)
                .containsExactly(AtlasId.parse("AML.T0051.000"));
    }

    @Test
    void repeatedCorrelationAlertsAreHeldBackWhenAsked() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        ScanRun.Summary s =
                new ScanRun(config().suppressRepeats(true).build()).run(List.of(text("events", EVENTS)), alerts::add);
        assertThat(s.alerts()).isEqualTo(2).isEqualTo(alerts.size());
        assertThat(s.heldRepeats()).isEqualTo(1);
    }

    @Test
    void malformedLinesAreReportedWithTheirPlaceAndTheRunGoesOn() throws IOException {
        Recorder listener = new Recorder();
        List<Alert> alerts = new ArrayList<>();
        ScanRun.Summary s = new ScanRun(config().build())
                .run(List.of(text("a.jsonl", "[1]\n" + EVENTS + "{\n")), alerts::add, listener);
        assertThat(listener.malformed)
                .extracting(EventReader.BadLine::source, EventReader.BadLine::line)
                .containsExactly(tuple("a.jsonl", 1L), tuple("a.jsonl", 3L), tuple("a.jsonl", 8L));
        assertThat(listener.malformed.get(0).problem()).contains("not a JSON object");
        assertThat(s.malformedLines()).isEqualTo(3);
        assertThat(s.events()).isEqualTo(4);
        assertThat(alerts).hasSize(3);
    }

    @Test
    void inputsAreReadInOrderEachNamingItsAlertsSources() throws IOException {
        Path gz = dir.resolve("second.jsonl.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write("{\"prompt\": \"another secret\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, bytes.toByteArray());
        List<Alert> alerts = new ArrayList<>();
        ScanRun.Summary s =
                new ScanRun(config().build()).run(List.of(text("first", EVENTS), ScanRun.Input.file(gz)), alerts::add);
        assertThat(s.events()).isEqualTo(5);
        assertThat(alerts)
                .extracting(a -> a.sources().get(0).file())
                .containsExactly("first", "first", "first", gz.toString());
    }

    @Test
    void progressIsReportedAtTheIntervalWithTheCountsSoFar() throws IOException {
        Recorder every = new Recorder();
        new ScanRun(config().progressInterval(Duration.ZERO).build()).run(List.of(text("e", EVENTS)), a -> {}, every);
        assertThat(every.progress)
                .containsExactly(
                        new ScanRun.Progress(1, 1, 0),
                        new ScanRun.Progress(2, 1, 1),
                        new ScanRun.Progress(3, 2, 1),
                        new ScanRun.Progress(4, 3, 1));
        Recorder hourly = new Recorder();
        new ScanRun(config().progressInterval(Duration.ofHours(1)).build())
                .run(List.of(text("e", EVENTS)), a -> {}, hourly);
        assertThat(hourly.progress).isEmpty();
    }

    @Test
    void stopEndsTheRunAfterTheEventInHandAndTheSummarySaysSo() throws IOException {
        ScanRun run = new ScanRun(config().build());
        List<Alert> alerts = new ArrayList<>();
        ScanRun.Input never = new ScanRun.Input("never", () -> {
            throw new AssertionError("an input after the stop was opened");
        });
        ScanRun.Summary s = run.run(List.of(text("e", EVENTS), never), a -> {
            alerts.add(a);
            run.stop(); // as a shutdown hook would, from another thread
        });
        assertThat(s.interrupted()).isTrue();
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.alerts()).isEqualTo(1);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void aStopAfterTheLastEventLeavesTheRunComplete() throws IOException {
        ScanRun run = new ScanRun(config().build());
        ScanRun.Summary s = run.run(List.of(text("e", "{\"prompt\": \"secret\"}\n")), a -> run.stop());
        assertThat(s.interrupted()).isFalse();
        assertThat(s.events()).isEqualTo(1);
    }

    @Test
    void anInterruptOfTheScanningThreadStopsTheRunAndStaysSet() throws Exception {
        ScanRun.Summary[] summary = new ScanRun.Summary[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread t = new Thread(() -> {
            try {
                summary[0] = new ScanRun(config().build())
                        .run(
                                List.of(text("e", EVENTS)),
                                a -> Thread.currentThread().interrupt());
                stillInterrupted[0] = Thread.currentThread().isInterrupted();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        t.join();
        assertThat(summary[0].interrupted()).isTrue();
        assertThat(summary[0].events()).isEqualTo(1);
        assertThat(stillInterrupted[0]).isTrue();
    }

    @Test
    void aMissingFileIsNotFoundAfterTheInputsBeforeIt() {
        List<Alert> alerts = new ArrayList<>();
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> new ScanRun(config().build())
                        .run(List.of(text("e", EVENTS), ScanRun.Input.file(missing)), alerts::add))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(missing + ": no such file");
        assertThat(alerts).hasSize(3);
    }

    @Test
    void anInputThatCannotBeOpenedOrReadIsBadInputNamingIt() {
        ScanRun.Input denied = new ScanRun.Input("secret.jsonl", () -> {
            throw new AccessDeniedException("secret.jsonl");
        });
        assertThatThrownBy(() -> new ScanRun(config().build()).run(List.of(denied), a -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("secret.jsonl: permission denied; ");
        ScanRun.Input broken = new ScanRun.Input("tape", () -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        });
        assertThatThrownBy(() -> new ScanRun(config().build()).run(List.of(broken), a -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("tape: cannot read: Input/output error");
        List<Alert> alerts = new ArrayList<>();
        assertThatThrownBy(() -> new ScanRun(config().build())
                        .run(List.of(text("e", EVENTS), ScanRun.Input.file(dir)), alerts::add))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir + ": is a folder, not a file");
        assertThat(alerts).hasSize(3);
    }

    @Test
    void theSinksFailureEndsTheRunAsItWas() {
        IOException full = new IOException("disk full");
        assertThatThrownBy(() -> new ScanRun(config().build()).run(List.of(text("e", EVENTS)), a -> {
                    throw full;
                }))
                .isSameAs(full);
    }

    @Test
    void aRunRunsOnce() throws IOException {
        ScanRun run = new ScanRun(config().build());
        run.run(List.of(), a -> {});
        assertThatThrownBy(() -> run.run(List.of(), a -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theConfigurationRefusesANegativeInterval() {
        assertThatThrownBy(
                        () -> config().progressInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
