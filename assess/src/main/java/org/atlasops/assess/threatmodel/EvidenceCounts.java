package org.atlasops.assess.threatmodel;

import org.atlasops.kb.AtlasId;

/**
 * Real-world evidence that a technique is used, beyond ATLAS case studies (which the model always counts): AVID
 * reports, the team's incident register. The extension point for intel's counts.
 */
public interface EvidenceCounts {
    /** What is counted, for the priority's detail ("incidents", "AVID reports"). */
    String label();

    /** How many records use the technique (a parent's count includes its sub-techniques'). */
    int count(AtlasId technique);

    EvidenceCounts NONE = new EvidenceCounts() {
        @Override
        public String label() {
            return "";
        }

        @Override
        public int count(AtlasId technique) {
            return 0;
        }
    };
}
