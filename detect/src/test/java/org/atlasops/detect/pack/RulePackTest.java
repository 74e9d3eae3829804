package org.atlasops.detect.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.detect.sigma.correlation.CorrelationRule;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

/** The bundled ATLAS pack: complete index, every rule tested both ways, real ATLAS IDs, enough coverage. */
class RulePackTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().load(ReleaseCatalog.DEFAULT_VERSION);

    @Test
    void indexListsEveryRuleFileOfTheFolder() throws IOException, URISyntaxException {
        Path root = Path.of(RulePack.class.getResource(RulePack.ROOT).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<String> onDisk = files.filter(Files::isRegularFile)
                    .filter(RuleLoader::isRuleFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertThat(RulePack.files().stream().sorted().toList()).isEqualTo(onDisk);
        }
    }

    @Test
    void benignIndexListsEveryCorpusOfTheFolder() throws IOException, URISyntaxException {
        Path root = Path.of(RulePack.class.getResource(RulePack.ROOT).toURI());
        try (Stream<Path> files = Files.walk(root.resolve("benign"))) {
            List<String> onDisk = files.filter(p -> p.toString().endsWith(".jsonl"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertThat(onDisk).isNotEmpty();
            assertThat(RulePack.benignFiles().stream().sorted().toList()).isEqualTo(onDisk);
        }
    }

    @Test
    void everyRuleIsRunOverEveryBenignCorpus() {
        List<RuleTests.Result> results = RuleTests.runPack();
        for (String rule : RulePack.files()) {
            for (String corpus : RulePack.benignFiles()) {
                assertThat(results).as(rule + " over " + corpus).anySatisfy(r -> {
                    assertThat(r.file()).isEqualTo("bundled:" + rule);
                    assertThat(r.name()).startsWith("benign " + corpus);
                });
            }
        }
    }

    @Test
    void everyRuleLoadsAndPassesItsMatchAndNoMatchCases() {
        List<RuleTests.Result> results = RuleTests.runPack();
        assertThat(results)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(results.stream().map(RuleTests.Result::file).distinct()).hasSameSizeAs(RulePack.files());
    }

    @Test
    void atLeast40RulesCoverAtLeast20RealAtlasTechniques() {
        RuleSet pack = RulePack.loader(java.util.Map.of(), RulePack.pipeline()).build();
        assertThat(pack.problems()).isEmpty();
        Set<String> techniques = new TreeSet<>();
        int alerting = 0;
        for (SigmaRule r : pack.rules()) {
            if (!r.atlasTechniques().isEmpty()) {
                alerting++;
                r.atlasTechniques().forEach(id -> techniques.add(id.value()));
            }
        }
        for (CorrelationRule c : pack.correlations()) {
            alerting++;
            SigmaRule.techniqueIds(c.meta().tags()).forEach(id -> techniques.add(id.value()));
        }
        assertThat(alerting).isGreaterThanOrEqualTo(40);
        assertThat(techniques)
                .hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(id -> assertThat(KB.technique(id))
                        .as(id + " in ATLAS " + KB.version())
                        .isPresent());
    }
}
