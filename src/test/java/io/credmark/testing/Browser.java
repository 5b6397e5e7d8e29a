package io.credmark.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven by Debian's {@code chromium-driver}
 * over WebDriver (Selenium). Both paths are given to Selenium, so its Selenium Manager never downloads anything.
 * Each browser gets a fresh profile directory, removed on close. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Paths can be changed with {@code CREDMARK_CHROMIUM} and {@code CREDMARK_CHROMEDRIVER}. Without a browser the
 * tests fail with a message saying what to install; they never skip.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CREDMARK_CHROMIUM",
            "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CREDMARK_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with a viewport of the given size in CSS pixels (device scale factor 1). */
    public static Browser start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Chromium at " + CHROMIUM + " and its driver at "
                    + CHROMEDRIVER + ": apt-get install chromium chromium-driver (as .ci/run does)");
        }
        // Selenium looks for a DevTools binding matching the browser's version and warns when it has none; the
        // tests use plain WebDriver only
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        try {
            Path profile = Files.createTempDirectory("credmark-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                    .withEnvironment(Map.of("LANGUAGE", "en_GB")).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Files.createDirectories(SCREENSHOTS);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs the script in the page; {@code arguments[i]} are the arguments. */
    public Object js(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    public String text(String script, Object... arguments) {
        Object o = js(script, arguments);
        return o == null ? null : o.toString();
    }

    public double number(String script, Object... arguments) {
        return ((Number) js(script, arguments)).doubleValue();
    }

    public boolean bool(String script, Object... arguments) {
        return Boolean.TRUE.equals(js(script, arguments));
    }

    /** Waits up to 20 s for the condition, then fails naming it. */
    public void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; browser log: " + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A real mouse click at a point of the viewport, in CSS pixels. */
    public void clickAt(double x, double y) {
        new Actions(driver).moveToLocation((int) Math.round(x), (int) Math.round(y)).click().perform();
    }

    /** Key presses sent to whatever has the focus, as a keyboard would. */
    public void press(CharSequence... keys) {
        for (CharSequence k : keys) {
            new Actions(driver).sendKeys(k).perform();
        }
    }

    /** Shift+Tab: the focus moves back. */
    public void shiftTab() {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /** Writes a screenshot of the viewport to {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Console messages of the page since the last call, e.g. script errors and Content-Security-Policy refusals. */
    public List<String> log() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            out.add(e.getLevel() + " " + e.getMessage());
        }
        return out;
    }

    /** The console's errors since the last call. */
    public List<String> errors() {
        return log().stream().filter(l -> l.startsWith(Level.SEVERE.toString())).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
    }
}
