package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.http.WebFixtures.Stamp;
import io.credmark.testing.Browser;
import io.credmark.testing.Corpus;
import io.credmark.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The web side in a real headless Chromium. The component runs on a publisher's page served from another origin
 * (another loopback port, with its own strict Content-Security-Policy) and talks to the service across origins; the
 * verify and credential pages are the service's own. Every step leaves a screenshot in {@code target/screenshots/}.
 */
class WebBrowserIT extends BrowserPageIT {


    private Stamp png;
    private Stamp jpeg;
    private Stamp plain;
    private Stamp turned;
    /** Stamped without the invisible watermark, so that a broken manifest leads nowhere else. */
    private Stamp unwatermarked;
    private byte[] unstamped;

    @BeforeAll
    void start(@TempDir Path directory) {
        uploads = directory.resolve("uploads");
        service = TestService.on(TestDatabase.H2, directory, Map.of());
        ApiClient api = service.client();
        String stampKey = service.createStampKey();
        png = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(800, 520), "png"), "image/png",
                "{\"marker\": {\"position\": \"bottom-right\", \"label\": \"creator\"}}");
        jpeg = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(720, 480), "jpg"), "image/jpeg",
                "{\"marker\": {\"position\": \"top-left\", \"label\": \"model\"}}");
        turned = WebFixtures.stamp(api, stampKey, WebFixtures.withOrientation(WebFixtures.encode(
                WebFixtures.scene(720, 480), "jpg"), 6), "image/jpeg", "{\"marker\": {\"position\": \"bottom-right\"}}");
        plain = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(640, 400), "png"), "image/png",
                null);
        unwatermarked = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(640, 400), "png"),
                "image/png", "{\"watermark\": false}");
        unstamped = WebFixtures.encode(WebFixtures.scene(480, 300), "png");

        site = new PublisherSite(service.base);
        site.put("/images/marked.png", "image/png", png.image());
        site.put("/images/marked.jpg", "image/jpeg", jpeg.image());
        site.put("/images/plain.png", "image/png", plain.image());
        site.put("/images/turned.jpg", "image/jpeg", turned.image());
        site.put("/favicon.ico", "image/png", unstamped);
        browser = Browser.start(WIDTH, HEIGHT);
    }

    // --- the component ------------------------------------------------------------------------------------------

    @Test
    void aClickOnTheMarkOpensThePopoverWithTheCreatorAndTheModel() {
        double verificationsBefore = verifications();
        browser.open(site.page("/natural.html", "Gallery", "<h1>Gallery</h1><p>An image made with Inkwash XL. Click"
                + " the mark in its corner.</p><credmark-image id=\"a\" src=\"/images/marked.png\" credential=\""
                + png.id() + "\" alt=\"A heron at dawn\"></credmark-image>"));
        ready("#a");
        assertEquals("trusted", attribute("#a", "data-status"), "verified live, across origins");
        assertEquals(1, verifications() - verificationsBefore, 0.0, "one check per image");

        double[] img = rect("#a", "img");
        assertEquals(png.width(), img[2], 0.5, "shown at its natural size");
        double[] hotspot = rect("#a", ".hotspot");
        double[] mark = markOnPage(png, img);
        for (int i = 0; i < 4; i++) {
            assertEquals(mark[i], hotspot[i], 1.0, "the hotspot lies exactly over the mark");
        }
        browser.screenshot("component-1-natural-size");

        // a click on the image away from the mark opens nothing
        browser.clickAt(img[0] + img[2] * 0.3, img[1] + img[3] * 0.3);
        assertFalse(open("#a"));

        browser.clickAt(png.centerX() + img[0], png.centerY() + img[1]);
        browser.waitUntil("the popover opens", () -> open("#a"));
        String card = cardText("#a");
        assertTrue(card.contains("Signed by "), card);
        assertTrue(card.contains(WebFixtures.DISPLAY_NAME + " (mirelle.ink)"), "the creator, as text: " + card);
        assertTrue(card.contains("Inkwash XL 2.1"), "the model: " + card);
        assertTrue(card.contains("Based on Stable Diffusion XL Base 1.0"), card);
        assertTrue(card.contains("License: CreativeML Open RAIL++-M"), card);
        assertTrue(card.contains("AI-generated"), card);
        assertEquals(service.base + "/c/" + png.id(), browser.text(
                "return document.querySelector('#a').shadowRoot.querySelector('.card a.more').href"));
        assertEquals("true", browser.text("return document.querySelector('#a').shadowRoot"
                + ".querySelector('.hotspot').getAttribute('aria-expanded')"));
        assertTrue(browser.bool("var c = document.querySelector('#a').shadowRoot.querySelector('.card');"
                + "return c.getBoundingClientRect().width > 200 && c.querySelector('img') === null"),
                "the creator's name made no image element");
        browser.screenshot("component-2-popover");

        // a click outside closes it
        browser.clickAt(WIDTH - 20, 20);
        assertFalse(open("#a"));
    }

    @Test
    void theHotspotFollowsTheRenderedSizeOfTheImage() {
        browser.open(site.page("/sizes.html", "Sizes", "<h1>A smaller rendering</h1><credmark-image id=\"a\""
                + " class=\"w360\" src=\"/images/marked.png\" credential=\"" + png.id() + "\"></credmark-image>"));
        ready("#a");
        double[] img = rect("#a", "img");
        assertEquals(360, img[2], 0.5);
        double scale = img[2] / png.width();
        double[] hotspot = rect("#a", ".hotspot");
        double[] mark = markOnPage(png, img);
        assertTrue(contains(hotspot, mark), "the hotspot covers the scaled mark");
        assertTrue(hotspot[2] >= 24 && hotspot[3] >= 24, "and stays a usable target at " + scale + "×");
        browser.clickAt(img[0] + png.centerX() * scale, img[1] + png.centerY() * scale);
        browser.waitUntil("the popover opens", () -> open("#a"));
        assertTrue(cardText("#a").contains("Inkwash XL"));
        browser.screenshot("component-3-rendered-360px");
        browser.clickAt(WIDTH - 20, 20);

        // the page changes the element's width: the hotspot moves with the mark
        browser.js("document.querySelector('#a').className = 'w560'");
        browser.waitUntil("the hotspot follows", () -> {
            double[] now = rect("#a", "img");
            return Math.abs(now[2] - 560) < 0.5 && contains(rect("#a", ".hotspot"), markOnPage(png, now));
        });
        img = rect("#a", "img");
        scale = img[2] / png.width();
        browser.clickAt(img[0] + png.centerX() * scale, img[1] + png.centerY() * scale);
        browser.waitUntil("the popover opens", () -> open("#a"));
        browser.screenshot("component-4-resized-560px");
    }

    @Test
    void aJpegMarkedTopLeftAndShownLargerThanItIs() {
        browser.open(site.page("/jpeg.html", "JPEG", "<credmark-image id=\"b\" class=\"w1000\" src=\"/images/marked"
                + ".jpg\" credential=\"" + jpeg.id() + "\"></credmark-image>"));
        ready("#b");
        assertEquals("trusted", attribute("#b", "data-status"));
        double[] img = rect("#b", "img");
        double scale = img[2] / jpeg.width();
        assertTrue(scale > 1.3);
        double[] mark = markOnPage(jpeg, img);
        double[] hotspot = rect("#b", ".hotspot");
        for (int i = 0; i < 4; i++) {
            assertEquals(mark[i], hotspot[i], 1.0, "the hotspot lies exactly over the enlarged mark");
        }
        assertTrue(mark[0] - img[0] < img[2] / 4 && mark[1] - img[1] < img[3] / 4, "top left");
        browser.clickAt(img[0] + jpeg.centerX() * scale, img[1] + jpeg.centerY() * scale);
        browser.waitUntil("the popover opens", () -> open("#b"));
        String card = cardText("#b");
        assertTrue(card.contains("Inkwash XL 2.1") && card.contains("mirelle.ink"), card);
        browser.screenshot("component-5-jpeg-top-left-enlarged");
    }

    @Test
    void aJpegShownTurnedByItsExifOrientation() {
        browser.open(site.page("/turned.html", "Turned", "<h1>A portrait from a landscape file</h1>"
                + "<credmark-image id=\"c\" class=\"w360\" src=\"/images/turned.jpg\" credential=\"" + turned.id()
                + "\"></credmark-image>"));
        ready("#c");
        double[] img = rect("#c", "img");
        assertTrue(img[3] > img[2], "browsers show it turned: " + img[2] + " × " + img[3]);
        assertEquals(turned.width(), browser.number("return document.querySelector('#c').shadowRoot"
                + ".querySelector('img').naturalWidth"), 0.5);
        double scale = img[2] / turned.width();
        double[] hotspot = rect("#c", ".hotspot");
        assertTrue(contains(hotspot, markOnPage(turned, img)), "the hotspot covers the mark where it is shown");
        assertTrue(hotspot[0] + hotspot[2] / 2 > img[0] + img[2] / 2 && hotspot[1] + hotspot[3] / 2
                > img[1] + img[3] / 2, "at the bottom right of the turned image");
        browser.clickAt(img[0] + turned.centerX() * scale, img[1] + turned.centerY() * scale);
        browser.waitUntil("the popover opens", () -> open("#c"));
        assertTrue(cardText("#c").contains("Inkwash XL"));
        browser.screenshot("component-9-jpeg-exif-orientation-6");
    }

    @Test
    void anImageThePageCannotReadFallsBackToTheRecord() {
        try (PublisherSite imageHost = new PublisherSite(service.base)) {
            // an image host that sends no CORS headers: the page may show the image but not read its bytes
            imageHost.put("/marked.png", "image/png", png.image());
            site.allow(imageHost.origin());
            browser.open(site.page("/elsewhere.html", "Elsewhere", "<credmark-image id=\"a\" class=\"w560\" src=\""
                    + imageHost.origin() + "/marked.png\" credential=\"" + png.id() + "\"></credmark-image>"));
            ready("#a");
            assertEquals("unchecked", attribute("#a", "data-status"));
            assertFalse(hidden("#a", ".under"), "without the report there is no box: the badge stands in");
            double[] badge = rect("#a", ".badge");
            browser.clickAt(badge[0] + badge[2] / 2, badge[1] + badge[3] / 2);
            browser.waitUntil("the popover opens", () -> open("#a"));
            String card = cardText("#a");
            assertTrue(card.contains("This image could not be checked here."), card);
            assertTrue(card.contains("Inkwash XL") && card.contains("mirelle.ink"), "the record: " + card);
            browser.screenshot("component-10-unreadable-image");
            browser.log(); // the console reports the refused read; it was expected
        }
    }

    @Test
    void theKeyboardReachesAndOpensThePopover() {
        browser.open(site.page("/keys.html", "Keyboard", "<p><a id=\"before\" href=\"#\">A link before the"
                + " image</a></p><credmark-image id=\"a\" class=\"w560\" src=\"/images/marked.png\" credential=\""
                + png.id() + "\"></credmark-image><p><a id=\"after\" href=\"#\">A link after</a></p>"));
        ready("#a");
        browser.js("document.getElementById('before').focus()");
        browser.press(Keys.TAB);
        assertEquals("hotspot", focusedInside("#a"), "Tab reaches the hotspot");
        assertTrue(browser.text("return document.querySelector('#a').shadowRoot.querySelector('.hotspot')"
                + ".getAttribute('aria-label')").contains("mirelle.ink"));
        assertEquals("dialog", browser.text("return document.querySelector('#a').shadowRoot"
                + ".querySelector('.hotspot').getAttribute('aria-haspopup')"));
        browser.screenshot("component-6-keyboard-focus");

        browser.press(Keys.ENTER);
        browser.waitUntil("Enter opens the popover", () -> open("#a"));
        assertTrue(cardText("#a").contains("Inkwash XL"));
        browser.screenshot("component-7-keyboard-enter");

        browser.press(Keys.ESCAPE);
        browser.waitUntil("Escape closes it", () -> !open("#a"));
        assertEquals("hotspot", focusedInside("#a"), "and gives the focus back");

        browser.press(Keys.SPACE);
        browser.waitUntil("Space opens it", () -> open("#a"));
        browser.press(Keys.TAB);
        assertEquals("close", focusedInside("#a"), "the card follows the hotspot in the tab order");
        browser.press(Keys.TAB);
        assertEquals("more", focusedInside("#a"));
        browser.shiftTab();
        assertEquals("close", focusedInside("#a"));
        browser.press(Keys.ENTER);
        browser.waitUntil("the close button closes it", () -> !open("#a"));
        assertEquals("hotspot", focusedInside("#a"));
    }

    @Test
    void anImageWithoutAMarkGetsABadgeAndThePublisherCanHideEverything() {
        browser.open(site.page("/badge.html", "Badge", "<h1>Stamped without a mark</h1><credmark-image id=\"a\""
                + " class=\"w560\" src=\"/images/plain.png\" credential=\"" + plain.id() + "\"></credmark-image>"
                + "<h1>Indicator hidden by the publisher</h1><credmark-image id=\"b\" class=\"w360\""
                + " src=\"/images/marked.png\" credential=\"" + png.id() + "\" indicator=\"none\"></credmark-image>"));
        ready("#a");
        ready("#b");
        assertTrue(hidden("#a", ".hotspot"));
        assertFalse(hidden("#a", ".under"));
        double[] img = rect("#a", "img");
        double[] badge = rect("#a", ".badge");
        assertTrue(badge[1] >= img[1] + img[3], "beside the image, not over it");
        assertTrue(badge[3] <= 28, "unobtrusive: " + badge[3] + " px high");
        assertTrue(browser.text("return document.querySelector('#a').shadowRoot.querySelector('.badge').textContent")
                .contains("mirelle.ink"));
        browser.clickAt(badge[0] + badge[2] / 2, badge[1] + badge[3] / 2);
        browser.waitUntil("the badge opens the popover", () -> open("#a"));
        String card = cardText("#a");
        assertTrue(card.contains("Inkwash XL") && card.contains("mirelle.ink"), card);
        browser.screenshot("component-8-badge");
        browser.press(Keys.ESCAPE);

        assertTrue(hidden("#b", ".hotspot") && hidden("#b", ".under"), "indicator=none: the image only");
        assertNull(attribute("#b", "data-status"), "and nothing is fetched to check it");
        double[] other = rect("#b", "img");
        double scale = other[2] / png.width();
        browser.clickAt(other[0] + png.centerX() * scale, other[1] + png.centerY() * scale);
        assertFalse(open("#b"));

        // the publisher turns it on: the element checks the image and puts the hotspot over the mark
        double before = verifications();
        browser.js("var b = document.querySelector('#b'); b.setAttribute('indicator', 'auto');"
                + " b.setAttribute('alt', 'A heron');");
        browser.waitUntil("#b is checked", () -> "trusted".equals(attribute("#b", "data-status")));
        assertFalse(hidden("#b", ".hotspot"));
        assertEquals(1, verifications() - before, 0.0);
        browser.clickAt(other[0] + png.centerX() * scale, other[1] + png.centerY() * scale);
        browser.waitUntil("the popover opens", () -> open("#b"));
    }

    // --- the verify page ----------------------------------------------------------------------------------------

    @Test
    void theVerifyPageSaysInPlainWordsWhatAFileIs() throws Exception {
        browser.open(service.base + "/");
        assertEquals("Who made the model behind this image?", browser.driver().findElement(By.tagName("h1"))
                .getText());
        browser.screenshot("verify-1-page");

        upload("stamped.png", png.image());
        String signed = result("trusted");
        assertTrue(signed.contains("Signed by ") && signed.contains(" on "), signed);
        assertTrue(signed.contains("The file has not been changed since it was signed."), signed);
        assertTrue(signed.contains("Made with Inkwash XL 2.1, a model by " + WebFixtures.DISPLAY_NAME
                + " (mirelle.ink)."), signed);
        assertTrue(signed.contains(WebFixtures.PROMPT), "the prompt, as text: " + signed);
        assertTrue(signed.contains("Where the model comes from"), signed);
        assertTrue(signed.contains("Invisible watermark present and agrees"), signed);
        assertTrue(browser.bool("return document.querySelector('#result script, #result img[src=x]') === null"));
        assertTrue(browser.bool("return !!document.querySelector('#result a[href$=\"/c/" + png.id() + "\"]')"));
        browser.screenshot("verify-2-signed");
        phone("verify-3-signed-phone", "#result article");

        // stamped without the watermark: a watermarked one would be recovered (WatermarkBrowserIT)
        upload("one-pixel-changed.png", WebFixtures.onePixelChanged(unwatermarked.image(), 40, 30));
        String tampered = result("invalid");
        assertTrue(tampered.contains("This file may have been tampered with."), tampered);
        assertFalse(tampered.contains("Made with"), "nothing of a broken manifest is shown as fact");
        browser.js("document.querySelector('#result details').open = true");
        assertTrue(browser.text("return document.querySelector('#result details').innerText")
                .contains("assertion.dataHash.mismatch"));
        browser.screenshot("verify-4-tampered");

        // another producer's file, signed by a certificate this installation does not trust
        upload("C.jpg", Corpus.bytes("testdata/c2pa-fixtures/C.jpg"));
        String untrusted = result("valid");
        assertTrue(untrusted.contains("Signed by "), untrusted);
        assertTrue(untrusted.contains("The Content Credential issuer couldn\u2019t be recognized. This file may not"
                + " come from where it claims to."), untrusted);
        browser.screenshot("verify-5-unrecognised-issuer");

        // this one is dropped onto the page rather than picked
        browser.js("""
                var bytes = Uint8Array.from(atob(arguments[0]), function (c) { return c.charCodeAt(0); });
                var file = new File([bytes], 'never-stamped.png', {type: 'image/png'});
                var data = new DataTransfer();
                data.items.add(file);
                var drop = document.getElementById('drop');
                drop.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
                drop.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
                """, Base64.getEncoder().encodeToString(unstamped));
        String none = result("none");
        assertTrue(none.contains("No Content Credentials found."), none);
        assertTrue(none.contains("never-stamped.png"), none);
        browser.screenshot("verify-6-none-found");

        upload("not-an-image.png", "hello".getBytes(StandardCharsets.UTF_8));
        String error = result("error");
        assertTrue(error.contains("This file could not be checked."), error);
        assertTrue(error.contains("not a PNG or JPEG") || error.contains("PNG"), error);
        browser.screenshot("verify-7-not-an-image");
        browser.log(); // the console reports the 415 answer; it was expected
    }

    // --- the credential page ------------------------------------------------------------------------------------

    @Test
    void theCredentialPageShowsTheLineageAsAChain() {
        browser.open(service.base + "/c/" + png.id());
        List<?> steps = (List<?>) browser.js("return Array.from(document.querySelectorAll('ol.chain > li .step'))"
                + ".map(function (s) { return s.textContent; })");
        assertEquals(List.of("Trained on", "Base model", "Merged from", "Fine-tuned", "This model", "With adapters",
                "This image"), steps);
        String page = browser.text("return document.body.innerText");
        assertTrue(page.contains(WebFixtures.PROMPT), "the prompt, as text");
        assertTrue(page.contains(WebFixtures.DISPLAY_NAME));
        browser.screenshot("credential-1-page");
        browser.js("document.querySelector('ol.chain').scrollIntoView()");
        browser.screenshot("credential-2-chain");
        phone("credential-3-phone", "ol.chain");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** How many images the service has verified so far, from its metrics. */
    private double verifications() {
        return service.client().get("/metrics").text().lines().filter(l -> l.startsWith("credmark_verifications_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void ready(String host) {
        browser.waitUntil(host + " is ready", () -> "ready".equals(attribute(host, "data-state")));
    }

    private String cardText(String host) {
        return browser.text("return document.querySelector(arguments[0]).shadowRoot.querySelector('.card').innerText",
                host);
    }

    /** The class of the element focused inside the component's shadow root. */
    private String focusedInside(String host) {
        return browser.text("var h = document.querySelector(arguments[0]);"
                + "return document.activeElement === h && h.shadowRoot.activeElement"
                + " ? h.shadowRoot.activeElement.className : null", host);
    }

    /** Where the stamp drew the mark, scaled to the image as rendered: left, top, width, height. */
    private static double[] markOnPage(Stamp s, double[] img) {
        double sx = img[2] / s.width();
        double sy = img[3] / s.height();
        return new double[] {img[0] + s.displayBox().get("x").asDouble() * sx,
                img[1] + s.displayBox().get("y").asDouble() * sy, s.displayBox().get("width").asDouble() * sx,
                s.displayBox().get("height").asDouble() * sy};
    }

    private static boolean contains(double[] outer, double[] inner) {
        return outer[0] <= inner[0] + 0.5 && outer[1] <= inner[1] + 0.5
                && outer[0] + outer[2] >= inner[0] + inner[2] - 0.5 && outer[1] + outer[3] >= inner[1] + inner[3] - 0.5;
    }
}
