package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * A service, a publisher's site and headless Chromium for the page tests: every test starts in a window of the
 * same size and fails if text from a provenance document ran as script or the console shows an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPageIT {

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    @AutoClose
    TestService service;
    @AutoClose
    PublisherSite site;
    @AutoClose
    Browser browser;
    /** Where files to upload through the page are written. */
    Path uploads;

    @BeforeEach
    void freshWindow() {
        browser.driver().manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        browser.log();
    }

    @AfterEach
    void noScriptRanAndNothingWasRefused() {
        assertNull(browser.js("return window.__pwned === undefined ? null : String(window.__pwned)"),
                "text from a provenance document ran as script");
        List<String> errors = browser.errors().stream().filter(e -> !e.contains("favicon.ico")).toList();
        assertEquals(List.of(), errors, "console errors (script errors, Content-Security-Policy refusals)");
    }

    /** Picks {@code bytes} as the file of the verify page's file input, under {@code name}. */
    void upload(String name, byte[] bytes) throws Exception {
        Path file = Files.createDirectories(uploads).resolve(name);
        Files.write(file, bytes);
        browser.js("document.getElementById('result').textContent = ''; document.getElementById('file').value = ''");
        browser.driver().findElement(By.id("file")).sendKeys(file.toString());
    }

    /** Waits for the verify page's result card of the given kind and returns its text. */
    String result(String kind) {
        browser.waitUntil("a '" + kind + "' result card", () -> browser.bool(
                "return !!document.querySelector('#result article[data-status=\"' + arguments[0] + '\"]')", kind));
        return browser.text("return document.querySelector('#result article').innerText");
    }

    /** The same page at a phone's width: a screenshot, and nothing wider than the screen. */
    void phone(String name, String scrollTo) {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.waitUntil("the page is laid out for the phone", () -> browser.number("return window.innerWidth") < 400);
        browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", scrollTo);
        assertTrue(browser.number("return document.documentElement.scrollWidth") <= browser.number(
                "return document.documentElement.clientWidth"), name + ": nothing is wider than the screen");
        browser.screenshot(name);
        browser.driver().manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }

    // --- the attribution component, by the CSS selector of its host element --------------------------------------

    String attribute(String host, String name) {
        return browser.text("return document.querySelector(arguments[0]).getAttribute(arguments[1])", host, name);
    }

    /** Whether the component's card is shown. */
    boolean open(String host) {
        return browser.bool("return !document.querySelector(arguments[0]).shadowRoot.querySelector('.card').hidden",
                host);
    }

    boolean hidden(String host, String part) {
        return browser.bool("return document.querySelector(arguments[0]).shadowRoot.querySelector(arguments[1])"
                + ".hidden", host, part);
    }

    /** left, top, width, height in the viewport, CSS pixels. */
    double[] rect(String host, String part) {
        List<?> r = (List<?>) browser.js("var r = document.querySelector(arguments[0]).shadowRoot"
                + ".querySelector(arguments[1]).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]",
                host, part);
        return r.stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
    }
}
