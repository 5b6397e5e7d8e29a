package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.testing.Browser;
import io.credmark.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The creator page in a real headless Chromium, with the creator routes of the disclosure issue: a creator signs in
 * with their token, switches a field to private, and the field disappears from the credential page and from the
 * component's popover on another site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreatorPageBrowserIT {

    /** A field the popover shows ("Trained on …") and the credential page lists. */
    private static final String FIELD = "lineage.datasets";
    private static final String VALUE = "Inkwash reference scans";

    @AutoClose
    private TestService service;
    @AutoClose
    private PublisherSite site;
    @AutoClose
    private Browser browser;
    private String token;
    private WebFixtures.Stamp stamp;

    @BeforeAll
    void start(@TempDir Path directory) {
        service = TestService.on(TestDatabase.H2, directory, Map.of());
        ApiClient api = service.client();
        String stampKey = service.createStampKey();
        ApiClient.Answer creator = api.postRaw("/v1/creators", "application/json",
                "{\"handle\":\"mirelle.ink\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + service.adminKey);
        assertTrue(creator.status() == 200 || creator.status() == 201, creator.toString());
        JsonNode c = creator.json();
        token = (c.has("token") ? c.get("token") : c.get("creatorToken")).asText();
        // the field starts protected: shown by the service, never written into the file, so it can be withdrawn
        ApiClient.Answer policy = api.send("PUT", "/v1/creators/mirelle.ink/disclosure",
                ("{\"" + FIELD + "\":\"protected\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertEquals(200, policy.status() / 100 * 100, policy.toString());
        stamp = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(800, 520), "png"), "image/png",
                "{\"marker\": true}");
        site = new PublisherSite(service.base);
        site.put("/images/marked.png", "image/png", stamp.image());
        browser = Browser.start(1280, 900);
    }

    @Test
    void switchingAFieldToPrivateRemovesItFromTheCredentialPageAndThePopover() {
        assertTrue(popover().contains("Trained on " + VALUE), "protected: the service shows it");
        browser.screenshot("creator-1-popover-before");
        browser.open(service.base + "/c/" + stamp.id());
        assertTrue(browser.text("return document.body.innerText").contains(VALUE));
        browser.screenshot("creator-2-credential-before");

        browser.open(service.base + "/creator");
        browser.driver().findElement(By.id("handle")).sendKeys("mirelle.ink");
        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.id("credential")).sendKeys(stamp.id());
        browser.driver().findElement(By.cssSelector("#signin button")).click();
        browser.waitUntil("the settings show", () -> browser.bool("return !document.getElementById('settings')"
                + ".hidden"));
        assertTrue(browser.bool("return document.querySelector('input[name=\"" + FIELD + "\"][value=protected]')"
                + ".checked"), "the page shows the level in force");
        assertTrue(previewText().contains(VALUE));
        browser.screenshot("creator-3-signed-in");

        browser.driver().findElement(By.cssSelector("input[name=\"" + FIELD + "\"][value=private]")).click();
        browser.waitUntil("the preview drops the field", () -> !previewText().contains(VALUE));
        assertTrue(browser.text("return document.getElementById('preview').innerText").contains(FIELD),
                "and lists it as hidden");
        browser.js("document.querySelector('fieldset[data-path=\"" + FIELD + "\"]').scrollIntoView({block:"
                + " 'center'})");
        browser.screenshot("creator-4-switched-to-private");

        browser.driver().findElement(By.cssSelector("#levels button[type=submit]")).click();
        browser.waitUntil("saved", () -> browser.text("return document.getElementById('save-status').textContent")
                .startsWith("Saved"));
        browser.waitUntil("the live public view", () -> browser.bool("return document.getElementById('preview')"
                + ".getAttribute('data-live') === 'true'"));
        assertFalse(previewText().contains(VALUE), "the public view, fetched without the token");
        browser.screenshot("creator-5-saved");

        browser.open(service.base + "/c/" + stamp.id());
        assertFalse(browser.text("return document.body.innerText").contains(VALUE));
        browser.screenshot("creator-6-credential-after");
        String after = popover();
        assertFalse(after.contains(VALUE), after);
        assertTrue(after.contains("Inkwash XL") && after.contains("mirelle.ink"), "identity stays: " + after);
        browser.screenshot("creator-7-popover-after");
        assertNull(browser.js("return window.__pwned === undefined ? null : String(window.__pwned)"));
    }

    private String previewText() {
        return browser.text("return document.getElementById('preview').innerText");
    }

    /** Opens the publisher's page, clicks the mark, returns the popover's text. */
    private String popover() {
        return WebFixtures.openCard(browser, site, "/images/marked.png", stamp);
    }
}
