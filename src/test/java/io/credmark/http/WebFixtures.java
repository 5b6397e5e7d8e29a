package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.PixelTesting;
import io.credmark.testing.Browser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Images and provenance for the web tests: a generated-looking scene, hostile text, stamping through the API, and the
 * component's card opened in a browser.
 */
final class WebFixtures {

    /** Text that would run as script if any page inserted it as markup. */
    static final String PROMPT = "a grey heron at dawn, ink wash <script>window.__pwned = 'prompt'</script> & mist";
    static final String DISPLAY_NAME = "Mirelle <img src=x onerror=\"window.__pwned='name'\"> Okafor";

    static final String PROVENANCE = """
            {
              "creator": {"handle": "mirelle.ink", "displayName": %s,
                          "url": "https://models.example.org/creators/mirelle.ink"},
              "model": {"name": "Inkwash XL", "version": "2.1"},
              "generation": {"prompt": %s, "seed": 3735928559, "steps": 30, "sampler": "DPM++ 2M"},
              "lineage": {
                "baseModels": [{"name": "Stable Diffusion XL Base", "version": "1.0"}],
                "merges": [{"model": "Sumi Strokes XL v1.3", "weight": 0.4}],
                "adapters": [{"kind": "lora", "name": "inkwash_texture_v3", "weight": 0.7, "creator": "mirelle.ink"}],
                "datasets": [{"name": "Inkwash reference scans", "license": "CC-BY-4.0"}],
                "fineTuning": {"method": "LoRA, rank 32, merged at 0.7"},
                "credits": [{"handle": "sumi.studio", "role": "merge ingredient"}]
              },
              "usage": {"license": "CreativeML Open RAIL++-M", "attribution": "Made with Inkwash XL by mirelle.ink",
                        "prohibited": ["impersonating the creator"]}
            }
            """.formatted(json(DISPLAY_NAME), json(PROMPT));

    /**
     * A stamp's answer: the image, its credential, and the mark's rectangle as browsers show the image; width and
     * height are the image's as displayed (after its EXIF orientation).
     */
    record Stamp(String id, String url, byte[] image, JsonNode displayBox, int width, int height) {
        double centerX() {
            return displayBox.get("x").asDouble() + displayBox.get("width").asDouble() / 2;
        }

        double centerY() {
            return displayBox.get("y").asDouble() + displayBox.get("height").asDouble() / 2;
        }
    }

    private WebFixtures() {
    }

    static String json(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    /** A landscape at dusk: sky, sun, hills and water, like a generated image (and unlike a test card). */
    static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2c3e6b), 0, height * 0.62f, new Color(0xf2b279)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xfde3a7));
        double r = height * 0.09;
        g.fill(new Ellipse2D.Double(width * 0.66 - r, height * 0.44 - r, 2 * r, 2 * r));
        hills(g, width, height, 0.50, new Color(0x6a5a7a), 5.0);
        hills(g, width, height, 0.58, new Color(0x3d3552), 3.0);
        g.setPaint(new GradientPaint(0, height * 0.66f, new Color(0x4a5b7d), 0, height, new Color(0x141a2b)));
        g.fillRect(0, (int) (height * 0.66), width, height);
        g.setColor(new Color(0xfde3a7));
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < 7; i++) {
            double y = height * (0.70 + i * 0.035);
            double half = r * (1.1 - i * 0.12);
            g.drawLine((int) (width * 0.66 - half), (int) y, (int) (width * 0.66 + half), (int) y);
        }
        g.dispose();
        return image;
    }

    private static void hills(Graphics2D g, int width, int height, double base, Color color, double waves) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, height);
        for (int x = 0; x <= width; x += 4) {
            double y = height * (base + 0.05 * Math.sin(x / (double) width * Math.PI * waves)
                    + 0.025 * Math.sin(x / (double) width * Math.PI * waves * 3.1));
            p.lineTo(x, y);
        }
        p.lineTo(width, height);
        p.closePath();
        g.setColor(color);
        g.fill(p);
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stamps through {@code POST /v1/stamp} and asks for JSON, which carries the mark's box. */
    static Stamp stamp(ApiClient api, String key, byte[] image, String mediaType, String options) {
        List<ApiClient.Part> parts = new java.util.ArrayList<>(List.of(
                ApiClient.Part.file("image", "scene." + (mediaType.endsWith("png") ? "png" : "jpg"), mediaType, image),
                ApiClient.Part.json("provenance", PROVENANCE)));
        if (options != null) {
            parts.add(ApiClient.Part.json("options", options));
        }
        ApiClient.Answer a = api.postMultipart("/v1/stamp", parts, "Authorization", "Bearer " + key, "Accept",
                "application/json");
        if (a.status() != 200) {
            throw new AssertionError("stamp failed: " + a);
        }
        JsonNode j = a.json();
        byte[] stamped = Base64.getDecoder().decode(j.get("image").asText());
        Decoded decoded = new PixelCodec().decode(stamped);
        boolean turned = decoded.orientation().swapsAxes();
        return new Stamp(j.get("id").asText(), j.get("url").asText(), stamped, j.at("/mark/displayBox"),
                turned ? decoded.height() : decoded.width(), turned ? decoded.width() : decoded.height());
    }

    /**
     * Opens a new page of {@code site} showing {@code imagePath} in the component ({@code #a}) for the stamp's
     * credential, clicks the middle of the mark the stamp drew, waits for the card and returns its text.
     */
    static String openCard(Browser browser, PublisherSite site, String imagePath, Stamp stamp) {
        browser.open(site.page("/page-" + System.nanoTime() + ".html", "Gallery", "<credmark-image id=\"a\""
                + " src=\"" + imagePath + "\" credential=\"" + stamp.id() + "\"></credmark-image>"));
        browser.waitUntil("ready", () -> "ready".equals(browser.text(
                "return document.querySelector('#a').getAttribute('data-state')")));
        List<?> r = (List<?>) browser.js("var r = document.querySelector('#a').shadowRoot.querySelector('img')"
                + ".getBoundingClientRect(); return [r.left, r.top, r.width]");
        double left = ((Number) r.get(0)).doubleValue();
        double top = ((Number) r.get(1)).doubleValue();
        double scale = ((Number) r.get(2)).doubleValue() / stamp.width();
        browser.clickAt(left + stamp.centerX() * scale, top + stamp.centerY() * scale);
        browser.waitUntil("the card opens", () -> browser.bool(
                "return !document.querySelector('#a').shadowRoot.querySelector('.card').hidden"));
        return browser.text("return document.querySelector('#a').shadowRoot.querySelector('.card').innerText");
    }

    /**
     * The JPEG with an EXIF APP1 segment right after SOI that holds only the given Orientation (1 to 8): browsers
     * then show it turned, as cameras' files are.
     */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, IFD0 at 8
                1, 0, // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // 0x0112 Orientation, SHORT, 1
                0, 0, 0, 0}; // no next IFD
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * The stamped PNG with one pixel changed and its manifest store kept where it was: the pixels are decoded,
     * one is changed, the image data is encoded again and the original caBX chunk is put back before it.
     */
    static byte[] onePixelChanged(byte[] stampedPng, int x, int y) {
        Decoded decoded = new PixelCodec().decode(stampedPng);
        BufferedImage pixels = decoded.copyImage();
        pixels.setRGB(x, y, pixels.getRGB(x, y) ^ 0x00ffffff);
        byte[] encoded = new PixelCodec().encode(decoded, pixels);
        byte[] store = PixelTesting.chunks(stampedPng).stream().filter(c -> c.type().equals("caBX")).findFirst()
                .orElseThrow().bytes();
        return PixelTesting.insertBefore(encoded, "IDAT", store);
    }
}
