package org.atlasops.assess.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.ProcedureStep;

/**
 * The incident register as metric input: each incident's procedure techniques, its assets as the system, its SOC
 * timeline (first evidence starts it, detected, contained is the response) and one alert per linked alert id. An
 * incident without first evidence or detection cannot be measured at all, one without containment has no time to
 * respond: both are listed with the reason, never dropped silently.
 */
public record RegisterTimelines(Timelines timelines, List<NotMeasurable> notMeasurable) {
    /** An incident of the register under its label (e.g. {@code INC-3}). */
    public record Entry(String label, Incident incident) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(incident, "incident");
        }
    }

    /** An incident left out of a figure: which one ({@code time to detect} or {@code time to respond}) and why. */
    public record NotMeasurable(String incident, String metric, String reason, Optional<Instant> dated) {
        public NotMeasurable {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(dated, "dated");
        }
    }

    public RegisterTimelines {
        Objects.requireNonNull(timelines, "timelines");
        notMeasurable = List.copyOf(notMeasurable);
    }

    public static RegisterTimelines of(List<Entry> entries) {
        List<IncidentTimeline> incidents = new ArrayList<>();
        List<AlertRecord> alerts = new ArrayList<>();
        List<NotMeasurable> out = new ArrayList<>();
        for (Entry e : entries) {
            Incident i = e.incident();
            Timeline t = i.timeline();
            List<AtlasId> techniques = i.study().procedure().stream()
                    .map(ProcedureStep::techniqueId)
                    .distinct()
                    .toList();
            Optional<Instant> dated = t.moments().values().stream().findFirst();
            // the CLI records incidents but cannot edit them: a recorded one is updated through the API
            String fix = "; give the times when recording an incident ('atlas-ops intel incident add --first-evidence "
                    + "TIME --detected TIME --contained TIME', or the web page /incidents/new), or set them on a "
                    + "recorded one with PUT /api/v1/incidents/{id}";
            if (t.firstEvidence().isEmpty() || t.detected().isEmpty()) {
                String missing = t.firstEvidence().isEmpty() && t.detected().isEmpty()
                        ? "first_evidence and detected"
                        : t.firstEvidence().isEmpty() ? "first_evidence" : "detected";
                out.add(new NotMeasurable(
                        e.label(), "time to detect and respond", "timeline has no " + missing + fix, dated));
                continue;
            }
            Instant started = t.firstEvidence().get();
            if (t.contained().isEmpty()) {
                out.add(new NotMeasurable(
                        e.label(), "time to respond", "timeline has no contained" + fix, Optional.of(started)));
            }
            incidents.add(new IncidentTimeline(
                    e.label(), String.join(", ", i.assets()), techniques, started, t.detected(), t.contained(), 0));
            Instant alertTime = t.detected().get();
            for (String alert : i.alertIds()) {
                alerts.add(new AlertRecord(alert, alertTime, "", techniques, Optional.of(e.label())));
            }
        }
        return new RegisterTimelines(new Timelines(incidents, alerts, "incident register"), out);
    }

    /** The incidents not measurable in a period (dated by their first timeline moment; undated ones always count). */
    public List<NotMeasurable> notMeasurable(Optional<Instant> from, Optional<Instant> to) {
        return notMeasurable.stream()
                .filter(n -> n.dated().isEmpty()
                        || (from.map(f -> !n.dated().get().isBefore(f)).orElse(true)
                                && to.map(x -> n.dated().get().isBefore(x)).orElse(true)))
                .toList();
    }
}
