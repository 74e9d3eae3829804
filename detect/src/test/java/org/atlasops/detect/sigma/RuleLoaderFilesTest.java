package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files parsed in parallel come out as if loaded one by one: the same rules, problems and order. */
class RuleLoaderFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderLoadsLikeItsFilesOneByOne() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path f = dir.resolve(String.format("rule_%02d.yml", i));
            String yaml = i % 7 == 3
                    ? "title: broken " + i + "\nlogsource: {}\ndetection: [not, a, map\n"
                    : i % 11 == 5
                            ? ""
                            : "title: rule " + i + "\nlogsource: {}\ndetection:\n    selection:\n"
                                    + "        CommandLine|contains: 'value" + i + ";'\n    condition: selection\n";
            Files.writeString(f, yaml);
            files.add(f);
        }
        // the YAML library overflows its stack on this before our depth limit is checked: a problem of this file only
        Path deep = dir.resolve("rule_40.yml");
        Files.writeString(deep, "title: deep\nlogsource: {}\ndetection: " + "[".repeat(50_000) + "]".repeat(50_000));
        files.add(deep);
        Path missing = dir.resolve("missing.yml");
        files.add(missing);

        RuleLoader oneByOne = new RuleLoader();
        for (Path f : files) {
            try {
                oneByOne.load(Files.readString(f), f.toString());
            } catch (java.nio.file.NoSuchFileException e) {
                oneByOne.load(f);
            }
        }
        RuleSet expected = oneByOne.build();
        RuleSet together = new RuleLoader().load(files).build();
        RuleSet folder = new RuleLoader().load(dir).build();

        assertThat(titles(together)).isEqualTo(titles(expected)).hasSize(31);
        assertThat(prerequisites(together)).isEqualTo(prerequisites(expected));
        assertThat(together.documents()).isEqualTo(expected.documents());
        assertThat(together.problems()).isEqualTo(expected.problems()).hasSize(11);
        assertThat(titles(folder)).isEqualTo(titles(expected));
        assertThat(folder.problems()).isEqualTo(expected.problems().subList(0, 10));
        assertThat(together.problems().get(9).toString()).contains("rule_40.yml:1: nested too deeply");
        assertThat(together.problems().get(10).file()).isEqualTo(missing.toString());
        assertThat(new Detector(together)
                        .process(Sigma.event("{\"CommandLine\": \"run value12; now\"}")).stream()
                                .map(m -> ((Match.RuleMatch) m).rule().meta().title()))
                .containsExactly("rule 12");
    }

    /** The prerequisites name the literal ids, so equal ones mean the same ids were given out. */
    private static List<String> prerequisites(RuleSet set) {
        return set.rules().stream()
                .map(r -> r.prerequisite().map(Object::toString).orElse("none"))
                .toList();
    }

    private static List<String> titles(RuleSet set) {
        return set.rules().stream().map(r -> r.meta().title()).toList();
    }
}
