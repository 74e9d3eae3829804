package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.atlasops.cli.JsonOutput;
import org.atlasops.intel.incident.IncidentJson;
import org.atlasops.store.StoredIncident;

/** Incidents as the CLI's JSON shows them. */
final class IncidentJsonOut {
    private IncidentJsonOut() {}

    static ObjectNode summary(StoredIncident s) {
        var study = s.incident().study();
        return JsonOutput.object()
                .put("id", s.label())
                .put("revision", s.revision())
                .put("name", study.name())
                .put("incident_date", study.date().toString())
                .put("case_study_type", study.type().label())
                .put("tlp", s.incident().tlp().label())
                .put("steps", study.procedure().size())
                .put("updated_at", s.updatedAt().toString());
    }

    static ObjectNode full(StoredIncident s) {
        ObjectNode n = summary(s);
        n.setAll(IncidentJson.write(s.incident()));
        n.put("created_by", s.createdBy());
        n.put("created_at", s.createdAt().toString());
        return n;
    }
}
