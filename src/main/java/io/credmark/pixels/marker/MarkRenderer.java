package io.credmark.pixels.marker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The credmark mark, drawn upright into a small ARGB tile. All lengths are fractions of the badge height {@code h}.
 *
 * <pre>
 *  ╭──────────────────────────╮
 *  │  o   o                   │   a rounded badge (corner radius 0.25 h) with a thin rim;
 *  │   \ /    creator-handle  │   on the left, in an h × h square, the lineage symbol: two parent
 *  │    o                     │   nodes joined into one child node (a model made from others);
 *  ╰──────────────────────────╯   then the label, bold, 0.44 h, truncated with an ellipsis.
 * </pre>
 */
final class MarkRenderer {

    static final int LIGHT_BACKGROUND = 0xFFFFFF;
    static final int DARK_BACKGROUND = 0x1A1A1A;

    static final double CORNER = 0.25;
    static final double FONT_SIZE = 0.44;
    static final double TEXT_START = 0.90;
    static final double TEXT_END_PADDING = 0.36;

    private static final String FONT_RESOURCE = "DejaVuSans-Bold.ttf";
    private static final Font BUNDLED = loadFont();
    private static final String ELLIPSIS = "\u2026";

    private MarkRenderer() {
    }

    /** A laid-out badge: its size in pixels, the font and the label text that fits. */
    record Badge(int width, int height, Font font, String label) {
    }

    static int background(MarkerOptions.Style style) {
        return style == MarkerOptions.Style.LIGHT ? LIGHT_BACKGROUND : DARK_BACKGROUND;
    }

    static int foreground(MarkerOptions.Style style) {
        return style == MarkerOptions.Style.LIGHT ? DARK_BACKGROUND : LIGHT_BACKGROUND;
    }

    /**
     * Lays out a badge {@code h} pixels high showing {@code label} (already cleaned), at most {@code maxWidth} wide:
     * the label is cut at a grapheme boundary and ended with an ellipsis to fit, or left out when not even one
     * character and the ellipsis fit or when no available font can show it.
     */
    static Badge layout(int h, String label, int maxWidth) {
        if (label.isEmpty()) {
            return new Badge(h, h, null, "");
        }
        Font font = fontFor(label, h);
        if (font == null) {
            return new Badge(h, h, null, "");
        }
        int room = maxWidth - (int) Math.ceil(h * (TEXT_START + TEXT_END_PADDING));
        String text = label;
        if (advance(font, text) > room) {
            List<Integer> cuts = graphemeBoundaries(label);
            text = "";
            // the longest prefix (at a grapheme boundary) that fits with an ellipsis
            int lo = 0;
            int hi = cuts.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                String candidate = label.substring(0, cuts.get(mid)).stripTrailing() + ELLIPSIS;
                if (cuts.get(mid) > 0 && advance(font, candidate) <= room) {
                    text = candidate;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        }
        if (text.isEmpty()) {
            return new Badge(h, h, null, "");
        }
        int width = (int) Math.ceil(h * (TEXT_START + TEXT_END_PADDING) + advance(font, text));
        return new Badge(Math.min(width, maxWidth), h, font, text);
    }

    /** Draws the badge upright into a new ARGB tile of its size; pixels outside the rounded shape stay transparent. */
    static BufferedImage render(Badge badge, MarkerOptions.Style style) {
        int w = badge.width();
        int h = badge.height();
        BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = tile.createGraphics();
        try {
            hints(g);
            Color bg = new Color(background(style));
            Color fg = new Color(foreground(style));
            double arc = 2 * CORNER * h;
            g.setColor(bg);
            g.fill(new RoundRectangle2D.Double(0, 0, w, h, arc, arc));
            // A rim in the content colour at low opacity keeps the badge's edge visible on similar surroundings.
            double rim = Math.max(1.0, h / 24.0);
            g.setColor(new Color(fg.getRed(), fg.getGreen(), fg.getBlue(), 72));
            g.setStroke(new BasicStroke((float) rim));
            g.draw(new RoundRectangle2D.Double(rim / 2, rim / 2, w - rim, h - rim, arc - rim, arc - rim));
            g.setColor(fg);
            drawSymbol(g, h);
            if (!badge.label().isEmpty()) {
                TextLayout layout = new TextLayout(badge.label(), badge.font(), g.getFontRenderContext());
                float capHeight = capHeight(badge.font(), g.getFontRenderContext());
                float baseline = (float) (h / 2.0 + capHeight / 2.0);
                layout.draw(g, (float) (h * TEXT_START), baseline);
            }
        } finally {
            g.dispose();
        }
        return tile;
    }

    /**
     * The lineage symbol in the h × h square at the left: two parent nodes whose lines join into one child node,
     * like a model derived from a base model and an adapter.
     */
    static void drawSymbol(Graphics2D g, int h) {
        double node = 0.105 * h;
        double line = Math.max(1.25, 0.085 * h);
        double px1 = 0.30 * h;
        double px2 = 0.70 * h;
        double py = 0.30 * h;
        double cx = 0.50 * h;
        double cy = 0.72 * h;
        g.setStroke(new BasicStroke((float) line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double p = new Path2D.Double();
        p.moveTo(px1, py);
        p.curveTo(px1, 0.52 * h, cx, 0.48 * h, cx, cy);
        p.moveTo(px2, py);
        p.curveTo(px2, 0.52 * h, cx, 0.48 * h, cx, cy);
        g.draw(p);
        g.fill(new Ellipse2D.Double(px1 - node, py - node, 2 * node, 2 * node));
        g.fill(new Ellipse2D.Double(px2 - node, py - node, 2 * node, 2 * node));
        double child = node * 1.2;
        g.fill(new Ellipse2D.Double(cx - child, cy - child, 2 * child, 2 * child));
    }

    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    static float advance(Font font, String text) {
        return new TextLayout(text, font, FRC).getAdvance();
    }

    private static float capHeight(Font font, FontRenderContext frc) {
        return (float) font.createGlyphVector(frc, "H").getVisualBounds().getHeight();
    }

    /** The bundled font if it has every character, else the platform's sans-serif if it has, else null. */
    static Font fontFor(String label, int h) {
        float size = (float) (FONT_SIZE * h);
        if (BUNDLED.canDisplayUpTo(label) == -1) {
            return BUNDLED.deriveFont(size);
        }
        try {
            Font platform = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont(size);
            if (platform.canDisplayUpTo(label) == -1) {
                return platform;
            }
        } catch (RuntimeException | Error e) { // no fonts configured on the host
            return null;
        }
        return null;
    }

    /**
     * Label text as drawn: Unicode NFC, control and format characters (including bidirectional overrides) removed,
     * runs of white space made one space, trimmed.
     */
    static String clean(String label) {
        if (label == null) {
            return "";
        }
        String s = Normalizer.normalize(label, Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = b.length() > 0;
                continue;
            }
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static List<Integer> graphemeBoundaries(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(s);
        List<Integer> cuts = new ArrayList<>();
        for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
            cuts.add(b);
        }
        return cuts;
    }

    private static Font loadFont() {
        try (InputStream in = MarkRenderer.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled font " + FONT_RESOURCE + " is missing");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the bundled font cannot be read", e);
        }
    }
}
