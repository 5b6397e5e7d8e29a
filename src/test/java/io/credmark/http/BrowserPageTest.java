package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.credmark.testing.Browser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;

/**
 * A service, a publisher's site and headless Chromium for the page tests: every test starts in a window of the
 * same size and fails if text from a provenance document ran as script or the console shows an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPageTest {

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    TestService service;
    PublisherSite site;
    Browser browser;

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
        if (service != null) {
            service.close();
        }
    }

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
}
