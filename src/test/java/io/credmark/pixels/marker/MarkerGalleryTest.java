package io.credmark.pixels.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.PixelTesting;
import io.credmark.testing.Corpus;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the gallery of {@code docs/marker.md} to {@code target/pixels/marker-gallery.png}: the mark at 24 px
 * (actual size and zoomed), large, and on corpus images through the codec, and compares it with the committed copy,
 * {@code testdata/pixels/marker-gallery.png}; after a deliberate design change, copy the new rendering there.
 */
class MarkerGalleryTest {

    private static final int WIDTH = 1140;
    /** Largest channel difference that counts as the same pixel. */
    private static final int TOLERANCE = 8;
    private static final PixelCodec CODEC = new PixelCodec();

    @Test
    void writesTheGallery() throws IOException {
        BufferedImage sheet = new BufferedImage(WIDTH, 1050, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        MarkRenderer.hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        Font caption = MarkRenderer.fontFor("x", 40).deriveFont(14f);
        g.setFont(caption);
        g.setColor(new Color(0x1A1A1A));

        int[] backgrounds = {0xFFFFFF, 0xF5C842, 0x808080, 0x1E2A38, -1};
        String[] names = {"white", "yellow", "mid gray", "dark blue", "transparent"};
        int y = 30;
        g.drawString("24 px (the minimum), actual size; style auto picks light or dark from what is under the mark",
                20, y);
        y += 12;
        BufferedImage[] tiles = new BufferedImage[backgrounds.length];
        Rectangle[] boxes = new Rectangle[backgrounds.length];
        for (int i = 0; i < backgrounds.length; i++) {
            BufferedImage tile = backgrounds[i] < 0 ? new BufferedImage(180, 60, BufferedImage.TYPE_INT_ARGB)
                    : MarkerTest.flat(180, 60, backgrounds[i]);
            MarkResult m = Marker.draw(tile, MarkerOptions.defaults(), "mira.k").orElseThrow();
            tiles[i] = backgrounds[i] < 0 ? overCheckerboard(tile) : tile;
            boxes[i] = m.box();
            frame(g, 20 + i * 200, y, tiles[i]);
            g.drawString(names[i] + ": " + m.style().wireName(), 20 + i * 200, y + 80);
        }
        y += 110;
        g.drawString("the same, 4x (nearest neighbour): antialiased edges, symbol and label", 20, y);
        y += 12;
        for (int i = 0; i < tiles.length; i++) {
            Rectangle b = boxes[i];
            BufferedImage crop = tiles[i].getSubimage(b.x - 4, b.y - 4, b.width + 8, b.height + 8);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(crop, 20 + (i % 3) * 340, y + (i / 3) * 140, crop.getWidth() * 4, crop.getHeight() * 4, null);
        }
        y += 290;
        g.drawString("64 px: light, dark, symbol only (label none), label truncated to fit", 20, y);
        y += 12;
        BufferedImage large = MarkerTest.flat(WIDTH - 40, 104, 0xC9D6DF);
        Graphics2D lg = large.createGraphics();
        int lx = 20;
        lx = place(lg, lx, MarkRenderer.layout(64, "mira.k", 400), MarkerOptions.Style.LIGHT);
        lx = place(lg, lx, MarkRenderer.layout(64, "sdxl-lightning-merge", 400), MarkerOptions.Style.DARK);
        lx = place(lg, lx, MarkRenderer.layout(64, "", 400), MarkerOptions.Style.DARK);
        place(lg, lx, MarkRenderer.layout(64, "an-extraordinarily-long-handle", 220), MarkerOptions.Style.LIGHT);
        lg.dispose();
        g.drawImage(large, 20, y, null);
        y += 140;
        g.drawString(
                "on corpus images through the codec (defaults: bottom-right, 4 % but at least 24 px, auto, creator)",
                20, y);
        y += 12;
        int x = 20;
        for (String name : new String[] {"testdata/images/a1111-parameters.png", "testdata/images/palette8-trns.png",
            "testdata/images/gray8.png"}) {
            Decoded d = CODEC.decode(Corpus.bytes(name));
            Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k", d.orientation());
            BufferedImage shown = ImageIO.read(new java.io.ByteArrayInputStream(CODEC.encode(d, d.image())));
            BufferedImage flat = shown.getColorModel().hasAlpha() ? overCheckerboard(shown) : shown;
            frame(g, x, y, flat);
            x += flat.getWidth() + 20;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", out);
        Path target = Path.of("target", "pixels", "marker-gallery.png");
        PixelTesting.write(target, out.toByteArray());

        BufferedImage committed = ImageIO.read(Path.of("testdata", "pixels", "marker-gallery.png").toFile());
        assertEquals(committed.getWidth(), sheet.getWidth(), "gallery width");
        assertEquals(committed.getHeight(), sheet.getHeight(), "gallery height");
        long differing = 0;
        for (int yy = 0; yy < sheet.getHeight(); yy++) {
            for (int xx = 0; xx < sheet.getWidth(); xx++) {
                if (maxChannelDifference(committed.getRGB(xx, yy), sheet.getRGB(xx, yy)) > TOLERANCE) {
                    differing++;
                }
            }
        }
        // Captions are drawn with the machine's fonts, whose hinting may shift a few glyph edges; the marks are not
        long allowed = (long) sheet.getWidth() * sheet.getHeight() / 100;
        assertTrue(differing <= allowed, differing + " pixels differ from testdata/pixels/marker-gallery.png (at most "
                + allowed + "); the new rendering is in " + target + ", copy it there after a deliberate change");
    }

    private static int maxChannelDifference(int a, int b) {
        int max = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            max = Math.max(max, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return max;
    }

    private static int place(Graphics2D g, int x, MarkRenderer.Badge badge, MarkerOptions.Style style) {
        g.drawImage(MarkRenderer.render(badge, style), x, 20, null);
        return x + badge.width() + 24;
    }

    private static void frame(Graphics2D g, int x, int y, BufferedImage image) {
        g.drawImage(image, x, y, null);
        Color text = g.getColor();
        g.setColor(new Color(0xB0B0B0));
        g.drawRect(x - 1, y - 1, image.getWidth() + 1, image.getHeight() + 1);
        g.setColor(text);
    }

    /** An image with alpha shown over a gray checkerboard, as image editors show transparency. */
    static BufferedImage overCheckerboard(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        for (int y = 0; y < out.getHeight(); y += 8) {
            for (int x = 0; x < out.getWidth(); x += 8) {
                g.setColor(((x + y) / 8) % 2 == 0 ? new Color(0xE6E6E6) : Color.WHITE);
                g.fillRect(x, y, 8, 8);
            }
        }
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
