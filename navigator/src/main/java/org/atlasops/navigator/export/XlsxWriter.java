package org.atlasops.navigator.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.Column;

/**
 * Writes a layer as an Excel workbook. Sheet "matrix" draws it as the Navigator's Excel export does: one column per
 * tactic (and a second for sub-techniques where a parent shows them, its cell merged down beside them), cells
 * filled with the colour the layer gives them, comments as cell notes, disabled cells in grey. Sheet "techniques"
 * lists every cell with its ID, name, tactic, score, aggregate score, colour, comment, enabled state, metadata and
 * links: what the Navigator's export leaves out.
 */
public final class XlsxWriter {
    static final String MATRIX_SHEET = "matrix";
    static final String TECHNIQUES_SHEET = "techniques";
    private static final RgbColor DISABLED = new RgbColor(0xbc, 0xbc, 0xbc, 255);

    private final AnnotatedMatrix matrix;
    private final XSSFWorkbook book = new XSSFWorkbook();
    private final Map<String, XSSFCellStyle> styles = new HashMap<>();

    private XlsxWriter(AnnotatedMatrix matrix) {
        this.matrix = matrix;
    }

    public static byte[] write(AnnotatedMatrix matrix) {
        XlsxWriter w = new XlsxWriter(matrix);
        try (XSSFWorkbook book = w.book) {
            w.matrixSheet();
            w.techniquesSheet();
            book.getProperties()
                    .getCoreProperties()
                    .setTitle(WorkbookUtil.createSafeSheetName(matrix.layer().name()));
            book.getProperties().getCoreProperties().setCreator("atlas-ops");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void matrixSheet() {
        XSSFSheet sheet = book.createSheet(MATRIX_SHEET);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFRow header = sheet.createRow(0);
        int col = 0;
        Layout layout = matrix.layer().view().layout();
        for (Column column : matrix.columns()) {
            boolean subColumn = column.cells().stream()
                    .anyMatch(c -> c.expanded() && !c.subTechniques().isEmpty());
            XSSFCell h = header.createCell(col);
            h.setCellValue(matrix.knowledgeBase().displayName(column.tactic()));
            h.setCellStyle(style(headerFill(), RgbColor.BLACK, true));
            sheet.setColumnWidth(col, 28 * 256);
            if (subColumn) {
                header.createCell(col + 1).setCellStyle(style(headerFill(), RgbColor.BLACK, true));
                sheet.setColumnWidth(col + 1, 28 * 256);
                sheet.addMergedRegion(new CellRangeAddress(0, 0, col, col + 1));
            }
            int row = 1;
            for (Cell parent : column.cells()) {
                List<Cell> subs = parent.expanded() ? parent.subTechniques() : List.of();
                write(sheet, drawing, row, col, parent, layout);
                for (int i = 0; i < subs.size(); i++) {
                    write(sheet, drawing, row + i, col + 1, subs.get(i), layout);
                }
                if (subs.size() > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(row, row + subs.size() - 1, col, col));
                }
                row += Math.max(1, subs.size());
            }
            col += subColumn ? 2 : 1;
        }
        sheet.createFreezePane(0, 1);
    }

    private void write(XSSFSheet sheet, XSSFDrawing drawing, int rowIndex, int colIndex, Cell c, Layout layout) {
        XSSFRow row = sheet.getRow(rowIndex) != null ? sheet.getRow(rowIndex) : sheet.createRow(rowIndex);
        XSSFCell cell = row.createCell(colIndex);
        String text = layout.showId() && layout.showName()
                ? c.techniqueId() + " " + c.displayName()
                : layout.showId() ? c.techniqueId() : c.displayName();
        cell.setCellValue(text);
        RgbColor ink = c.enabled() ? c.fill().map(RgbColor::readableText).orElse(RgbColor.BLACK) : DISABLED;
        cell.setCellStyle(style(c.fill().orElse(null), ink, false));
        if (!c.comment().isBlank()) {
            ClientAnchor anchor = book.getCreationHelper().createClientAnchor();
            anchor.setCol1(colIndex + 1);
            anchor.setCol2(colIndex + 4);
            anchor.setRow1(rowIndex);
            anchor.setRow2(rowIndex + 4);
            XSSFComment note = drawing.createCellComment(anchor);
            note.setString(book.getCreationHelper().createRichTextString(c.comment()));
            note.setAuthor("atlas-ops");
            cell.setCellComment(note);
        }
    }

    private void techniquesSheet() {
        XSSFSheet sheet = book.createSheet(TECHNIQUES_SHEET);
        XSSFRow header = sheet.createRow(0);
        for (int i = 0; i < TableExport.COLUMNS.size(); i++) {
            XSSFCell h = header.createCell(i);
            h.setCellValue(TableExport.COLUMNS.get(i));
            h.setCellStyle(style(headerFill(), RgbColor.BLACK, true));
        }
        int r = 1;
        for (Cell c : TableExport.rows(matrix, false)) {
            XSSFRow row = sheet.createRow(r++);
            List<String> values = TableExport.values(matrix, c);
            for (int i = 0; i < values.size(); i++) {
                XSSFCell cell = row.createCell(i);
                String name = TableExport.COLUMNS.get(i);
                String v = values.get(i);
                if ((name.equals("score") || name.equals("aggregateScore")) && !v.isEmpty()) {
                    cell.setCellValue(Double.parseDouble(v));
                } else if (name.equals("enabled") || name.equals("annotated")) {
                    cell.setCellValue(Boolean.parseBoolean(v));
                } else {
                    cell.setCellValue(v);
                }
                if (name.equals("color") && c.fill().isPresent()) {
                    cell.setCellStyle(style(c.fill().get(), c.fill().get().readableText(), false));
                }
            }
        }
        int[] widths = {14, 40, 22, 8, 10, 10, 50, 8, 10, 30, 30};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, TableExport.COLUMNS.size() - 1));
        sheet.createFreezePane(0, 1);
    }

    private RgbColor headerFill() {
        var view = matrix.layer().view();
        return view.showTacticRowBackground()
                ? RgbColor.parse(view.tacticRowBackground()).orElse(new RgbColor(0xdd, 0xdd, 0xdd, 255))
                : new RgbColor(0xdd, 0xdd, 0xdd, 255);
    }

    /** Styles are shared: Excel allows about 64,000 per workbook. */
    private XSSFCellStyle style(RgbColor fill, RgbColor ink, boolean bold) {
        String key = (fill == null ? "-" : fill.overWhite().hex()) + ink.hex() + bold;
        return styles.computeIfAbsent(key, k -> {
            XSSFCellStyle s = book.createCellStyle();
            if (fill != null) {
                RgbColor f = fill.overWhite();
                s.setFillForegroundColor(new XSSFColor(new byte[] {(byte) f.red(), (byte) f.green(), (byte) f.blue()}));
                s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
            XSSFFont font = book.createFont();
            font.setColor(new XSSFColor(new byte[] {(byte) ink.red(), (byte) ink.green(), (byte) ink.blue()}));
            font.setBold(bold);
            s.setFont(font);
            s.setWrapText(true);
            s.setVerticalAlignment(VerticalAlignment.TOP);
            if (bold) {
                s.setAlignment(HorizontalAlignment.CENTER);
            }
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            return s;
        });
    }
}
