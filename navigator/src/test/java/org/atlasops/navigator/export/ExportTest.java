package org.atlasops.navigator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Fixtures;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.View;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportTest {
    private final KnowledgeBase kb = Fixtures.atlas();

    /** A small layer: two scored cells (one with a comment and metadata), one coloured, one disabled. */
    private Layer small() {
        return Layer.empty("Small <test> & layer", "5.6.0")
                .withDescription("for the export tests")
                .withTechniques(List.of(
                        TechniqueAnnotation.of("AML.T0051", "execution")
                                .withScore(OptionalDouble.of(100))
                                .withComment("seen in prod")
                                .withShowSubtechniques(true)
                                .withMetadata(List.of(MetadataItem.of("owner", "soc"))),
                        TechniqueAnnotation.of("AML.T0051.000", Optional.empty())
                                .withScore(OptionalDouble.of(0)),
                        TechniqueAnnotation.of("AML.T0040", "ai-model-access").withColor("#123456"),
                        TechniqueAnnotation.of("AML.T0000", "reconnaissance").withEnabled(false)));
    }

    @Test
    void xlsxReadsBackCellByCell() throws Exception {
        AnnotatedMatrix m = AnnotatedMatrix.of(small(), kb);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(XlsxWriter.write(m)))) {
            XSSFSheet matrix = book.getSheet("matrix");
            // headers are the tactics in ATLAS order
            assertThat(matrix.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Reconnaissance");
            XSSFCell injection = find(matrix, "LLM Prompt Injection");
            assertThat(injection.getCellComment().getString().getString()).isEqualTo("seen in prod");
            // score 100 is the top of the default red-yellow-green gradient
            assertThat(injection.getCellStyle().getFillForegroundColorColor().getRGB())
                    .containsExactly(0x8e, 0xc8, 0x43);
            // its sub-techniques sit in the column beside it, the first right next to it
            XSSFCell direct = matrix.getRow(injection.getRowIndex()).getCell(injection.getColumnIndex() + 1);
            assertThat(direct.getStringCellValue()).isEqualTo("Direct");
            assertThat(direct.getCellStyle().getFillForegroundColorColor().getRGB())
                    .containsExactly(0xff, 0x66, 0x66);
            XSSFCell access = find(matrix, "AI Model Inference API Access");
            assertThat(access.getCellStyle().getFillForegroundColorColor().getRGB())
                    .containsExactly(0x12, 0x34, 0x56);
            assertThat(access.getCellStyle().getFont().getXSSFColor().getRGB()).containsExactly(0xff, 0xff, 0xff);
            XSSFCell disabled = find(matrix, "Search Open Technical Databases");
            assertThat(disabled.getCellStyle().getFont().getXSSFColor().getRGB())
                    .containsExactly(0xbc, 0xbc, 0xbc);

            XSSFSheet flat = book.getSheet("techniques");
            List<String> header = List.of(
                    flat.getRow(0).getCell(0).getStringCellValue(),
                    flat.getRow(0).getCell(3).getStringCellValue());
            assertThat(header).containsExactly("techniqueID", "score");
            assertThat(flat.getLastRowNum()).isEqualTo(m.allCells().size());
            int row = rowOf(flat, "AML.T0051", "execution");
            assertThat(flat.getRow(row).getCell(3).getNumericCellValue()).isEqualTo(100);
            assertThat(flat.getRow(row).getCell(6).getStringCellValue()).isEqualTo("seen in prod");
            assertThat(flat.getRow(row).getCell(9).getStringCellValue()).isEqualTo("owner=soc");
            int unannotated = rowOf(flat, "AML.T0043", "ai-attack-staging");
            assertThat(flat.getRow(unannotated).getCell(3).getCellType()).isEqualTo(CellType.STRING);
            assertThat(flat.getRow(unannotated).getCell(8).getBooleanCellValue())
                    .isFalse();
            assertThat(flat.getRow(rowOf(flat, "AML.T0000", "reconnaissance"))
                            .getCell(7)
                            .getBooleanCellValue())
                    .isFalse();
        }
    }

    private static XSSFCell find(XSSFSheet sheet, String text) {
        for (var row : sheet) {
            for (var cell : row) {
                if (cell.getCellType() == CellType.STRING
                        && cell.getStringCellValue().equals(text)) {
                    return (XSSFCell) cell;
                }
            }
        }
        throw new AssertionError("no cell " + text);
    }

    private static int rowOf(XSSFSheet flat, String id, String tactic) {
        for (var row : flat) {
            if (row.getCell(0).getStringCellValue().equals(id)
                    && row.getCell(2).getStringCellValue().equals(tactic)) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no row " + id + " " + tactic);
    }

    @Test
    void svgIsXmlWithACellForEveryVisibleTechnique() throws Exception {
        Layer frequency = LayerReader.read(Fixtures.layer("atlas/default/atlas_case_study_frequency.json"))
                .single();
        AnnotatedMatrix m = AnnotatedMatrix.of(frequency, kb);
        for (MatrixPicture.Subtechniques mode : MatrixPicture.Subtechniques.values()) {
            String svg = SvgWriter.write(MatrixPicture.draw(
                    m, new MatrixPicture.Options(MatrixPicture.Theme.LIGHT, mode, true, "sans-serif")));
            Document doc = parse(svg);
            Set<String> drawn = groups(doc);
            Set<String> parents = m.columns().stream()
                    .flatMap(c -> c.cells().stream())
                    .map(c -> c.techniqueId() + "^" + c.tactic().shortname())
                    .collect(Collectors.toSet());
            Set<String> subs = m.columns().stream()
                    .flatMap(c -> c.cells().stream())
                    .flatMap(c -> c.subTechniques().stream())
                    .map(c -> c.techniqueId() + "^" + c.tactic().shortname())
                    .collect(Collectors.toSet());
            assertThat(drawn).containsAll(parents);
            switch (mode) {
                case EXPANDED -> assertThat(drawn).containsAll(subs).hasSize(parents.size() + subs.size());
                case COLLAPSED -> assertThat(drawn).hasSize(parents.size());
                default -> assertThat(drawn.size()).isBetween(parents.size(), parents.size() + subs.size());
            }
        }
        String svg = SvgWriter.write(MatrixPicture.draw(m, MatrixPicture.Options.DEFAULT));
        assertThat(svg).contains(">ATLAS Case Study Frequency</text>").contains("ATLAS 5.6.0");
    }

    @Test
    void svgEscapesHostileTextAndDrawsDarkTheme() throws Exception {
        AnnotatedMatrix m = AnnotatedMatrix.of(small().withDescription("<script>alert(1)</script>\u0001"), kb);
        String svg = SvgWriter.write(MatrixPicture.draw(
                m,
                new MatrixPicture.Options(
                        MatrixPicture.Theme.DARK, MatrixPicture.Subtechniques.ANNOTATED, true, "serif")));
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg).contains("&lt;script&gt;").contains("fill=\"#1e1e1e\"");
        assertThat(groups(doc)).contains("AML.T0051.000^execution");
    }

    @Test
    void textIsWrappedToItsCell() {
        List<String> lines =
                MatrixPicture.wrap("Exfiltration via AI Inference API and a very long tail of words", 11, 100, 4);
        assertThat(lines)
                .allSatisfy(l -> assertThat(MatrixPicture.textWidth(l, 11)).isLessThanOrEqualTo(100));
        assertThat(MatrixPicture.wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z", 11, 20, 2))
                .hasSize(2)
                .last()
                .asString()
                .endsWith("…");
    }

    @Test
    void pngDecodesAtTheExpectedSize() throws Exception {
        AnnotatedMatrix m = AnnotatedMatrix.of(new LayerGenerator(kb).caseStudyFrequency(false), kb);
        MatrixPicture.Picture p = MatrixPicture.draw(m, MatrixPicture.Options.DEFAULT);
        var image = ImageIO.read(new ByteArrayInputStream(PngWriter.write(p, 1)));
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(p.width()));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(p.height()));
        // the most used technique (20 steps) is painted in the gradient's red somewhere
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).contains(0xf44336);
    }

    @Test
    void csvHasEveryCellAndQuotesSafely() {
        AnnotatedMatrix m = AnnotatedMatrix.of(
                small().withTechniques(List.of(TechniqueAnnotation.of("AML.T0051", "execution")
                        .withComment("=HYPERLINK(\"x\"), then \"quoted\""))),
                kb);
        String csv = TableExport.csv(m, false);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", TableExport.COLUMNS));
        assertThat(lines).hasSize(m.allCells().size() + 1);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\"), then \"\"quoted\"\"\"");
        assertThat(TableExport.csv(m, true).split("\r\n")).hasSize(2);
    }

    @Test
    void markdownListsTheAnnotatedCells() {
        String md = TableExport.markdown(AnnotatedMatrix.of(small(), kb), true);
        assertThat(md)
                .startsWith("# Small &lt;test> & layer")
                .contains("| AML.T0051 | LLM Prompt Injection | " + "Execution | 100 |");
    }

    @Test
    void fullMatrixJsonKeepsUnannotatedTechniques() {
        Layer full = TableExport.fullMatrix(AnnotatedMatrix.of(small(), kb));
        Layer back =
                LayerReader.readString(LayerWriter.toJson(full), "full.json").single();
        assertThat(back.techniques())
                .hasSize(AnnotatedMatrix.of(small(), kb).allCells().size());
        assertThat(back.techniques()).anyMatch(t -> t.techniqueId().equals("AML.T0043") && !t.isAnnotated());
    }

    @Test
    void miniLayoutDrawsNoText() throws Exception {
        Layer mini = small().withView(View.DEFAULT.withLayout(new Layout(
                Layout.Kind.MINI,
                false,
                false,
                false,
                false,
                org.atlasops.navigator.AggregateFunction.AVERAGE,
                Layout.Expansion.NONE)));
        Document doc =
                parse(SvgWriter.write(MatrixPicture.draw(AnnotatedMatrix.of(mini, kb), MatrixPicture.Options.DEFAULT)));
        NodeList groups = doc.getElementsByTagName("g");
        assertThat(((Element) groups.item(0)).getElementsByTagName("text").getLength())
                .isZero();
    }

    private static Set<String> groups(Document doc) {
        Set<String> drawn = new HashSet<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            assertThat(g.getElementsByTagName("title").getLength()).isEqualTo(1);
            drawn.add(g.getAttribute("data-technique") + "^" + g.getAttribute("data-tactic"));
        }
        return drawn;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
