package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded (the
 * driver and browser paths are given, so Selenium Manager never runs). Where they are missing the
 * browser tests skip with a clear message, except under {@code CI=true}, where they must run.
 * Screenshots go to {@code docs/screenshots/} when the tests run with {@code
 * -Dpandu.screenshots=true}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("pandu.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("pandu.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /**
     * Skips the calling test when Chromium or chromedriver is missing; fails instead under CI=true.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String message =
                "Browser tests skipped: Chromium not installed ("
                        + CHROMIUM
                        + ", "
                        + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message.replace("skipped", "cannot run under CI=true"));
        }
        System.err.println(
                "WARNING: "
                        + message); // a class skipped in @BeforeAll shows no reason in the Maven
        // log
        Assumptions.assumeTrue(false, message);
    }

    static Browser open(String base) {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("pandu-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-dev-shm-usage",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-extensions",
                    "--disable-default-apps",
                    "--mute-audio",
                    "--lang=en-GB",
                    "--window-size=" + WIDTH + "," + HEIGHT,
                    "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service =
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                            .usingAnyFreePort()
                            .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            Browser browser = new Browser(driver, profile, base);
            browser.viewport(WIDTH, HEIGHT);
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The page's viewport, exactly (the window size of headless Chromium includes no browser
     * chrome, but be sure).
     */
    void viewport(int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        height,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        width < 600));
    }

    void go(String hashPath) {
        driver.get(base + "/" + hashPath);
    }

    void reload() {
        driver.navigate().refresh();
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        press(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))));
    }

    /**
     * Clicks an element after scrolling it to the middle of the window, so the sticky top bar never
     * covers it (a plain click scrolls it only to the top edge, under the bar).
     */
    void press(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    void gone(String css) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    void text(String css, String contained) {
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), contained));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in through the form and waits for the role's start page. */
    void signIn(String username, String startView) {
        go("#/signin");
        visible("#username").clear();
        find("#username").sendKeys(username);
        find("#password").sendKeys("demo");
        click("#signin-submit");
        wait.until(
                d -> startView.equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
    }

    /** Signed out, on the sign-in page, with the console drained: each test starts here. */
    void reset() {
        driver.get(base + "/favicon.svg"); // same origin, no app running: nothing in flight when
        // the session goes
        js("sessionStorage.clear();");
        go("#/signin");
        visible("#username");
        consoleErrors();
    }

    void signOut() {
        click("#sign-out");
        visible("#username");
    }

    /** Browser console entries at SEVERE level since the last call (reading drains them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    void assertNoConsoleErrors() {
        assertEquals(List.of(), consoleErrors(), "the browser console has errors");
    }

    /** Whether nothing sticks out sideways (no horizontal scrolling of the page). */
    boolean fitsWidth() {
        return (Boolean)
                js("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    }

    /** Saves docs/screenshots/NAME.png when run with -Dpandu.screenshots=true. */
    void screenshot(String name) {
        if (!Boolean.getBoolean("pandu.screenshots")) {
            return;
        }
        js(
                "document.activeElement && document.activeElement.blur && document.activeElement.blur();"
                        + "document.querySelectorAll('.toast').forEach(t => t.remove());");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is no failure
            }
        }
    }
}
