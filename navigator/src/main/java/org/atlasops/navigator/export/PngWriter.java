package org.atlasops.navigator.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.export.MatrixPicture.Box;
import org.atlasops.navigator.export.MatrixPicture.Element;
import org.atlasops.navigator.export.MatrixPicture.Group;
import org.atlasops.navigator.export.MatrixPicture.Label;
import org.atlasops.navigator.export.MatrixPicture.Picture;

/** Paints a {@link Picture} with Java2D (headless) and encodes it as PNG; text is measured and fitted to its cell. */
public final class PngWriter {
    /** Large enough for any ATLAS matrix at 2x; refuses absurd sizes instead of exhausting memory. */
    static final long MAX_PIXELS = 80_000_000L;

    private PngWriter() {}

    /** @param scale pixels per CSS pixel (2 gives a sharp print at the picture's size) */
    public static byte[] write(Picture p, double scale) {
        System.setProperty("java.awt.headless", "true");
        int w = (int) Math.ceil(p.width() * scale);
        int h = (int) Math.ceil(p.height() * scale);
        if ((long) w * h > MAX_PIXELS) {
            throw new LayerException("a " + w + "x" + h + " PNG is too large; lower --scale");
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(scale, scale);
            g.setColor(awt(p.background()));
            g.fill(new Rectangle2D.Double(0, 0, p.width(), p.height()));
            String family = p.fontFamily().contains("mono")
                    ? Font.MONOSPACED
                    : p.fontFamily().contains("serif") && !p.fontFamily().contains("sans")
                            ? Font.SERIF
                            : Font.SANS_SERIF;
            for (Element e : p.elements()) {
                paint(g, e, family);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void paint(Graphics2D g, Element e, String family) {
        if (e instanceof Box b) {
            Rectangle2D r = new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height());
            if (b.fill().isPresent()) {
                g.setColor(awt(b.fill().get().overWhite()));
                g.fill(r);
            }
            if (b.stroke().isPresent()) {
                g.setColor(awt(b.stroke().get()));
                g.setStroke(new BasicStroke(0.5f));
                g.draw(r);
            }
        } else if (e instanceof Label l) {
            Font font = new Font(family, l.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) l.size());
            FontMetrics fm = g.getFontMetrics(font);
            double width = fm.getStringBounds(l.text(), g).getWidth();
            if (width > l.maxWidth() && width > 0) {
                font = font.deriveFont((float) (l.size() * l.maxWidth() / width));
                width = l.maxWidth();
            }
            double x = switch (l.anchor()) {
                case START -> l.x();
                case MIDDLE -> l.x() - width / 2;
                case END -> l.x() - width;
            };
            g.setFont(font);
            g.setColor(awt(l.color()));
            g.drawString(l.text(), (float) x, (float) l.y());
        } else if (e instanceof Group group) {
            for (Element child : group.children()) {
                paint(g, child, family);
            }
        }
    }

    private static Color awt(RgbColor c) {
        return new Color(c.red(), c.green(), c.blue());
    }
}
