package org.atlasops.intel.incident;

import java.util.Map;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;

/** A report in Markdown: the shared form (the study and its TLP), or the internal one with the SOC fields. */
public final class IncidentMarkdown {
    private IncidentMarkdown() {}

    /** What may be shared: the study only, headed by its TLP marking. */
    public static String shared(Study study, Tlp tlp, KnowledgeBase kb) {
        return body(study, tlp, kb).toString();
    }

    /** The whole incident for the team, timeline, assets, alerts and notes included. */
    public static String internal(Incident incident, KnowledgeBase kb) {
        StringBuilder b = body(incident.study(), incident.tlp(), kb);
        b.append("\n## Timeline (internal)\n\n");
        Map<String, java.time.Instant> moments = incident.timeline().moments();
        if (moments.isEmpty()) {
            b.append("No moment recorded.\n");
        }
        moments.forEach((k, v) -> b.append("- ")
                .append(k.replace('_', ' '))
                .append(": ")
                .append(v)
                .append('\n'));
        b.append("\n## Assets affected (internal)\n\n");
        incident.assets().forEach(a -> b.append("- ").append(escape(a)).append('\n'));
        b.append("\n## Alerts (internal)\n\n");
        incident.alertIds().forEach(a -> b.append("- ").append(escape(a)).append('\n'));
        if (!incident.notes().isEmpty()) {
            b.append("\n## Notes (internal)\n\n")
                    .append(escape(incident.notes()))
                    .append('\n');
        }
        return b.toString();
    }

    private static StringBuilder body(Study s, Tlp tlp, KnowledgeBase kb) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(tlp.title()).append("**\n\n");
        b.append("# ").append(escape(s.name())).append("\n\n");
        b.append("| | |\n|---|---|\n");
        b.append("| Type | ").append(s.type().label()).append(" |\n");
        b.append("| Date | ").append(s.date()).append(" |\n");
        b.append("| Target | ").append(cell(s.target())).append(" |\n");
        b.append("| Actor | ").append(cell(s.actor())).append(" |\n");
        s.reporter().ifPresent(r -> b.append("| Reporter | ").append(cell(r)).append(" |\n"));
        b.append("| ATLAS release | ").append(kb.version()).append(" |\n\n");
        b.append("## Summary\n\n").append(escape(s.summary())).append("\n\n## Procedure\n\n");
        int n = 1;
        for (ProcedureStep p : s.procedure()) {
            String tactic = kb.tactic(p.tacticId()).map(t -> t.name()).orElse("unknown tactic");
            String technique =
                    kb.technique(p.techniqueId()).map(t -> kb.displayName(t)).orElse("unknown technique");
            b.append(n++)
                    .append(". **")
                    .append(escape(tactic))
                    .append("** (")
                    .append(p.tacticId())
                    .append("): [")
                    .append(escape(technique))
                    .append("](")
                    .append(p.techniqueId().url())
                    .append(") (")
                    .append(p.techniqueId())
                    .append(")  \n   ")
                    .append(escape(p.description()).replace("\n", "\n   "))
                    .append('\n');
        }
        if (!s.references().isEmpty()) {
            b.append("\n## References\n\n");
            for (Reference r : s.references()) {
                String title = r.title().isEmpty() ? r.url() : r.title();
                b.append("- ")
                        .append(r.url().isEmpty() ? escape(title) : "[" + escape(title) + "](<" + r.url() + ">)")
                        .append('\n');
            }
        }
        return b;
    }

    private static String cell(String s) {
        return escape(s).replace("|", "\\|").replace("\n", " ");
    }

    /** Keeps text from becoming markup: raw HTML is shown, not rendered. */
    private static String escape(String s) {
        return s.replace("<", "&lt;").replace(">", "&gt;");
    }
}
