package org.atlasops.navigator.export;

import java.util.Locale;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.export.MatrixPicture.Box;
import org.atlasops.navigator.export.MatrixPicture.Element;
import org.atlasops.navigator.export.MatrixPicture.Group;
import org.atlasops.navigator.export.MatrixPicture.Label;
import org.atlasops.navigator.export.MatrixPicture.Picture;

/**
 * Writes a {@link Picture} as standalone SVG 1.1. Each technique cell is a {@code <g class="technique">} with
 * {@code data-technique} and {@code data-tactic} attributes and a {@code <title>} tooltip; a line of text that
 * might overflow its cell is squeezed to its width with {@code textLength}.
 */
public final class SvgWriter {
    private SvgWriter() {}

    public static String write(Picture p) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
                .append(n(p.width()))
                .append("\" height=\"")
                .append(n(p.height()))
                .append("\" viewBox=\"0 0 ")
                .append(n(p.width()))
                .append(' ')
                .append(n(p.height()))
                .append("\" font-family=\"")
                .append(esc(p.fontFamily()))
                .append("\">\n<title>")
                .append(esc(p.title()))
                .append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"")
                .append(p.background().hex())
                .append("\"/>\n");
        for (Element e : p.elements()) {
            element(sb, e, "");
        }
        return sb.append("</svg>\n").toString();
    }

    private static void element(StringBuilder sb, Element e, String indent) {
        if (e instanceof Box b) {
            sb.append(indent)
                    .append("<rect x=\"")
                    .append(n(b.x()))
                    .append("\" y=\"")
                    .append(n(b.y()))
                    .append("\" width=\"")
                    .append(n(b.width()))
                    .append("\" height=\"")
                    .append(n(b.height()))
                    .append("\" fill=\"")
                    .append(b.fill().map(SvgWriter::color).orElse("none"))
                    .append('"');
            if (b.fill().isPresent() && b.fill().get().alpha() < 255) {
                sb.append(" fill-opacity=\"")
                        .append(n(b.fill().get().alpha() / 255.0))
                        .append('"');
            }
            b.stroke().ifPresent(s -> sb.append(" stroke=\"").append(color(s)).append("\" stroke-width=\"0.5\""));
            sb.append("/>\n");
        } else if (e instanceof Label l) {
            sb.append(indent)
                    .append("<text x=\"")
                    .append(n(l.x()))
                    .append("\" y=\"")
                    .append(n(l.y()))
                    .append("\" font-size=\"")
                    .append(n(l.size()))
                    .append("\" fill=\"")
                    .append(color(l.color()))
                    .append('"');
            if (l.bold()) {
                sb.append(" font-weight=\"bold\"");
            }
            if (l.anchor() != MatrixPicture.Anchor.START) {
                sb.append(" text-anchor=\"")
                        .append(l.anchor() == MatrixPicture.Anchor.MIDDLE ? "middle" : "end")
                        .append('"');
            }
            if (MatrixPicture.textWidth(l.text(), l.size()) > l.maxWidth() * 0.9) {
                sb.append(" textLength=\"")
                        .append(n(Math.min(l.maxWidth(), MatrixPicture.textWidth(l.text(), l.size()))))
                        .append("\" lengthAdjust=\"spacingAndGlyphs\"");
            }
            sb.append('>').append(esc(l.text())).append("</text>\n");
        } else if (e instanceof Group g) {
            sb.append(indent)
                    .append("<g class=\"technique\" data-technique=\"")
                    .append(esc(g.techniqueId()))
                    .append("\" data-tactic=\"")
                    .append(esc(g.tactic()))
                    .append("\">\n")
                    .append(indent)
                    .append("  <title>")
                    .append(esc(g.title()))
                    .append("</title>\n");
            for (Element child : g.children()) {
                element(sb, child, indent + "  ");
            }
            sb.append(indent).append("</g>\n");
        }
    }

    private static String color(RgbColor c) {
        return new RgbColor(c.red(), c.green(), c.blue(), 255).hex();
    }

    private static String n(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** XML-escapes text and drops characters XML 1.0 cannot hold. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }
}
