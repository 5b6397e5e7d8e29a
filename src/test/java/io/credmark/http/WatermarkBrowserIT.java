package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.http.WebFixtures.Stamp;
import io.credmark.testing.Browser;
import io.credmark.testing.Corpus;
import io.credmark.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The invisible watermark on the web side, in a real headless Chromium: an image stamped with the service's default
 * options (so with the watermark) whose metadata is then stripped, as a site that re-saves images does, is still
 * traced to its credential by the verify page and by the {@code <credmark-image>} component; a valid manifest signed
 * anew over someone else's watermarked pixels is flagged. The provenance carries hostile text ({@link WebFixtures}),
 * which must show as text. Every step leaves a screenshot in {@code target/screenshots/}.
 */
class WatermarkBrowserIT extends BrowserPageIT {

    /** A photograph at an image generator's size (testdata/watermark/README.md). */
    private static final String PHOTO = "testdata/watermark/train/photo-kde-bythewater-768x768.jpg";

    /** Stamped through the API with the default options: the watermark is embedded, no mark is drawn. */
    private Stamp stamped;
    /** Its pixels only, decoded and encoded again as PNG: no manifest is left. */
    private byte[] stripped;

    @BeforeAll
    void start(@TempDir Path directory) {
        uploads = directory.resolve("uploads");
        service = TestService.on(TestDatabase.H2, directory, Map.of());
        stamped = WebFixtures.stamp(service.client(), service.createStampKey(), png(read(Corpus.bytes(PHOTO))), "image/png",
                null);
        stripped = png(read(stamped.image()));

        // the service itself finds the credential: the browser tests below are about showing it
        JsonNode report = service.client().postMultipart("/v1/verify", List.of(ApiClient.Part.file("image",
                "stripped.png", "image/png", stripped))).json();
        assertEquals("recovered", report.path("status").asText(), report.toString());
        assertEquals(stamped.id(), report.at("/recovered/id").asText());
        assertFalse(report.has("activeManifest"), "nothing of the manifest is left");

        site = new PublisherSite(service.base);
        site.put("/images/stripped.png", "image/png", stripped);
        browser = Browser.start(WIDTH, HEIGHT);
    }

    // --- the verify page ----------------------------------------------------------------------------------------

    @Test
    void theVerifyPageRecoversTheCredentialOfAStrippedImage() throws Exception {
        browser.open(service.base + "/");
        upload("re-saved.png", stripped);
        String card = result("recovered");
        assertTrue(card.contains("Credential recovered from an invisible watermark"), card);
        assertTrue(card.contains(JsonViews.RECOVERED_NOTICE), "the plain notice: " + card);
        assertTrue(card.contains("Made with Inkwash XL 2.1, a model by " + WebFixtures.DISPLAY_NAME
                + " (mirelle.ink)."), "the creator and the model, as text: " + card);
        assertTrue(card.contains(WebFixtures.PROMPT), "the prompt, as text: " + card);
        assertTrue(card.contains("Where the model comes from") && card.contains("Usage terms"), card);
        assertTrue(card.contains("Stamped on "), card);
        assertFalse(card.contains("can\u2019t be verified"), "the file had no manifest left to fail: " + card);
        assertEquals(service.base + "/c/" + stamped.id(), browser.text(
                "return document.querySelector('#result article a[href$=\"/c/' + arguments[0] + '\"]').href",
                stamped.id()));
        assertHostileTextStayedText("#result");
        assertTrue(browser.bool("var name = arguments[0];"
                + "return Array.from(document.querySelectorAll('#result .provenance-creator dd'))"
                + ".some(function (d) { return d.childNodes.length === 1 && d.firstChild.nodeType === Node.TEXT_NODE"
                + " && d.textContent === name; })", WebFixtures.DISPLAY_NAME),
                "the name with <img onerror> is one text node");
        browser.screenshot("watermark-1-verify-recovered");
        phone("watermark-2-verify-recovered-phone", "#result article");

        // a link to the credential page, which opens
        browser.driver().findElement(By.cssSelector("#result article a[href$=\"/c/" + stamped.id() + "\"]")).click();
        browser.waitUntil("the credential page opens", () -> browser.driver().getCurrentUrl().endsWith(
                "/c/" + stamped.id()));
        assertTrue(browser.text("return document.body.innerText").contains(WebFixtures.DISPLAY_NAME));
    }

    @Test
    void aBrokenManifestOverWatermarkedPixelsIsRecoveredAndStillSaysWhatFailed() throws Exception {
        browser.open(service.base + "/");
        upload("one-pixel-changed.png", WebFixtures.onePixelChanged(stamped.image(), 40, 30));
        String card = result("recovered");
        assertTrue(card.contains("Credential recovered from an invisible watermark"), card);
        assertTrue(card.contains("This file also carries Content Credentials that can\u2019t be verified."), card);
        assertTrue(card.contains(JsonViews.RECOVERED_NOTICE), card);
        assertTrue(card.contains("Inkwash XL 2.1"), card);
        browser.js("document.querySelector('#result details').open = true");
        assertTrue(browser.text("return document.querySelector('#result details').innerText")
                .contains("assertion.dataHash.mismatch"));
        assertHostileTextStayedText("#result");
        browser.screenshot("watermark-3-verify-recovered-broken-manifest");

        // the component says both
        site.put("/images/one-pixel-changed.png", "image/png", WebFixtures.onePixelChanged(stamped.image(), 40, 30));
        browser.open(site.page("/changed.html", "Changed", "<credmark-image id=\"c\" class=\"w560\""
                + " src=\"/images/one-pixel-changed.png\" credential=\"" + stamped.id() + "\"></credmark-image>"));
        browser.waitUntil("#c is ready", () -> "ready".equals(attribute("#c", "data-state")));
        assertEquals("recovered", attribute("#c", "data-status"));
        browser.js("document.querySelector('#c').show()");
        String popover = browser.text("return document.querySelector('#c').shadowRoot.querySelector('.card')"
                + ".innerText");
        assertTrue(popover.contains("Credential recovered from an invisible watermark")
                && popover.contains("This file also carries Content Credentials that can\u2019t be verified.")
                && popover.contains("Inkwash XL 2.1"), popover);
        assertFalse(popover.contains("different credential"), popover);
    }

    @Test
    void theIssuedFileSaysItsWatermarkAgrees() throws Exception {
        browser.open(service.base + "/");
        upload("stamped.png", stamped.image());
        String card = result("trusted");
        assertTrue(card.contains("Invisible watermark present and agrees"), card);
        assertFalse(browser.bool("return !!document.querySelector('#result .watermark.disagrees')"));
        browser.screenshot("watermark-4-verify-agrees");
    }

    @Test
    void aManifestSignedAnewOverAnotherCredentialsWatermarkIsFlagged() throws Exception {
        // another installation signs the stripped copy as its own, without a watermark of its own: the manifest is
        // valid, but the pixels still carry the first credential's watermark
        Path other = Files.createDirectories(uploads.resolveSibling("other"));
        byte[] resigned;
        try (TestService elsewhere = TestService.on(TestDatabase.H2, other, Map.of())) {
            resigned = WebFixtures.stamp(elsewhere.client(), elsewhere.createStampKey(), stripped, "image/png",
                    "{\"watermark\": false}").image();
        }
        browser.open(service.base + "/");
        upload("signed-again.png", resigned);
        browser.waitUntil("a result card", () -> browser.bool(
                "return !!document.querySelector('#result article[data-status]:not([data-status=\"error\"])')"));
        String card = browser.text("return document.querySelector('#result article').innerText");
        assertTrue(card.contains("Signed by "), card);
        assertTrue(card.contains("The invisible watermark in the pixels does not match these Content Credentials."),
                card);
        assertTrue(card.contains("The pixels carry the invisible watermark of the credential " + stamped.id()), card);
        assertTrue(browser.bool("return !!document.querySelector('#result .watermark.disagrees a[href$=\"/c/'"
                + " + arguments[0] + '\"]')", stamped.id()), "a link to the credential the watermark leads to");
        assertFalse(card.contains("Invisible watermark present and agrees"), card);
        browser.js("document.querySelector('#result .watermark').scrollIntoView({block: 'center'})");
        browser.screenshot("watermark-5-verify-disagrees");

        // the component says it too
        site.put("/images/signed-again.png", "image/png", resigned);
        browser.open(site.page("/signed-again.html", "Signed again", "<credmark-image id=\"s\" class=\"w560\""
                + " src=\"/images/signed-again.png\"></credmark-image>"));
        browser.waitUntil("#s is ready", () -> "ready".equals(attribute("#s", "data-state")));
        double[] badge = rect("#s", ".badge");
        browser.clickAt(badge[0] + badge[2] / 2, badge[1] + badge[3] / 2);
        browser.waitUntil("the popover opens", () -> open("#s"));
        String popover = browser.text("return document.querySelector('#s').shadowRoot.querySelector('.card')"
                + ".innerText");
        assertTrue(popover.contains("The pixels carry the invisible watermark of the credential " + stamped.id()),
                popover);
        browser.screenshot("watermark-7-component-disagrees");
    }

    // --- the component ------------------------------------------------------------------------------------------

    @Test
    void theComponentShowsTheRecoveredCredentialOfAStrippedImage() {
        // the page names no credential: the one shown comes from the watermark
        browser.open(site.page("/stripped.html", "Re-saved", "<h1>A re-saved copy</h1><p>This image lost its Content"
                + " Credentials when it was saved again.</p><credmark-image id=\"r\" class=\"w560\""
                + " src=\"/images/stripped.png\" alt=\"A river bank\"></credmark-image>"));
        browser.waitUntil("#r is ready", () -> "ready".equals(attribute("#r", "data-state")));
        assertEquals("recovered", attribute("#r", "data-status"));
        assertTrue(hidden("#r", ".hotspot"), "no manifest, so no mark's box: the badge stands in");
        assertFalse(hidden("#r", ".under"));
        assertEquals("Attribution recovered: mirelle.ink", browser.text("return document.querySelector('#r')"
                + ".shadowRoot.querySelector('.badge').textContent"));
        double[] badge = rect("#r", ".badge");
        browser.clickAt(badge[0] + badge[2] / 2, badge[1] + badge[3] / 2);
        browser.waitUntil("the popover opens", () -> open("#r"));
        String card = browser.text("return document.querySelector('#r').shadowRoot.querySelector('.card')"
                + ".innerText");
        assertTrue(card.contains("Credential recovered from an invisible watermark"), card);
        assertTrue(card.contains(JsonViews.RECOVERED_NOTICE), "the notice: " + card);
        assertTrue(card.contains(WebFixtures.DISPLAY_NAME + " (mirelle.ink)"), "the creator, as text: " + card);
        assertTrue(card.contains("Inkwash XL 2.1"), "the model: " + card);
        assertFalse(card.contains("AI-generated"), "no label from a manifest that is not there: " + card);
        assertEquals(service.base + "/c/" + stamped.id(), browser.text(
                "return document.querySelector('#r').shadowRoot.querySelector('.card a.more').href"));
        assertTrue(browser.bool("var c = document.querySelector('#r').shadowRoot.querySelector('.card');"
                + "return c.querySelector('img, script') === null"), "the creator's name made no element");
        assertEquals("recovered", browser.text("return document.querySelector('#r').report.status"));
        browser.screenshot("watermark-6-component-recovered");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("ImageIO cannot read the image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(BufferedImage image) {
        return WebFixtures.encode(image, "png");
    }

    /** No element was made from the provenance's hostile text, and it is there as text. */
    private void assertHostileTextStayedText(String scope) {
        assertTrue(browser.bool("return document.querySelector(arguments[0] + ' script, ' + arguments[0]"
                + " + ' img[src=x]') === null", scope), "no <script> or <img> from the provenance");
        String text = browser.text("return document.querySelector(arguments[0]).textContent", scope);
        assertTrue(text.contains("<img src=x onerror=") && text.contains("<script>window.__pwned"), text);
    }
}
