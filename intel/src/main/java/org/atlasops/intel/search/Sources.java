package org.atlasops.intel.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.intel.aiid.AiidIncident;
import org.atlasops.intel.aiid.AiidSnapshot;
import org.atlasops.intel.avid.AvidRecord;
import org.atlasops.intel.avid.AvidSnapshot;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;

/** The sources atlas-ops knows, as {@link RiskSource}s. */
public final class Sources {
    public static final String ATLAS = "atlas";
    public static final String AVID = "avid";
    public static final String AIID = "aiid";
    public static final String TEAM = "team";
    /** Licence of ATLAS data (mitre-atlas/atlas-data). */
    public static final String ATLAS_LICENCE = "Apache-2.0 (MITRE ATLAS)";

    private Sources() {}

    /** The release's case studies; their techniques are the official procedure steps. */
    public static RiskSource atlas(KnowledgeBase kb) {
        List<RiskRecord> out = new ArrayList<>();
        for (CaseStudy cs : kb.caseStudies()) {
            List<Suggestion> t = new ArrayList<>();
            for (ProcedureStep s : cs.procedure()) {
                if (t.stream().noneMatch(x -> x.technique().equals(s.techniqueId()))) {
                    t.add(Suggestion.official(s.techniqueId(), "ATLAS case study procedure"));
                }
            }
            out.add(new RiskRecord(
                    ATLAS,
                    ATLAS_LICENCE,
                    cs.id().value(),
                    cs.name(),
                    cs.summary() + "\n"
                            + String.join(
                                    "\n",
                                    cs.procedure().stream()
                                            .map(ProcedureStep::description)
                                            .toList()),
                    cs.id().url(),
                    cs.incidentDate().map(d -> d.date()),
                    cs.target().map(List::of).orElse(List.of()),
                    t));
        }
        return RiskSource.of(ATLAS, out);
    }

    public static RiskSource avid(AvidSnapshot snapshot) {
        List<RiskRecord> out = new ArrayList<>();
        for (AvidRecord r : snapshot.records()) {
            List<String> systems = new ArrayList<>(r.artifacts());
            out.add(new RiskRecord(
                    AVID,
                    AvidSnapshot.LICENCE,
                    r.key(),
                    r.title(),
                    r.classOf() + "\n" + r.description() + "\n" + String.join(" ", r.sepView()) + " "
                            + String.join(" ", r.cwes()) + " " + String.join(" ", r.garakProbes()),
                    r.url(),
                    r.date(),
                    systems,
                    r.techniques()));
        }
        return RiskSource.of(AVID, out);
    }

    /** The snapshot's security-relevant incidents, or all of them. */
    public static RiskSource aiid(AiidSnapshot snapshot, boolean securityOnly) {
        List<RiskRecord> out = new ArrayList<>();
        for (AiidIncident i : snapshot.incidents()) {
            if (securityOnly && !i.securityRelevant()) {
                continue;
            }
            List<String> systems = new ArrayList<>(i.developers());
            systems.addAll(i.deployers());
            out.add(new RiskRecord(
                    AIID,
                    AiidSnapshot.LICENCE,
                    "AIID-" + i.incidentId(),
                    i.title(),
                    i.description() + "\n" + String.join("\n", i.reportTitles()),
                    i.url(),
                    i.date(),
                    systems,
                    i.techniques()));
        }
        return RiskSource.of(AIID, out);
    }

    /** One team incident under its register ID; its procedure is official, it is the team's own account. */
    public static RiskRecord team(long id, Incident incident) {
        List<Suggestion> t = new ArrayList<>();
        for (ProcedureStep s : incident.study().procedure()) {
            if (t.stream().noneMatch(x -> x.technique().equals(s.techniqueId()))) {
                t.add(Suggestion.official(s.techniqueId(), "the team's incident procedure"));
            }
        }
        return new RiskRecord(
                TEAM,
                "internal (" + incident.tlp().title() + ")",
                "INC-" + id,
                incident.study().name(),
                incident.study().summary() + "\n"
                        + String.join(
                                "\n",
                                incident.study().procedure().stream()
                                        .map(ProcedureStep::description)
                                        .toList()),
                "/incidents/" + id,
                Optional.of(incident.study().date().date()),
                incident.study().target().isEmpty()
                        ? List.of()
                        : List.of(incident.study().target()),
                t);
    }
}
