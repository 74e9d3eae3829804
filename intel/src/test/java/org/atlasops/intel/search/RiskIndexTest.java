package org.atlasops.intel.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.intel.aiid.AiidReader;
import org.atlasops.intel.aiid.AiidSnapshot;
import org.atlasops.intel.avid.AvidReader;
import org.atlasops.intel.incident.Samples;
import org.atlasops.kb.AtlasId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RiskIndexTest {
    private static RiskIndex index;

    @BeforeAll
    static void build() {
        AiidSnapshot aiid = AiidReader.fromTexts(
                "test",
                Map.of(
                        "incidents.csv",
                        "incident_id,date,title,description\n"
                                + "7,2023-02-09,Chatbot hijacked,\"A prompt injection made the chatbot leak data.\"\n"
                                + "8,2020-01-01,Wrong song,\"No adversary here.\"\n"),
                Samples.KB);
        index = RiskIndex.build(
                Samples.KB,
                List.of(
                        Sources.atlas(Samples.KB),
                        Sources.avid(AvidReader.bundled(Samples.KB)),
                        Sources.aiid(aiid, true),
                        RiskSource.of(Sources.TEAM, List.of(Sources.team(1, Samples.incident())))));
    }

    @Test
    void everythingAboutPromptInjectionComesFromEverySource() {
        RiskResults r = index.search(
                RiskQuery.of("").withTechnique(AtlasId.parse("AML.T0051")).withLimit(200));
        assertThat(r.facets().get("source")).containsKeys("atlas", "avid", "aiid", "team");
        assertThat(r.total()).isGreaterThan(20);
        assertThat(r.hits())
                .allSatisfy(h -> assertThat(h.record().techniques())
                        .anySatisfy(
                                t -> assertThat(t.technique().techniqueOrSelf().value())
                                        .isEqualTo("AML.T0051")));
        assertThat(r.hits())
                .filteredOn(h -> h.record().source().equals("atlas"))
                .allSatisfy(h -> {
                    assertThat(h.mapping()).isEqualTo("official");
                    assertThat(h.record().licence()).contains("Apache-2.0");
                });
        assertThat(r.hits()).filteredOn(h -> h.record().source().equals("aiid")).allSatisfy(h -> {
            assertThat(h.mapping()).isEqualTo("inferred");
            assertThat(h.record().licence()).contains("CC BY-SA 4.0");
        });
        // the ID typed as the query means the same
        assertThat(index.search(RiskQuery.of("AML.T0051").withLimit(200)).total())
                .isEqualTo(r.total());
    }

    @Test
    void facetsNarrowTheAnswer() {
        RiskResults all = index.search(RiskQuery.of("prompt injection"));
        RiskResults avid = index.search(RiskQuery.of("prompt injection").withSources(Set.of("avid")));
        assertThat(avid.total()).isLessThan(all.total()).isPositive();
        assertThat(avid.hits()).allSatisfy(h -> assertThat(h.record().source()).isEqualTo("avid"));
        assertThat(all.facets()).containsKeys("source", "technique", "tactic", "maturity", "system", "year");
        assertThat(all.facets().get("tactic")).containsKey("AML.TA0005");
    }

    @Test
    void harmWithoutAnAdversaryIsLeftOutOfTheSecurityView() {
        assertThat(index.search(RiskQuery.of("song").withSources(Set.of("aiid")))
                        .total())
                .isZero();
    }
}
