package id.antrean.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Headless Debian Chromium under Playwright, one per test class (starting Playwright takes seconds).
 * There is no fallback: without /usr/bin/chromium the test fails, and CI installs it.
 */
public final class Browsers implements AutoCloseable {
    public static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("ANTREAN_CHROMIUM", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> scriptErrors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    public Browsers() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM + ": apt-get install chromium (CI does)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required")));
    }

    public Browser browser() {
        return browser;
    }

    /**
     * A fresh page (own cookies and storage) at the given viewport. Its script errors (uncaught
     * exceptions, unhandled rejections, console.error from the page's code) are collected: see
     * {@link #assertNoScriptErrors()}, which {@link #close()} also runs, so a class that never
     * asks still fails.
     */
    public Page page(int width, int height) {
        return page(width, height, 1);
    }

    /** The same with device pixels per CSS pixel, e.g. 203 / 96.0 to raster at a thermal printer's 203 dpi. */
    public Page page(int width, int height, double deviceScaleFactor) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setDeviceScaleFactor(deviceScaleFactor).setLocale("id-ID").setTimezoneId("Asia/Jakarta")).newPage();
        page.onPageError(error -> scriptErrors.add(page.url() + ": " + error));
        page.onConsoleMessage(message -> {
            // A refused or aborted request is logged by Chromium itself, not by our scripts: tests provoke those on purpose.
            if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")
                    && !message.text().contains("net::ERR_")) {
                scriptErrors.add(page.url() + ": console.error " + message.text());
            }
        });
        return page;
    }

    /** Fails (and forgets them) if any page of this instance had a script error since the last check. */
    public void assertNoScriptErrors() {
        List<String> found;
        synchronized (scriptErrors) {
            found = List.copyOf(scriptErrors);
            scriptErrors.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("script errors on the pages: " + found);
        }
    }

    /** Saves a full-page screenshot as target/screenshots/{name}.png. */
    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        try {
            browser.close();
            playwright.close();
        } finally {
            assertNoScriptErrors();
        }
    }
}
