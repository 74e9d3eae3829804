package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser ({@link HeadlessChromium}). A user's path through it, in order: sign in, matrix, a
 * technique, search, a new layer, scoring cells, saving, reloading, downloading xlsx. Screenshots of the main pages go to target/screenshots for a person to look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static ServerFixture s;
    static WebDriver browser;
    static WebDriverWait wait;
    static Path downloads;
    static String layerUrl;

    @BeforeAll
    static void start() throws Exception {
        s = new ServerFixture(dir.resolve("data"), false);
        downloads = Files.createDirectories(dir.resolve("downloads"));
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(dir, downloads);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void theAdminSignsInWithTheFirstStartLinkAndSetsAPassword() {
        browser.get(s.server.firstLoginLink().orElseThrow());
        wait.until(ExpectedConditions.urlContains("/account"));
        browser.findElement(By.name("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form[action='/account/password'] button"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Password set."));
        assertThat(browser.findElement(By.className("who")).getText()).contains("admin");
    }

    @Test
    @Order(2)
    void theMatrixShowsAllTacticsAndOpensATechnique() throws Exception {
        browser.get(s.base() + "/");
        List<WebElement> tactics = browser.findElements(By.cssSelector(".matrix .tactic"));
        assertThat(tactics).hasSize(16);
        shot("matrix");
        browser.findElement(By.cssSelector(".cell[data-id='AML.T0051']")).click();
        wait.until(ExpectedConditions.urlContains("/techniques/AML.T0051"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("LLM Prompt Injection");
        assertThat(browser.getPageSource()).contains("Mitigations (6)");
        shot("technique");
    }

    @Test
    @Order(3)
    void searchShowsInstantResultsAndOpensOne() {
        browser.get(s.base() + "/");
        WebElement box = browser.findElement(By.id("search-box"));
        box.sendKeys("model extraction");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#search-results a")));
        box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches("/(techniques|tactics|mitigations|studies)/AML\\."));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
    }

    @Test
    @Order(4)
    void anAnalystMakesALayerScoresCellsAndTheyAreSaved() throws Exception {
        browser.get(s.base() + "/layers");
        browser.findElement(By.cssSelector("#new-layer input[name='name']")).sendKeys("Our coverage");
        browser.findElement(By.cssSelector("#new-layer button")).click();
        wait.until(ExpectedConditions.urlContains("/workspace?ids="));
        layerUrl = browser.getCurrentUrl();
        By cell = By.cssSelector(".ws-cell[data-technique='AML.T0051']");
        wait.until(ExpectedConditions.elementToBeClickable(cell)).click();
        By other = By.cssSelector(".ws-cell[data-technique='AML.T0054']");
        WebElement second = browser.findElement(other);
        new org.openqa.selenium.interactions.Actions(browser)
                .keyDown(Keys.SHIFT)
                .click(second)
                .keyUp(Keys.SHIFT)
                .perform();
        assertThat(browser.findElement(By.className("ws-count")).getText()).isEqualTo("2 selected");
        browser.findElement(By.className("ws-score")).sendKeys("80");
        browser.findElement(By.cssSelector(".ws-edit textarea[name='comment']")).sendKeys("covered by rule pack");
        browser.findElement(By.cssSelector(".ws-edit button.apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("ws-message"), "Saved revision 2"));
        assertThat(browser.findElement(cell).getAttribute("style")).contains("background");
        shot("workspace");

        browser.navigate().refresh();
        WebElement reloaded = wait.until(ExpectedConditions.visibilityOfElementLocated(cell));
        assertThat(reloaded.findElement(By.className("score")).getText()).isEqualTo("80");
        assertThat(browser.findElement(other).getAttribute("title")).contains("covered by rule pack");
    }

    @Test
    @Order(5)
    void theLayerDownloadsAsXlsx() throws Exception {
        browser.get(layerUrl);
        wait.until(ExpectedConditions.elementToBeClickable(By.className("download-xlsx")))
                .click();
        Path file = wait.until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".xlsx"))
                        .findFirst()
                        .orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        byte[] head = Files.readAllBytes(file);
        assertThat(new String(head, 0, 2)).isEqualTo("PK");
    }

    @Test
    @Order(6)
    void otherPagesRenderForTheRecord() throws Exception {
        browser.get(s.base() + "/studies/AML.CS0016");
        assertThat(browser.findElements(By.className("tl-step"))).isNotEmpty();
        shot("case-study");
        browser.get(s.base() + "/diff?from=4.9.1&to=5.6.0");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Compare releases");
        shot("diff");
        browser.get(s.base() + "/api");
        shot("api");
    }

    @Test
    @Order(7)
    void aJavascriptLinkInALayerIsShownAsTextNotAsALink() throws Exception {
        String token = s.token("admin", org.atlasops.store.Role.ADMIN);
        String layer = "{\"name\":\"links\",\"domain\":\"atlas-atlas\",\"versions\":{\"layer\":\"4.5\"},"
                + "\"techniques\":[{\"techniqueID\":\"AML.T0051\",\"tactic\":\"execution\",\"score\":1,"
                + "\"links\":[{\"label\":\"run me\",\"url\":\"javascript:alert(1)\"},{\"label\":\"ATLAS\","
                + "\"url\":\"https://atlas.mitre.org/techniques/AML.T0051\"}]}],"
                + "\"links\":[{\"label\":\"layer link\",\"url\":\"JavaScript:alert(2)\"}]}";
        long id = ServerFixture.json(s.call("POST", "/api/v1/layers", token, layer))
                .get("id")
                .asLong();
        browser.get(s.base() + "/workspace?ids=" + id);
        By cell = By.cssSelector(".ws-cell[data-technique='AML.T0051'][data-tactic='execution']");
        wait.until(ExpectedConditions.elementToBeClickable(cell)).click();
        WebElement details =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ws-details .unlinked")));
        assertThat(details.getText()).isEqualTo("run me (javascript:alert(1))");
        assertThat(browser.findElement(By.cssSelector(".ws-details a")).getAttribute("href"))
                .isEqualTo("https://atlas.mitre.org/techniques/AML.T0051");
        assertThat(browser.findElement(By.cssSelector(".ws-panel > .ws-links .unlinked"))
                        .getText())
                .contains("layer link");
        assertThat(browser.findElements(By.cssSelector("a[href]")))
                .allSatisfy(a -> assertThat(a.getAttribute("href")).doesNotStartWithIgnoringCase("javascript"));
    }
}
