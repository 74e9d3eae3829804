package org.atlasops.assess.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocMetricsTest {
    private static final KnowledgeBase KB = Samples.latest();

    @TempDir
    Path dir;

    private static Timelines sample() {
        return Timelines.read(Samples.dir().resolve("support-bot-timelines.yaml"), KB);
    }

    @Test
    void meanMedianAndP90OfTimeToDetectAndRespond() {
        SocMetrics.Report r = SocMetrics.compute(sample(), KB, Optional.empty(), Optional.empty());
        assertThat(r.overall().incidents()).isEqualTo(4);
        // time to detect: 3h30m, 3m, 55h, 25m; to respond: 1h25m, 1h27m, 18h (the fourth is not contained)
        SocMetrics.Stats ttd = r.overall().detect().orElseThrow();
        assertThat(ttd.count()).isEqualTo(4);
        assertThat(ttd.median()).isEqualTo(Duration.ofMinutes(25));
        assertThat(ttd.p90()).isEqualTo(Duration.ofHours(55));
        assertThat(ttd.mean())
                .isEqualTo(Duration.ofMinutes((210 + 3 + 3300 + 25) / 4).plusSeconds(30));
        SocMetrics.Stats ttr = r.overall().respond().orElseThrow();
        assertThat(ttr.count()).isEqualTo(3);
        assertThat(ttr.median()).isEqualTo(Duration.ofMinutes(87));
    }

    @Test
    void figuresPerTechniqueTacticAndSystemAndTheAlertShare() {
        SocMetrics.Report r = SocMetrics.compute(sample(), KB, Optional.empty(), Optional.empty());
        assertThat(r.byTechnique()).anySatisfy(f -> {
            assertThat(f.group()).isEqualTo("AML.T0086");
            assertThat(f.detect().orElseThrow().median()).isEqualTo(Duration.ofMinutes(210));
        });
        assertThat(r.byTactic()).anySatisfy(f -> {
            assertThat(f.group()).isEqualTo("Execution");
            assertThat(f.incidents()).isEqualTo(2);
        });
        assertThat(r.bySystem())
                .singleElement()
                .satisfies(f -> assertThat(f.incidents()).isEqualTo(4));
        assertThat(r.alertCount()).isEqualTo(6);
        assertThat(r.incidentShare()).isEqualTo(66.7);
        assertThat(r.alerts()).anySatisfy(a -> {
            assertThat(a.technique()).isEqualTo(AtlasId.parse("AML.T0051.000"));
            assertThat(a.alerts()).isEqualTo(3);
            assertThat(a.becameIncidents()).isEqualTo(1);
        });
        assertThat(MetricsReport.text(r)).contains("MTTD").contains("AML.T0086");
        assertThat(MetricsReport.jsonText(r)).contains("\"p90Seconds\" : 198000");
    }

    @Test
    void theAlertsThemselvesMakeTheShareOverEveryAlertPerTechnique() throws Exception {
        Path alerts = Samples.dir().resolve("support-bot-alerts.jsonl");
        java.util.List<AlertRecord> read = AlertLines.read(alerts, KB);
        Path more = dir.resolve("more.jsonl");
        // a repeat of A-3 (overlapping scans) and a new unlinked alert: the repeat counts once
        Files.writeString(
                more,
                Files.readAllLines(alerts).get(2) + "\n\n"
                        + "{\"id\":\"B-1\",\"time\":\"2026-11-21T00:00:00Z\",\"techniques\":[{\"id\":\"AML.T0086\"}]}\n");
        java.util.List<AlertRecord> all = new java.util.ArrayList<>(read);
        all.addAll(AlertLines.read(more, KB));
        SocMetrics.Report r = SocMetrics.compute(sample().withAlerts(all), KB, Optional.empty(), Optional.empty());
        long linked = read.stream()
                .filter(a -> sample().linkedAlertIds().contains(a.id()))
                .count();
        assertThat(r.alertCount()).isEqualTo(read.size() + 1);
        assertThat(r.alertsThatBecameIncidents()).isEqualTo((int) linked);
        assertThat(r.incidentShare()).isLessThan(100.0);
        assertThat(r.alerts()).anySatisfy(a -> {
            assertThat(a.technique()).isEqualTo(AtlasId.parse("AML.T0086"));
            assertThat(a.alerts()).isEqualTo(3);
            assertThat(a.becameIncidents()).isEqualTo(1);
        });
        // without the files, only the file's own alerts count
        assertThat(SocMetrics.compute(sample(), KB, Optional.empty(), Optional.empty())
                        .alertCount())
                .isEqualTo(6);
    }

    @Test
    void aFlawedAlertLineNamesFileLineAndField() throws Exception {
        Path bad = dir.resolve("alerts.jsonl");
        Files.writeString(
                bad,
                "{\"id\":\"x\",\"time\":\"2026-11-21T00:00:00Z\",\"techniques\":[]}\n"
                        + "{\"id\":\"y\",\"time\":\"2026-11-21T00:00:00Z\",\"techniques\":[{\"id\":\"AML.T0511\"}]}\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB))
                .hasMessageStartingWith(bad + ":2: techniques[0].id: AML.T0511")
                .hasMessageContaining("nearest");
        Files.writeString(bad, "{\"id\":\"x\",\"time\":\"yesterday\"}\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB)).hasMessageStartingWith(bad + ":1: time: 'yesterday'");
        Files.writeString(bad, "{\"time\":\"2026-11-21T00:00:00Z\"}\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB)).hasMessageStartingWith(bad + ":1: id: missing");
        Files.writeString(bad, "not json\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB)).hasMessageStartingWith(bad + ":1: not JSON");
        Files.writeString(bad, "{\"class_uid\":2004}\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB)).hasMessageContaining("OCSF or ECS");
        Files.writeString(bad, "\n\n");
        assertThatThrownBy(() -> AlertLines.read(bad, KB)).hasMessageStartingWith(bad + ": empty file");
        assertThatThrownBy(() -> AlertLines.read(dir, KB)).hasMessageContaining("is a folder");
    }

    @Test
    void theFixForAnOcsfLineIsAFormatDetectScanTakes() throws Exception {
        Path bad = dir.resolve("ocsf.jsonl");
        Files.writeString(bad, "{\"class_uid\":2004}\n");
        // detect scan takes json, ocsf or ecs: 'jsonl' would be refused there
        assertThatThrownBy(() -> AlertLines.read(bad, KB))
                .hasMessageContaining("--format json'")
                .hasMessageNotContaining("jsonl'");
    }

    @Test
    void gzipIsKnownByItsNameInAnyCaseAndAnEmptyOneIsNamedEmpty() throws Exception {
        Path upper = dir.resolve("ALERTS.JSONL.GZ");
        try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(upper))) {
            o.write("{\"id\":\"x\",\"time\":\"2026-11-21T00:00:00Z\",\"techniques\":[]}\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(AlertLines.read(upper, KB)).extracting(AlertRecord::id).containsExactly("x");
        Path empty = dir.resolve("empty.jsonl.gz");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> AlertLines.read(empty, KB))
                .hasMessageStartingWith(empty + ": empty file")
                .hasMessageNotContaining("null");
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(upper), 12));
        assertThatThrownBy(() -> AlertLines.read(cut, KB)).hasMessageNotContaining("(null)");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsNumber() throws Exception {
        Path big = dir.resolve("big.jsonl");
        Files.writeString(
                big, "{\"id\":\"x\",\"time\":\"2026-11-21T00:00:00Z\"}\n" + "x".repeat(AlertLines.MAX_LINE + 1));
        assertThatThrownBy(() -> AlertLines.read(big, KB)).hasMessageStartingWith(big + ":2: longer than");
    }

    @Test
    void aPeriodKeepsTheIncidentsThatStartedInIt() {
        SocMetrics.Report r = SocMetrics.compute(
                sample(),
                KB,
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(r.overall().incidents()).isEqualTo(2);
        assertThat(r.alertCount()).isEqualTo(2);
    }

    @Test
    void aReversedPeriodIsRefusedRatherThanReportedAsNoIncident() {
        assertThatThrownBy(() -> SocMetrics.compute(
                        sample(),
                        KB,
                        Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                        Optional.of(Instant.parse("2026-11-01T00:00:00Z"))))
                .isInstanceOf(org.atlasops.kb.failure.BadInputException.class)
                .hasMessage(
                        "the period 2026-12-01 to 2026-11-01 is empty: since must be a day before until; swap them");
    }

    @Test
    void flawsNameFileLineAndField() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(
                f, "incidents:\n  - id: I1\n    techniques: [AML.T0511]\n    started: 2026-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> Timelines.read(f, KB))
                .isInstanceOf(AtlasDataException.class)
                .hasMessage(
                        f
                                + ":3:18: incidents[0].techniques: AML.T0511 is not in ATLAS 5.6.0; nearest: AML.T0011 (User Execution)");
        Files.writeString(
                f, "incidents:\n  - id: I1\n    started: 2026-01-02T00:00:00Z\n    detected: 2026-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> Timelines.read(f, KB))
                .hasMessage(f + ":4:15: incidents[0].detected: is before started");
        Files.writeString(f, "incidents:\n  - id: I1\n    started: yesterday\n");
        assertThatThrownBy(() -> Timelines.read(f, KB))
                .hasMessageContaining(":3:14: incidents[0].started: 'yesterday' is not a time");
    }
}
