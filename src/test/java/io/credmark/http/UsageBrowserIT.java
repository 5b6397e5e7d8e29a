package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.testing.Browser;
import io.credmark.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Misuse reports and notices in a real headless Chromium: reports from the card on another site and from the
 * credential page reach the creator's dashboard, where the creator acknowledges one and sets a notice that then
 * shows in the card and on the credential page. Markup typed into reports, notices and profiles stays text. The
 * creator grants and revokes, from the dashboard, the front ends allowed to sign in their name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageBrowserIT {

    private static final String MARKUP = "<img src=x onerror=\"window.__pwned=1\"><b>bold</b>";

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
        token = api.postRaw("/v1/creators", "application/json",
                "{\"handle\":\"mirelle.ink\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + service.adminKey).json().get("token").asText();
        stamp = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(800, 520), "png"), "image/png",
                "{\"marker\": true}");
        site = new PublisherSite(service.base);
        site.put("/images/marked.png", "image/png", stamp.image());
        browser = Browser.start(1280, 900);
    }

    @Test
    void aReportFromTheCardReachesTheCreatorWhoseNoticeThenShowsWhereverTheImageIsChecked() {
        // from the card on another origin: its Report link leads to the service's report form
        openCard();
        String href = browser.text("return document.querySelector('#a').shadowRoot.querySelector('a.report').href");
        assertEquals(service.base + "/c/" + stamp.id() + "/report", href);
        browser.screenshot("usage-1-card-report-link");
        browser.open(href);
        fileReport("misattribution", "Seen on a gallery credited to someone else. " + MARKUP);
        browser.screenshot("usage-2-report-sent");

        // from the credential page
        browser.open(service.base + "/c/" + stamp.id());
        browser.driver().findElement(By.id("report-link")).click();
        browser.waitUntil("the report form", () -> browser.bool("return !!document.getElementById('report')"));
        fileReport("violates-usage-terms", "Made against the terms.");

        // the creator's dashboard: usage, and both reports, as text
        service.server.usage().counter().flush();
        signIn();
        browser.waitUntil("the inbox", () -> browser.number(
                "return document.querySelectorAll('#inbox li').length") == 2);
        String inbox = browser.text("return document.getElementById('inbox').innerText");
        assertTrue(inbox.contains(MARKUP), "markup in a report is shown as text: " + inbox);
        assertTrue(browser.bool("return document.querySelector('#usage-charts svg rect') !== null"),
                "a chart of the checks");
        assertTrue(browser.text("return document.getElementById('hosts').innerText").contains("127.0.0.1"),
                "the publisher's host, counted from the card's check");
        browser.js("document.getElementById('dashboard').scrollIntoView()");
        browser.screenshot("usage-3-dashboard");

        // acknowledge the report from the card
        browser.js("var li = [].slice.call(document.querySelectorAll('#inbox li')).filter(function (l) {"
                + " return l.innerText.indexOf('misattribution') >= 0; })[0];"
                + " li.querySelector('select').value = 'acknowledged';"
                + " li.querySelector('input').value = 'asked the gallery';"
                + " li.querySelector('button').click();");
        browser.waitUntil("saved", () -> browser.text("return document.getElementById('inbox-status').innerText")
                .contains("acknowledged"));
        JsonNode acknowledged = service.client().get("/v1/creators/mirelle.ink/reports?status=acknowledged",
                "Authorization", "Bearer " + token).json().get("reports");
        assertEquals(1, acknowledged.size());
        assertEquals("asked the gallery", acknowledged.at("/0/note").asText());

        // a notice, set from the dashboard
        String notice = "Not endorsed by the creator. " + MARKUP;
        browser.driver().findElement(By.id("notice-credential")).sendKeys(stamp.id());
        browser.js("document.getElementById('notice-text').value = arguments[0]", notice);
        browser.driver().findElement(By.cssSelector("#notice-form button")).click();
        browser.waitUntil("the notice is set", () -> browser.text(
                "return document.getElementById('notices').innerText").contains("Not endorsed"));
        browser.js("document.getElementById('notice-form').scrollIntoView()");
        browser.screenshot("usage-4-notice-set");

        browser.open(service.base + "/c/" + stamp.id());
        assertEquals(notice, browser.text("return document.getElementById('notice-text').innerText"));
        browser.screenshot("usage-5-credential-page-notice");
        String card = openCard();
        assertTrue(card.contains("Notice from the creator") && card.contains(notice), card);
        browser.screenshot("usage-6-card-notice");

        // a profile with markup, on the public page
        service.client().send("PUT", "/v1/creators/mirelle.ink", ("{\"displayName\":\"Mirelle <i>Okafor</i>\","
                + "\"bio\":\"" + MARKUP.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        browser.open(service.base + "/u/mirelle.ink");
        assertEquals("Mirelle <i>Okafor</i>", browser.text("return document.getElementById('display-name').innerText"));
        assertEquals(MARKUP, browser.text("return document.getElementById('bio').innerText"));
        browser.screenshot("usage-7-public-page");
        assertNull(browser.js("return window.__pwned === undefined ? null : String(window.__pwned)"));
    }

    @Test
    void theCreatorGrantsAndRevokesFrontEndsFromTheDashboard() {
        ApiClient api = service.client();
        assertEquals(201, api.postRaw("/v1/api-keys", "application/json",
                "{\"name\":\"studio-two\",\"role\":\"stamp\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + service.adminKey).status());
        assertEquals(200, api.send("PUT", "/v1/creators/mirelle.ink/grants",
                "{\"apiKeys\":[\"front-end\"]}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token,
                "Content-Type", "application/json").status());

        // the grant given over the API shows on the dashboard
        signIn();
        browser.waitUntil("the grants", () -> browser.number(
                "return document.querySelectorAll('#grants li[data-grant]').length") == 1);
        assertEquals("front-end", browser.text(
                "return document.querySelector('#grants li').getAttribute('data-grant')"));

        // a second front end, granted from the dashboard
        browser.driver().findElement(By.id("grant-key")).sendKeys("studio-two");
        browser.driver().findElement(By.cssSelector("#grant-form button")).click();
        browser.waitUntil("two grants", () -> browser.number(
                "return document.querySelectorAll('#grants li[data-grant]').length") == 2);
        assertEquals(List.of("front-end", "studio-two"), grantedKeys());
        assertEquals("", browser.text("return document.getElementById('grant-key').value"), "the field is cleared");

        // a name that is no API key: refused, its markup shown as text, the grants unchanged
        browser.js("document.getElementById('grant-key').value = arguments[0]", MARKUP);
        browser.driver().findElement(By.cssSelector("#grant-form button")).click();
        browser.waitUntil("refused", () -> browser.text("return document.getElementById('grants-status').innerText")
                .contains("no active API key"));
        assertTrue(browser.text("return document.getElementById('grants-status').innerText").contains("<b>bold</b>"));
        assertTrue(browser.bool("return document.querySelector('#grants-status *') === null"), "no element made");
        assertEquals(List.of("front-end", "studio-two"), grantedKeys());

        // revoke the first: the dashboard and the service agree
        browser.driver().findElement(By.cssSelector("#grants li[data-grant='front-end'] button")).click();
        browser.waitUntil("revoked", () -> browser.text("return document.getElementById('grants-status').innerText")
                .contains("revoked"));
        assertEquals(List.of("studio-two"), browser.js("return [].map.call(document.querySelectorAll("
                + "'#grants li[data-grant]'), function (li) { return li.getAttribute('data-grant'); })"));
        assertEquals(List.of("studio-two"), grantedKeys());
        browser.js("document.getElementById('grants-title').scrollIntoView()");
        browser.screenshot("usage-8-grants");
        assertNull(browser.js("return window.__pwned === undefined ? null : String(window.__pwned)"));
    }

    private List<String> grantedKeys() {
        JsonNode grants = service.client().get("/v1/creators/mirelle.ink/grants", "Authorization", "Bearer " + token)
                .json().get("grants");
        List<String> names = new java.util.ArrayList<>();
        grants.forEach(g -> names.add(g.get("apiKey").asText()));
        return names;
    }

    private void signIn() {
        browser.open(service.base + "/creator");
        browser.driver().findElement(By.id("handle")).sendKeys("mirelle.ink");
        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.cssSelector("#signin button")).click();
    }

    private void fileReport(String category, String message) {
        browser.js("document.getElementById('category').value = arguments[0];"
                + " document.getElementById('message').value = arguments[1];", category, message);
        browser.driver().findElement(By.cssSelector("#report button")).click();
        browser.waitUntil("the report is sent", () -> browser.text(
                "return document.getElementById('report-status').innerText").startsWith("Thank you"));
    }

    /** Opens the publisher's page, clicks the mark, returns the card's text. */
    private String openCard() {
        return WebFixtures.openCard(browser, site, "/images/marked.png", stamp);
    }
}
