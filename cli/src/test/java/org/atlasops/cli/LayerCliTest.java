package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer commands as a user types them, on real generated and upgraded layers. */
class LayerCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path generate(String... args) {
        Path out = dir.resolve("g" + System.nanoTime() + ".json");
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-o";
        full[args.length + 1] = out.toString();
        Cli r = Cli.run(full);
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    private static JsonNode score(JsonNode layer, String id, String tactic) {
        for (JsonNode t : layer.get("techniques")) {
            if (t.get("techniqueID").asText().equals(id)
                    && t.path("tactic").asText("").equals(tactic)) {
                return t.get("score");
            }
        }
        return null;
    }

    @Test
    void generateCaseStudyFrequencyWritesAFormat45AtlasLayer() throws Exception {
        Path f = generate("layer", "generate", "case-study-frequency");
        JsonNode layer = JSON.readTree(f.toFile());
        assertThat(layer.at("/versions/layer").asText()).isEqualTo("4.5");
        assertThat(layer.get("domain").asText()).isEqualTo("atlas-atlas");
        assertThat(layer.at("/metadata/0/value").asText()).isEqualTo("5.6.0");
        assertThat(score(layer, "AML.T0065", "resource-development").asInt()).isEqualTo(20);
        Cli v = Cli.run("layer", "validate", f.toString());
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("1 layer(s), ATLAS 5.6.0: 0 error(s), 0 warning(s), valid");
    }

    @Test
    void combineAddsTwoRealLayers() throws Exception {
        Path a = generate("layer", "generate", "case-study-frequency");
        Path b = generate("layer", "generate", "case-study-frequency", "--roll-up");
        Path out = dir.resolve("sum.json");
        Cli r = Cli.run(
                "layer",
                "combine",
                "--expr",
                "a+b",
                a.toString(),
                b.toString(),
                "-o",
                out.toString(),
                "--comments-from",
                "b");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode layer = JSON.readTree(out.toFile());
        JsonNode one = JSON.readTree(a.toFile());
        JsonNode two = JSON.readTree(b.toFile());
        assertThat(score(layer, "AML.T0051", "execution").asDouble())
                .isEqualTo(score(one, "AML.T0051", "execution").asDouble()
                        + score(two, "AML.T0051", "execution").asDouble());
        assertThat(layer.get("name").asText()).isEqualTo("Combined: a+b");
    }

    @Test
    void aBadExpressionPointsAtTheCharacter() {
        Path a = generate("layer", "generate", "matrix");
        Cli r = Cli.run("layer", "combine", "--expr", "a + * b", a.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("atlas-ops: expression error at character 5: unexpected '*'")
                .contains("\n  a + * b\n      ^");
    }

    @Test
    void upgradeCarriesA470LayerTo560() throws Exception {
        Path old = generate("--release", "4.7.0", "layer", "generate", "case-study-frequency");
        assertThat(Files.readString(old)).contains("\"ml-model-access\"");
        Path out = dir.resolve("up.json");
        Path report = dir.resolve("report.json");
        Cli r = Cli.run(
                "layer",
                "upgrade",
                old.toString(),
                "--to",
                "5.6.0",
                "-o",
                out.toString(),
                "--report",
                report.toString());
        assertThat(r.err())
                .contains(
                        "tactic renamed: AML.T0040 on ml-model-access: \"ml-model-access\" is " + "\"ai-model-access\"")
                .contains("ATLAS 4.7.0 -> 5.6.0: ");
        assertThat(Files.readString(out)).doesNotContain("\"ml-model-access\"").contains("\"ai-model-access\"");
        JsonNode rep = JSON.readTree(report.toFile());
        assertThat(rep.get("from").asText()).isEqualTo("4.7.0");
        assertThat(rep.get("notCarried").size())
                .isEqualTo(r.code() == 0 ? 0 : rep.get("notCarried").size());
        Cli v = Cli.run("layer", "validate", out.toString());
        assertThat(v.out()).contains("ATLAS 5.6.0: 0 error(s)");
    }

    @Test
    void exportsEveryFormat() throws Exception {
        Path f = generate("layer", "generate", "case-study-frequency");
        for (String format : new String[] {"xlsx", "svg", "png", "csv", "md", "json"}) {
            Path out = dir.resolve("out." + format);
            Cli r = Cli.run("layer", "export", f.toString(), "--format", format, "-o", out.toString());
            assertThat(r.code()).as(format + ": " + r.err()).isZero();
            assertThat(Files.size(out)).as(format).isPositive();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(dir.resolve("out.xlsx")))) {
            assertThat(book.getSheet("techniques").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("techniqueID");
        }
        assertThat(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("out.png")))))
                .isNotNull();
        assertThat(Files.readString(dir.resolve("out.svg")))
                .startsWith("<?xml")
                .contains("data-technique=\"AML.T0051\"");
        assertThat(Files.readString(dir.resolve("out.csv"))).startsWith("techniqueID,name,tactic,score");
    }

    @Test
    void fullMatrixJsonIncludesUnannotatedTechniques() throws Exception {
        Path f = generate("layer", "generate", "search", "prompt injection", "--limit", "3");
        Cli r = Cli.run("layer", "export", f.toString(), "--format", "json", "--full-matrix");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("techniques").size()).isGreaterThan(150);
    }

    @Test
    void renderShowsTacticsAndScoresWithoutColourWhenPiped() {
        Path f = generate("layer", "generate", "case-study-frequency");
        Cli r = Cli.run("layer", "render", f.toString(), "--annotated-only");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("ATLAS Case Study Frequency  (ATLAS 5.6.0)")
                .contains("\nExecution (AML.TA0005)\n")
                .containsPattern("\\[#] AML\\.T0065 +20 LLM Prompt Crafting")
                .doesNotContain("\u001b[");
        assertThat(Cli.run("layer", "render", f.toString(), "--color", "always").out())
                .contains("\u001b[48;");
    }

    @Test
    void validateReportsAttackLayersAndBrokenFiles() throws Exception {
        Path attack = dir.resolve("attack.json");
        Files.writeString(
                attack,
                "{\"name\": \"x\", \"version\": \"3.0\", \"domain\": \"mitre-enterprise\", "
                        + "\"techniques\": [{\"techniqueID\": \"T1110\", \"color\": \"#zzz\"}]}");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\",\n \"techniques\": [");
        Cli r = Cli.run("layer", "validate", attack.toString(), broken.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out())
                .contains(
                        "techniques[0] (T1110): error: technique T1110 is not in ATLAS 5.6.0; it is an " + "ATT&CK ID")
                .contains("(T1110).color: error: \"#zzz\" is not a colour")
                .contains("broken.json: error: " + broken + ":2:");
        Cli json = Cli.run("layer", "validate", "--format", "json", attack.toString());
        assertThat(JSON.readTree(json.out()).get(0).get("valid").asBoolean()).isFalse();
        assertThat(json.code()).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void scoresFromCsvReportBadRowsAndKeepTheRest() throws Exception {
        Path csv = dir.resolve("coverage.csv");
        Files.writeString(csv, "techniqueID,score\nAML.T0051,80\nAML.T9999,5\n");
        Path out = dir.resolve("cov.json");
        Cli r = Cli.run("layer", "generate", "scores", csv.toString(), "--name", "Coverage", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("coverage.csv:3: error: \"AML.T9999\" is not a technique of ATLAS 5.6.0");
        assertThat(score(JSON.readTree(out.toFile()), "AML.T0051", "execution").asInt())
                .isEqualTo(80);
    }

    @Test
    void usageErrorsAreOneLine() {
        assertThat(Cli.run("layer", "generate", "case-study").err()).contains("needs a case study ID");
        assertThat(Cli.run("layer", "generate", "heatmap").err()).contains("unknown kind 'heatmap'");
        assertThat(Cli.run("layer", "export", "nope.json", "--format", "svg").err())
                .isEqualTo("atlas-ops: nope.json: no such file\n");
    }
}
