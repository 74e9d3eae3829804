package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intel commands as a user types them: register, check, anonymise, export, import, search. */
class IntelCliTest {
    static final String STUDY = """
            study:
              name: Prompt injection against Acme Bank's HelpBot
              summary: HelpBot at https://helpbot.acme-bank.example followed a page on evil.example.net and sent the key
                sk-proj-AbCdEf0123456789xyzXYZ to 203.0.113.7.
              incident-date: 2026-03-14
              incident-date-granularity: DATE
              procedure:
                - tactic: AML.TA0005
                  technique: AML.T0051.001
                  description: A page on evil.example.net told HelpBot to send its key to 203.0.113.7.
              target: Acme Bank HelpBot, an LLM chatbot
              actor: unknown
              case-study-type: incident
              reporter: Jane Doe
            meta:
              tlp: amber
            """;

    @TempDir
    Path dir;

    private Cli intel(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = dir.resolve("home").toString();
        all[2] = "intel";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    @Test
    void anIncidentIsRegisteredAnonymisedSharedAndFound() throws Exception {
        Path file = dir.resolve("helpbot.yaml");
        Files.writeString(file, STUDY);
        Cli add = intel(
                "incident",
                "add",
                file.toString(),
                "--asset",
                "helpbot-prod",
                "--alert",
                "ALERT-7781",
                "--detected",
                "2026-03-14T09:30:00Z",
                "--contained",
                "2026-03-14T11:00:00Z");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("Registered INC-1: ").contains("TLP:AMBER");

        Cli show = intel("incident", "show", "INC-1");
        assertThat(show.out()).contains("ALERT-7781", "2026-03-14T09:30:00Z", "LLM Prompt Injection: Indirect");

        Cli preview = intel("incident", "anonymise", "1", "--name", "Acme Bank");
        assertThat(preview.code()).isZero();
        assertThat(preview.out())
                .contains(
                        "nothing has left",
                        "[SECRET-1] <- sk-proj-",
                        "[IP-1] <- 203.0.113.7 (ip, 2x)",
                        "Never shared: assets, alert_ids, timeline"
                                .replace("assets, alert_ids, timeline", "timeline, assets, alert_ids"));

        Path out = dir.resolve("shared.json");
        Cli export = intel(
                "incident",
                "export",
                "INC-1",
                "--format",
                "stix",
                "--anonymised",
                "--tlp",
                "green",
                "--name",
                "Acme Bank",
                "--output",
                out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        String stix = Files.readString(out);
        assertThat(stix)
                .contains("TLP:GREEN", "AML.T0051.001")
                .doesNotContain("Acme", "203.0.113.7", "sk-proj", "ALERT-7781", "helpbot-prod", "09:30");

        Cli toFolder = intel("incident", "export", "INC-1", "--output", dir.toString());
        assertThat(toFolder.code()).isEqualTo(2);
        assertThat(toFolder.err().strip())
                .isEqualTo("atlas-ops: " + dir + ": cannot write: is a directory; give -o a writable file");

        Cli looser = intel("incident", "export", "INC-1", "--tlp", "clear");
        assertThat(looser.code()).isEqualTo(2);
        assertThat(looser.err()).contains("a looser marking (TLP:CLEAR) needs --anonymised");

        // the shared bundle comes back in as a partner's incident
        Cli imported = intel("incident", "import", out.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Registered INC-2", "TLP:GREEN");

        JsonNode list = new ObjectMapper()
                .readTree(intel("incident", "list", "--format", "json").out());
        assertThat(list.path("total").asInt()).isEqualTo(2);

        JsonNode search = new ObjectMapper()
                .readTree(intel("search", "--technique", "AML.T0051", "--limit", "200", "--format", "json")
                        .out());
        assertThat(search.path("facets").path("source").fieldNames())
                .toIterable()
                .contains("atlas", "avid", "team");
        assertThat(search.path("hits").findValuesAsText("mapping")).contains("official", "inferred");
    }

    @Test
    void anIncidentThatDoesNotFitTheReleaseIsRefusedWithEveryReason() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, STUDY.replace("AML.TA0005", "AML.TA0002"));
        Cli add = intel(
                "incident",
                "add",
                file.toString(),
                "--detected",
                "2026-03-14T09:30:00Z",
                "--first-evidence",
                "2026-03-14T10:00:00Z");
        assertThat(add.code()).isEqualTo(2);
        assertThat(add.err().lines())
                .hasSize(2)
                .anySatisfy(l ->
                        assertThat(l).contains("procedure[0].tactic: AML.T0051.001", "does not belong to AML.TA0002"))
                .anySatisfy(l -> assertThat(l).contains("timeline.detected"));
        assertThat(intel("incident", "list").out()).startsWith("No incident yet");
    }

    @Test
    void badInputsAreOneLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, STUDY.replace("incident-date: 2026-03-14", "incident-date: tomorrow"));
        Cli r = intel("incident", "add", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .satisfies(l -> assertThat(l).contains("broken.yaml:5: study.incident-date: 'tomorrow' is not a date"));
        assertThat(intel("incident", "show", "INC-x").err()).contains("'INC-x' is not an incident number");
        assertThat(intel("incident", "show", "7").err()).contains("no incident INC-7");
        assertThat(intel("search", "--technique", "AML.TA0005").err()).contains("is not a technique ID");
    }

    @Test
    void aiidIsImportedAndSearched() throws Exception {
        Path snap = Files.createDirectories(dir.resolve("snap"));
        Files.writeString(
                snap.resolve("incidents.csv"),
                "incident_id,date,title,description\n"
                        + "7,2023-02-09,Chatbot hijacked,\"A prompt injection made the chatbot leak data.\"\n");
        Cli r = intel("import", "aiid", snap.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Read 1 AIID incident(s)", "1 look security-relevant", "CC BY-SA 4.0");
        Cli s = intel("search", "hijacked", "--source", "aiid");
        assertThat(s.out()).contains("[aiid] AIID-7", "ATLAS mapping: inferred", "CC BY-SA 4.0");
    }

    @Test
    void avidCloneFlawsAreReported() throws Exception {
        Path clone = Files.createDirectories(dir.resolve("avid-db/reports/2026"));
        Files.writeString(
                clone.resolve("AVID-2026-R0001.json"),
                "{\"metadata\": {\"report_id\": \"AVID-2026-R0009\"},"
                        + " \"problemtype\": {\"description\": {\"value\": \"probe `dan.Ablation`\"}}, \"data_version\": \"0.3.3\"}");
        Cli r = intel("import", "avid", dir.resolve("avid-db").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "Read 1 AVID record(s)",
                        "Flaws: MISMATCHED_ID 1",
                        "0 record(s) with an official mapping, 1 with " + "inferred suggestions only");
    }

    @Test
    void aSearchForATechniqueTheReleaseLacksSaysWhatWasMeant() {
        Cli r = intel("search", "--technique", "AML.T0051.009");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("AML.T0051.009 is not in ATLAS", "the nearest is AML.T0051.00");
    }

    // the TAXII client's failures as a user meets them: one line each that says what to check, detail with --verbose

    /** A loopback port nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerIsOneLineThatSaysWhatToCheck() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/taxii2/";
        Cli r = intel("collections", url, "--allow-loopback");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .isEqualTo("atlas-ops: cannot reach " + url
                        + ": connection refused; check the URL and that the server runs\n");
        Cli verbose = Cli.run(
                "--verbose",
                "--data-dir",
                dir.resolve("home").toString(),
                "intel",
                "collections",
                url,
                "--allow-loopback");
        assertThat(verbose.err()).contains("java.net.ConnectException");
    }

    @Test
    void anAnswerThatIsNotJsonIsOneLineWithoutTheAnswersText() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            byte[] body = "<html>sign in, secret-session-token</html>".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/";
            Cli r = intel("collections", url, "--allow-loopback");
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err())
                    .startsWith("atlas-ops: " + url + " answered something that is not JSON (line 1, column ")
                    .endsWith("); is it a TAXII 2.1 server?\n")
                    .doesNotContain("Source", "secret-session-token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anOutBundleThatIsNotJsonIsOneLineBeforeTheServerIsAsked() throws Exception {
        Path out = dir.resolve("atlas.json");
        Files.writeString(out, "{\"objects\": [\n  {\"id\": \"x\", \"secret\": oops}\n]}");
        String url = "http://127.0.0.1:" + closedPort() + "/taxii2/";
        Cli r = intel("pull", url, "--allow-loopback", "--collection", "c1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("atlas-ops: " + out + ":2:")
                .contains(": not JSON: ")
                .endsWith("; give another --out, or --full with a new file\n")
                .doesNotContain("Source", "[{");
        assertThat(r.err().lines()).hasSize(1);
    }
}
