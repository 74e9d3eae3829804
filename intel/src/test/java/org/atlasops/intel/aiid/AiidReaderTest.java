package org.atlasops.intel.aiid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.atlasops.intel.incident.Samples;
import org.atlasops.intel.mapping.Basis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small snapshot in the published layout, written here: the real one is CC BY-SA and never bundled. */
class AiidReaderTest {
    static final String INCIDENTS = """
            _id,incident_id,date,reports,Alleged deployer of AI system,Alleged developer of AI system,Alleged harmed or nearly harmed parties,description,title
            a1,1,2023-02-09,"[10,11]","[""microsoft""]","[""openai"",""microsoft""]","[""bing-users""]","A student used a prompt injection to make Bing Chat reveal its system prompt, ""Sydney"".",Bing Chat reveals its instructions
            a2,2,2021-06-01,[12],"[""acme""]","[""acme""]",[],"A recommender showed the same song
            on repeat.",Recommender loops
            a3,x3,2022-01-01,[],[],[],[],broken,Broken row
            a4,4,2024-13-01,[13],[],[],[],Scammers used a deepfake voice clone of a CEO.,Deepfake CEO call
            """;
    static final String REPORTS = """
            _id,authors,date_published,report_number,title,url
            r1,[],2023-02-09,10,Bing chat jailbreak shows its hidden rules,https://example.org/a
            r2,[],2023-02-10,11,Prompt injection on Bing,https://example.org/b
            r3,[],2021-06-02,12,Song loop,https://example.org/c
            r4,[],2024-01-02,13,Voice scam,https://example.org/d
            """;
    static final String GMF = """
            _id,namespace,incident_id,Known AI Technical Failure,Known AI Technology
            c1,GMF,1,Prompt Injection,Large Language Model
            c2,GMF,zz,Unknown,Unknown
            """;

    @Test
    void aSnapshotFolderIsReadAndBadRowsReportedWhileTheRestIsKept(@TempDir Path dir) throws IOException {
        Path snap = Files.createDirectories(dir.resolve("backup-20260302"));
        Files.writeString(snap.resolve("incidents.csv"), INCIDENTS);
        Files.writeString(snap.resolve("reports.csv"), REPORTS);
        Files.writeString(snap.resolve("classifications_GMF.csv"), GMF);
        check(AiidReader.read(snap, Samples.KB));
        check(AiidReader.read(snap.resolve("incidents.csv"), Samples.KB));
    }

    @Test
    void theDownloadedArchiveIsReadAsIs(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("backup-20260302.tar.bz2");
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new BZip2CompressorOutputStream(out))) {
            for (Map.Entry<String, String> e : Map.of(
                            "incidents.csv", INCIDENTS, "reports.csv", REPORTS, "classifications_GMF.csv", GMF)
                    .entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("mongodump_full_snapshot/" + e.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        check(AiidReader.read(archive, Samples.KB));
    }

    private static void check(AiidSnapshot s) {
        assertThat(s.incidents()).extracting(AiidIncident::incidentId).containsExactly(1, 2, 4);
        assertThat(s.problems())
                .containsExactly(
                        "classifications_GMF.csv:3: incident_id: 'zz' is not an incident number; row left out",
                        "incidents.csv:5: incident_id: 'x3' is not a number; row left out",
                        "incidents.csv:6: date: '2024-13-01' is not a date (YYYY-MM-DD); the incident is kept without one");
        AiidIncident bing = s.incidents().get(0);
        assertThat(bing.deployers()).containsExactly("microsoft");
        assertThat(bing.reportTitles()).hasSize(2);
        assertThat(bing.classifications()).containsEntry("GMF:Known AI Technical Failure", "Prompt Injection");
        assertThat(bing.techniques())
                .extracting(t -> t.technique().value())
                .contains("AML.T0051", "AML.T0054", "AML.T0056");
        assertThat(bing.techniques()).allSatisfy(t -> assertThat(t.basis()).isEqualTo(Basis.INFERRED));
        assertThat(s.incidents().get(1).description()).isEqualTo("A recommender showed the same song\non repeat.");
        assertThat(s.incidents().get(1).securityRelevant()).isFalse();
        assertThat(s.incidents().get(2).techniques())
                .extracting(t -> t.technique().value())
                .contains("AML.T0088");
        assertThat(s.securityRelevant()).isEqualTo(2);
        assertThat(AiidSnapshot.ATTRIBUTION).contains("CC BY-SA 4.0");
    }

    @Test
    void aBrokenFileNamesItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("incidents.csv"), "incident_id,title\n1,\"never closed\n2,x\n");
        assertThatThrownBy(() -> AiidReader.read(dir, Samples.KB))
                .hasMessage(
                        "incidents.csv:2: a quoted field is never closed; the file is cut short or a quote is not doubled");
        Files.writeString(dir.resolve("incidents.csv"), "id,name\n1,x\n");
        assertThatThrownBy(() -> AiidReader.read(dir, Samples.KB))
                .hasMessageContaining("incidents.csv:1: no column 'incident_id'");
        assertThatThrownBy(() -> AiidReader.read(dir.resolve("nothing"), Samples.KB))
                .hasMessageContaining("no such file");
    }
}
