package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-parsed form of the bundled releases is the YAML's release exactly, is made again when the YAML changes, and
 * is never used when it does not match the YAML or is damaged.
 */
class ReleaseBinaryTest {
    private static final String DATA = "/org/atlasops/kb/data/";

    static List<String> bundledVersions() {
        return ReleaseCatalog.bundledVersions();
    }

    @ParameterizedTest(name = "ATLAS {0}")
    @MethodSource("bundledVersions")
    void theFormTheBuildMadeReadsAsTheSameReleaseAsItsYaml(String version) throws IOException {
        byte[] yaml = resource("ATLAS-" + version + ".yaml");
        byte[] form = resource(ReleaseCatalog.preparsedName(version)); // missing: the build step did not run

        KnowledgeBase fromForm = ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(yaml));
        KnowledgeBase fromYaml = parse(yaml, version);

        assertSameRelease(fromForm, fromYaml);
    }

    @Test
    void theCatalogReadsTheFormWithoutParsingTheYaml() throws IOException {
        KnowledgeBase real = parse(resource("ATLAS-5.6.0.yaml"), "5.6.0");
        // YAML that would not parse, and a form made for exactly these bytes: only the form can give a release
        byte[] unparsable = "matrices: [".getBytes(StandardCharsets.UTF_8);
        byte[] form = write(real, unparsable);

        KnowledgeBase read = ReleaseCatalog.readBundled("5.6.0", files(unparsable, Optional.of(form)));

        assertSameRelease(read, real);
    }

    @Test
    void withoutAFormTheYamlIsRead() throws IOException {
        byte[] yaml = resource("ATLAS-4.4.0.yaml");

        assertSameRelease(ReleaseCatalog.readBundled("4.4.0", files(yaml, Optional.empty())), parse(yaml, "4.4.0"));
    }

    @Test
    void aFormMadeFromOtherYamlIsRefusedAndTheYamlRead() throws IOException {
        byte[] yaml = resource("ATLAS-5.6.0.yaml");
        byte[] form = write(parse(yaml, "5.6.0"), yaml);
        String text = new String(yaml, StandardCharsets.UTF_8);
        assertThat(text).contains("name: LLM Prompt Injection\n");
        byte[] edited = text.replace("name: LLM Prompt Injection\n", "name: LLM Prompt Injection (edited)\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(edited)))
                .isInstanceOf(ReleaseBinary.RefusedException.class)
                .hasMessageContaining("made from other YAML");
        KnowledgeBase read = ReleaseCatalog.readBundled("5.6.0", files(edited, Optional.of(form)));

        assertThat(read.technique("AML.T0051").orElseThrow().name()).isEqualTo("LLM Prompt Injection (edited)");
        assertSameRelease(read, parse(edited, "5.6.0"));
    }

    /** Damage in each part: magic, layout, YAML checksum, payload length and checksum, payload, last byte. */
    @ParameterizedTest(name = "byte {0} changed")
    @ValueSource(ints = {0, 5, 20, 26, 30, 40, -1})
    void aDamagedFormIsRefusedAndTheYamlRead(int position) throws IOException {
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        byte[] form = write(parse(yaml, "3.0.0"), yaml);
        int at = position < 0 ? form.length + position : position;
        form[at] ^= 0x5a;

        assertThatThrownBy(() -> ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(yaml)))
                .isInstanceOf(IOException.class);
        assertSameRelease(ReleaseCatalog.readBundled("3.0.0", files(yaml, Optional.of(form))), parse(yaml, "3.0.0"));
    }

    @ParameterizedTest(name = "{0} bytes kept")
    @ValueSource(ints = {0, 27, 5000})
    void aFormCutShortIsRefusedAndTheYamlRead(int kept) throws IOException {
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        byte[] form = Arrays.copyOf(write(parse(yaml, "3.0.0"), yaml), kept);

        assertThatThrownBy(() -> ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(yaml)))
                .isInstanceOf(IOException.class);
        assertSameRelease(ReleaseCatalog.readBundled("3.0.0", files(yaml, Optional.of(form))), parse(yaml, "3.0.0"));
    }

    @Test
    void aFormWithBytesAfterItsEndIsRefused() throws IOException {
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        byte[] written = write(parse(yaml, "3.0.0"), yaml);
        byte[] form = Arrays.copyOf(written, written.length + 1);

        assertThatThrownBy(() -> ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(yaml)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("damaged");
    }

    /** Every field of every kind of object, once set to something unusual and once left empty. */
    @Test
    void everyFieldSurvivesTheRoundTrip() throws IOException {
        AtlasId tactic = AtlasId.parse("AML.TA0002");
        AtlasId parent = AtlasId.parse("AML.T0051");
        AtlasId sub = AtlasId.parse("AML.T0051.000");
        AtlasId mitigation = AtlasId.parse("AML.M0015");
        AtlasId study = AtlasId.parse("AML.CS0016");
        LocalDate day = LocalDate.of(2024, 2, 29);
        Optional<AttackReference> attack = Optional.of(new AttackReference("T1596", "https://attack.mitre.org/x"));
        KnowledgeBase full = new KnowledgeBase(
                "ATLAS",
                "Adversarial Threat Landscape — «ünïcödé» 🛡",
                "9.9.9",
                "6.0.0",
                "file.yaml",
                List.of(new Matrix("ATLAS", "matrix", List.of(tactic)), new Matrix("other", "", List.of())),
                List.of(
                        new Tactic(tactic, "Reconnaissance", "d\n\ttab", attack, Optional.of(day), Optional.of(day)),
                        new Tactic(
                                AtlasId.parse("AML.TA0003"),
                                "",
                                "",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())),
                List.of(
                        new Technique(
                                parent,
                                "LLM Prompt Injection",
                                "x".repeat(70_000),
                                List.of(tactic),
                                Optional.empty(),
                                Optional.of(Maturity.REALIZED),
                                attack,
                                List.of(new Reference("t", "u"), new Reference("", "")),
                                List.of("LLM", "Agents"),
                                Optional.of(LocalDate.of(1, 1, 1)),
                                Optional.of(LocalDate.of(9999, 12, 31)),
                                true),
                        new Technique(
                                sub,
                                "Direct",
                                "",
                                List.of(tactic),
                                Optional.of(parent),
                                Optional.empty(),
                                Optional.empty(),
                                List.of(),
                                List.of(),
                                Optional.empty(),
                                Optional.empty(),
                                false)),
                List.of(new Mitigation(
                        mitigation,
                        "Control Access",
                        "md",
                        List.of(new TechniqueUse(parent, "how"), new TechniqueUse(sub, "")),
                        List.of("Deployment"),
                        List.of("Technical - ML"),
                        attack,
                        Optional.of(day),
                        Optional.empty())),
                List.of(
                        new CaseStudy(
                                study,
                                "Study",
                                "summary",
                                Optional.of(new IncidentDate(day, IncidentDate.Granularity.MONTH)),
                                Optional.of("exercise"),
                                Optional.of("target"),
                                Optional.of("actor"),
                                Optional.of("reporter"),
                                List.of(new Reference("ref", "https://example.org")),
                                List.of(new ProcedureStep(tactic, sub, "step"), new ProcedureStep(tactic, parent, ""))),
                        new CaseStudy(
                                AtlasId.parse("AML.CS0017"),
                                "",
                                "",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of(),
                                List.of())),
                List.of(
                        new DataIssue(DataIssue.Severity.ERROR, "file.yaml:1:2", "AML.T0051", "message"),
                        new DataIssue(DataIssue.Severity.INFO, "", "", "")));
        KnowledgeBase empty = new KnowledgeBase(
                null, null, "1", "3", null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        byte[] yaml = {1, 2, 3};

        for (KnowledgeBase kb : List.of(full, empty)) {
            KnowledgeBase read =
                    ReleaseBinary.read(new ByteArrayInputStream(write(kb, yaml)), ReleaseBinary.Source.of(yaml));
            assertSameRelease(read, kb);
        }
    }

    @Test
    void theBuildStepMakesTheFormAndMakesItAgainWhenTheYamlChanges(@TempDir Path classes) throws Exception {
        Path data = Files.createDirectories(classes.resolve("org/atlasops/kb/data"));
        Path writer = classes.resolve("org/atlasops/kb/read/ReleaseBinary.class");
        Files.createDirectories(writer.getParent());
        Files.write(writer, new byte[] {0});
        Files.setLastModifiedTime(writer, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(data.resolve("releases.txt"), "3.0.0\n");
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        Path yamlFile = data.resolve("ATLAS-3.0.0.yaml");
        Files.write(yamlFile, yaml);
        Path form = data.resolve("ATLAS-3.0.0.kbin");

        PreparseBundledReleases.main(new String[] {classes.toString()});
        assertSameRelease(readForm(form, yaml), parse(yaml, "3.0.0"));

        // unchanged YAML: the form is kept as it is
        FileTime made = FileTime.fromMillis(System.currentTimeMillis() - 10_000);
        Files.setLastModifiedTime(form, made);
        PreparseBundledReleases.main(new String[] {classes.toString()});
        assertThat(Files.getLastModifiedTime(form)).isEqualTo(made);

        // changed YAML: the form is made again, from the new YAML
        String text = new String(yaml, StandardCharsets.UTF_8);
        assertThat(text).contains("name: Reconnaissance\n");
        byte[] edited = text.replace("name: Reconnaissance\n", "name: Recon\n").getBytes(StandardCharsets.UTF_8);
        Files.write(yamlFile, edited);
        PreparseBundledReleases.main(new String[] {classes.toString()});

        KnowledgeBase again = readForm(form, edited);
        assertThat(again.tactic("AML.TA0002").orElseThrow().name()).isEqualTo("Recon");
        assertSameRelease(again, parse(edited, "3.0.0"));

        // a form of this YAML that older code made differently (a reader or record changed, the layout did not),
        // newer than every class: made again all the same, from what this code reads
        KnowledgeBase stale = parse(yaml, "3.0.0");
        Files.write(form, write(stale, edited));
        Files.setLastModifiedTime(form, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        PreparseBundledReleases.main(new String[] {classes.toString()});
        KnowledgeBase remade = readForm(form, edited);
        assertThat(remade.tactic("AML.TA0002").orElseThrow().name()).isEqualTo("Recon");
        assertSameRelease(remade, parse(edited, "3.0.0"));
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRefusedWithoutAllocatingForIt() throws IOException {
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        // a payload whose checksum is right, asking for 16 M IDs (a 64 MB table) with 4 bytes after the count
        byte[] header = Arrays.copyOf(write(parse(yaml, "3.0.0"), yaml), 24);
        java.nio.ByteBuffer payload =
                java.nio.ByteBuffer.allocate(8).putInt(16 * 1024 * 1024).putInt(0);
        byte[] form = withPayload(header, payload.array());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> ReleaseBinary.read(new ByteArrayInputStream(form), ReleaseBinary.Source.of(yaml)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a count of 16777216 with 4 bytes left");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(8L * 1024 * 1024);

        // a string's length likewise: one ID of 1 000 000 bytes with 0 left
        byte[] longString =
                java.nio.ByteBuffer.allocate(8).putInt(1).putInt(1_000_000).array();
        assertThatThrownBy(() -> ReleaseBinary.read(
                        new ByteArrayInputStream(withPayload(header, longString)), ReleaseBinary.Source.of(yaml)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a length of 1000000 with 0 bytes left");
    }

    @Test
    void theCatalogSaysWhyItDidNotUseTheForm() throws IOException {
        byte[] yaml = resource("ATLAS-3.0.0.yaml");
        byte[] form = write(parse(yaml, "3.0.0"), yaml);
        form[form.length - 1] ^= 0x5a;
        List<String> why = new java.util.ArrayList<>();

        ReleaseCatalog.readBundled("3.0.0", files(yaml, Optional.of(form)), why::add);
        ReleaseCatalog.readBundled("3.0.0", files(yaml, Optional.empty()), why::add);
        ReleaseCatalog.readBundled("3.0.0", files(yaml, Optional.of(write(parse(yaml, "3.0.0"), yaml))), why::add);

        assertThat(why)
                .containsExactly(
                        "damaged: its checksum or length does not match its content",
                        "the jar has none (ATLAS-3.0.0.kbin)");
    }

    /** The header of a real form (magic, layout, YAML checksum) with this payload and its right checksum. */
    private static byte[] withPayload(byte[] header, byte[] payload) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(payload);
        return java.nio.ByteBuffer.allocate(header.length + 12 + payload.length)
                .put(header)
                .putInt(payload.length)
                .putLong(crc.getValue())
                .put(payload)
                .array();
    }

    /** Every field of the release and of every object in it (objects are records: equals compares all fields). */
    private static void assertSameRelease(KnowledgeBase actual, KnowledgeBase expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.dataFormat()).isEqualTo(expected.dataFormat());
        assertThat(actual.source()).isEqualTo(expected.source());
        assertThat(actual.matrices()).isEqualTo(expected.matrices());
        assertThat(actual.tactics()).isEqualTo(expected.tactics());
        assertThat(actual.techniques()).isEqualTo(expected.techniques());
        assertThat(actual.mitigations()).isEqualTo(expected.mitigations());
        assertThat(actual.caseStudies()).isEqualTo(expected.caseStudies());
        assertThat(actual.issues()).isEqualTo(expected.issues());
        assertThat(actual.objects()).isEqualTo(expected.objects());
        // and field by field, should a model class ever stop being a record
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    private static KnowledgeBase readForm(Path form, byte[] yaml) throws IOException {
        try (InputStream in = Files.newInputStream(form)) {
            return ReleaseBinary.read(in, ReleaseBinary.Source.of(yaml));
        }
    }

    /** YAML parsed once per content: parsing is what makes this test slow. */
    private static final Map<String, KnowledgeBase> PARSED = new ConcurrentHashMap<>();

    private static KnowledgeBase parse(byte[] yaml, String version) {
        return PARSED.computeIfAbsent(
                version + " " + ReleaseBinary.Source.of(yaml),
                k -> AtlasReader.read(new ByteArrayInputStream(yaml), "bundled:ATLAS-" + version + ".yaml"));
    }

    private static byte[] write(KnowledgeBase kb, byte[] yaml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReleaseBinary.write(kb, ReleaseBinary.Source.of(yaml), out);
        return out.toByteArray();
    }

    private static java.util.function.Function<String, Optional<byte[]>> files(byte[] yaml, Optional<byte[]> form) {
        return name -> name.endsWith(".yaml") ? Optional.of(yaml) : form;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReleaseBinaryTest.class.getResourceAsStream(DATA + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }
}
