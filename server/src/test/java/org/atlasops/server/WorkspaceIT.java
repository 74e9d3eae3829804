package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The layer workspace in a real browser (issue 17, section 2): explicit selection, selection by search with a
 * preview, confirmed and undoable destructive changes, and what the Navigator has (compact view, IDs, maturity
 * legend, a gradient that follows the scores, layers side by side, editing a cell's links and metadata). Every
 * change is checked where it ends up, in the layer the API returns.
 */
class WorkspaceIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static ServerFixture s;
    static WebDriver browser;
    static WebDriverWait wait;
    static String token;
    /** Cells of ATLAS 5.6.0 as the view names them: the first technique of the first four tactics. */
    static final List<Cell> CELLS = new ArrayList<>();

    record Cell(String technique, String tactic) {
        By in(long layer) {
            return By.cssSelector(".ws-layer[data-layer='" + layer + "'] .ws-cell[data-technique='" + technique
                    + "'][data-tactic='" + tactic + "']");
        }

        String entry(String extra) {
            return "{\"techniqueID\":\"" + technique + "\",\"tactic\":\"" + tactic + "\"" + extra + "}";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        s = new ServerFixture(dir.resolve("data"), false);
        browser = HeadlessChromium.start(dir, Files.createDirectories(dir.resolve("downloads")));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(s.server.firstLoginLink().orElseThrow());
        wait.until(ExpectedConditions.urlContains("/account"));
        browser.findElement(By.name("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form[action='/account/password'] button"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Password set."));
        token = s.token("admin", Role.ADMIN);
        JsonNode tactics = ServerFixture.json(s.call("GET", "/api/v1/releases/5.6.0/matrix", token, null))
                .get("matrices")
                .get(0)
                .get("tactics");
        for (int i = 0; i < 4; i++) {
            JsonNode t = tactics.get(i);
            CELLS.add(new Cell(
                    t.get("techniques").get(0).get("id").asText(),
                    t.get("shortname").asText()));
        }
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

    /** Each test starts from the default view: not compact, no IDs, side by side, a laptop-sized window. */
    @BeforeEach
    void defaultView() {
        browser.manage().window().setSize(new Dimension(1600, 1000));
        browser.get(s.base() + "/");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    }

    private static long layer(String name, String... entries) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"domain\":\"atlas-atlas\",\"versions\":{\"layer\":\"4.5\"},"
                + "\"metadata\":[{\"name\":\"atlas_data_version\",\"value\":\"5.6.0\"}],\"techniques\":["
                + String.join(",", entries) + "]}";
        var r = s.call("POST", "/api/v1/layers", token, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.json(r).get("id").asLong();
    }

    private static JsonNode stored(long id) throws Exception {
        return ServerFixture.json(s.call("GET", "/api/v1/layers/" + id, token, null));
    }

    /** The stored entry of a cell, or null when the layer has none. */
    private static JsonNode entry(long id, Cell c) throws Exception {
        for (JsonNode t : stored(id).get("layer").get("techniques")) {
            if (t.get("techniqueID").asText().equals(c.technique())
                    && t.path("tactic").asText().equals(c.tactic())) {
                return t;
            }
        }
        return null;
    }

    private static void open(long... ids) {
        StringBuilder q = new StringBuilder();
        for (long id : ids) {
            q.append(q.isEmpty() ? "" : ",").append(id);
        }
        browser.get(s.base() + "/workspace?ids=" + q);
        for (long id : ids) {
            wait.until(ExpectedConditions.elementToBeClickable(CELLS.get(0).in(id)));
        }
    }

    private static By count(long id) {
        return By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-count");
    }

    private static void waitCount(long id, int n) {
        wait.until(ExpectedConditions.textToBe(count(id), n + " selected"));
    }

    private static boolean pressed(By cell) {
        return "true".equals(browser.findElement(cell).getAttribute("aria-pressed"));
    }

    private static void modifierClick(Keys key, WebElement e) {
        new Actions(browser).keyDown(key).click(e).keyUp(key).perform();
    }

    private static void waitMessage(long id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-message"), text));
    }

    /** Waits for the confirmation dialog, checks what it says, and answers it. */
    private static String confirm(boolean yes) {
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        String text = dialog.findElement(By.className("ws-confirm-text")).getText();
        dialog.findElement(By.className(yes ? "ws-confirm-ok" : "ws-confirm-cancel"))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        return text;
    }

    private static int cellsInColumn(long id, String tactic) {
        return browser.findElements(By.cssSelector(
                        ".ws-layer[data-layer='" + id + "'] .ws-col[data-tactic='" + tactic + "'] .ws-cell"))
                .size();
    }

    private static void tactic(long id, String tactic, Keys modifier) {
        WebElement head = browser.findElement(
                By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-tactic[data-tactic='" + tactic + "']"));
        if (modifier == null) {
            head.click();
        } else {
            modifierClick(modifier, head);
        }
    }

    private static void setView(String view, boolean on) {
        WebElement b = browser.findElement(By.cssSelector(".ws-view button[data-view='" + view + "']"));
        if (Boolean.parseBoolean(b.getAttribute("aria-pressed")) != on) {
            b.click();
        }
        wait.until(ExpectedConditions.attributeToBe(b, "aria-pressed", String.valueOf(on)));
    }

    private static void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void aClickReplacesTheSelectionAndAModifierAddsOrRemoves() throws Exception {
        long id = layer("select");
        open(id);
        Cell a = CELLS.get(0);
        Cell b = CELLS.get(1);
        Cell c = CELLS.get(2);
        browser.findElement(a.in(id)).click();
        waitCount(id, 1);
        browser.findElement(b.in(id)).click();
        waitCount(id, 1);
        assertThat(pressed(a.in(id))).isFalse();
        assertThat(pressed(b.in(id))).isTrue();
        modifierClick(Keys.CONTROL, browser.findElement(a.in(id)));
        waitCount(id, 2);
        modifierClick(Keys.SHIFT, browser.findElement(c.in(id)));
        waitCount(id, 3);
        modifierClick(Keys.CONTROL, browser.findElement(b.in(id)));
        waitCount(id, 2);
        assertThat(pressed(b.in(id))).isFalse();
        assertThat(pressed(a.in(id)) && pressed(c.in(id))).isTrue();
        assertThat(browser.findElement(count(id)).getAttribute("aria-live")).isEqualTo("polite");

        // the count stays in view when the page is scrolled to its end
        js("window.scrollTo(0, document.documentElement.scrollHeight);");
        wait.until(d -> ((Number) js("return window.scrollY;")).intValue() > 200);
        assertThat(js(
                        "const r = arguments[0].getBoundingClientRect();"
                                + " return r.top >= 0 && r.bottom <= window.innerHeight;",
                        browser.findElement(count(id))))
                .isEqualTo(true);
    }

    @Test
    void aTacticReplacesTheSelectionWithItsColumnAndAModifierAddsIt() throws Exception {
        long id = layer("columns");
        open(id);
        Cell a = CELLS.get(0);
        String first = CELLS.get(1).tactic();
        String second = CELLS.get(2).tactic();
        browser.findElement(a.in(id)).click();
        waitCount(id, 1);
        tactic(id, first, null);
        int n1 = cellsInColumn(id, first);
        assertThat(n1).isGreaterThan(1);
        waitCount(id, n1);
        assertThat(pressed(a.in(id))).as("the earlier selection is replaced").isFalse();
        tactic(id, second, Keys.SHIFT);
        waitCount(id, n1 + cellsInColumn(id, second));
        tactic(id, second, null);
        waitCount(id, cellsInColumn(id, second));
        assertThat(browser.findElement(By.cssSelector(".ws-tactic[data-tactic='" + second + "']"))
                        .getTagName())
                .isEqualTo("button");
    }

    @Test
    void deselectAllByButtonAndByEscape() throws Exception {
        long id = layer("deselect");
        open(id);
        String t = CELLS.get(0).tactic();
        tactic(id, t, null);
        waitCount(id, cellsInColumn(id, t));
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-deselect"))
                .click();
        waitCount(id, 0);
        assertThat(browser.findElements(By.cssSelector(".ws-cell[aria-pressed='true']")))
                .isEmpty();
        tactic(id, t, null);
        waitCount(id, cellsInColumn(id, t));
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        waitCount(id, 0);
    }

    @Test
    void selectBySearchPreviewsOnlyRealMatchesBeforeSelecting() throws Exception {
        long id = layer("search");
        open(id);
        By box = By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-find input");
        By items = By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-preview-list li");
        browser.findElement(box).sendKeys("prompt injection", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(items));
        List<WebElement> listed = browser.findElements(items);
        assertThat(listed).isNotEmpty();
        assertThat(listed)
                .allSatisfy(li -> assertThat(li.getText().toLowerCase(Locale.ROOT))
                        .contains("prompt")
                        .contains("injection"));
        assertThat(listed)
                .anySatisfy(li -> assertThat(li.getAttribute("data-technique")).isEqualTo("AML.T0051"));
        shot("workspace-search-preview");
        assertThat(browser.findElement(count(id)).getText())
                .as("the preview selects nothing yet")
                .isEqualTo("0 selected");
        browser.findElement(By.className("ws-preview-select")).click();
        waitCount(id, listed.size());
        for (WebElement li : browser.findElements(items)) {
            assertThat(pressed(new Cell(li.getAttribute("data-technique"), li.getAttribute("data-tactic")).in(id)))
                    .isTrue();
        }

        // the knowledge-base search finds a misspelling by a fuzzy match; selection takes no such hit
        assertThat(ServerFixture.json(s.call("GET", "/api/v1/releases/5.6.0/search?q=promt", token, null))
                        .get("hits"))
                .as("the kb search has fuzzy hits for 'promt'")
                .isNotEmpty();
        WebElement input = browser.findElement(box);
        input.clear();
        input.sendKeys("promt", Keys.ENTER);
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-preview")));
        wait.until(ExpectedConditions.textToBePresentInElement(preview, "Nothing matches"));
        assertThat(preview.findElements(By.className("ws-preview-select"))).isEmpty();
        preview.findElement(By.className("ws-preview-cancel")).click();
        waitCount(id, listed.size());

        input.clear();
        input.sendKeys("AML.T0051", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElement(preview, "match “AML.T0051”"));
        assertThat(browser.findElements(items))
                .isNotEmpty()
                .allSatisfy(li -> assertThat(li.getAttribute("data-technique")).startsWith("AML.T0051"));
    }

    @Test
    void applyOverScoresAndClearAreConfirmedAndUndoRestoresTheScores() throws Exception {
        Cell a = CELLS.get(0);
        Cell b = CELLS.get(1);
        long id = layer(
                "undo", a.entry(",\"score\":70,\"comment\":\"kept\",\"color\":\"#123456\""), b.entry(",\"score\":30"));
        open(id);
        browser.findElement(a.in(id)).click();
        modifierClick(Keys.CONTROL, browser.findElement(b.in(id)));
        waitCount(id, 2);
        By score = By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-score");
        By apply = By.cssSelector(".ws-layer[data-layer='" + id + "'] button.apply");
        browser.findElement(score).sendKeys("10");
        browser.findElement(apply).click();
        assertThat(confirm(false)).contains("2 cells").contains("overwrites the score of 2");
        assertThat(stored(id).get("revision").asInt())
                .as("cancelled: nothing saved")
                .isEqualTo(1);

        browser.findElement(apply).click();
        confirm(true);
        waitMessage(id, "Saved revision 2");
        assertThat(entry(id, a).get("score").asDouble()).isEqualTo(10);
        assertThat(entry(id, b).get("score").asDouble()).isEqualTo(10);
        waitCount(id, 2); // the selection stays after Apply, as in the Navigator, and is shown
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-undo"))
                .click();
        waitMessage(id, "Undone");
        assertThat(entry(id, a).get("score").asDouble()).isEqualTo(70);
        assertThat(entry(id, a).get("comment").asText()).isEqualTo("kept");
        assertThat(entry(id, a).get("color").asText()).isEqualToIgnoringCase("#123456");
        assertThat(entry(id, b).get("score").asDouble()).isEqualTo(30);

        By clear = By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-clear");
        browser.findElement(clear).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        shot("workspace-confirm-clear");
        assertThat(confirm(false)).contains("2 cell(s)");
        assertThat(entry(id, a)).isNotNull();
        browser.findElement(clear).click();
        confirm(true);
        waitMessage(id, "cleared 2 cell(s)");
        waitCount(id, 0);
        assertThat(entry(id, a)).isNull();
        assertThat(entry(id, b)).isNull();
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-message .ws-undo-inline"))
                .click();
        waitMessage(id, "Undone");
        assertThat(entry(id, a).get("score").asDouble()).isEqualTo(70);
        assertThat(entry(id, b).get("score").asDouble()).isEqualTo(30);
    }

    @Test
    void theCompactViewFitsAllSixteenTacticsOnALaptopScreen() throws Exception {
        long id = layer("compact");
        browser.manage().window().setSize(new Dimension(1366, 768));
        open(id);
        String fits = "const m = document.querySelector('.ws-matrix');"
                + "return m.scrollWidth <= m.clientWidth && document.documentElement.scrollWidth"
                + " <= document.documentElement.clientWidth;";
        assertThat(js("return window.innerWidth;")).isEqualTo(1366L);
        assertThat(js(fits)).as("without compact the matrix scrolls sideways").isEqualTo(false);
        setView("compact", true);
        wait.until(d -> Boolean.TRUE.equals(js(fits)));
        List<WebElement> columns = browser.findElements(By.cssSelector(".ws-col"));
        assertThat(columns).hasSize(16);
        shot("workspace-compact-1366");
        long width = (Long) js("return document.documentElement.clientWidth;");
        for (WebElement col : columns) {
            Rectangle r = col.getRect();
            assertThat(r.getX()).isGreaterThanOrEqualTo(0);
            assertThat(r.getX() + r.getWidth()).isLessThanOrEqualTo((int) width);
        }
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(CELLS.get(0).in(id)));
        assertThat(js(fits)).as("the choice is kept in this browser").isEqualTo(true);
    }

    @Test
    void showIdsTogglesTheTechniqueIdsInTheCells() throws Exception {
        long id = layer("ids");
        open(id);
        Cell a = CELLS.get(0);
        assertThat(browser.findElement(a.in(id)).getText()).doesNotContain(a.technique());
        setView("ids", true);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(a.in(id), a.technique()));
        setView("ids", false);
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(a.in(id), a.technique())));
    }

    @Test
    void layersOpenSideBySideAndCanBeStacked() throws Exception {
        long one = layer("left");
        long two = layer("right");
        open(one, two);
        By first = By.cssSelector(".ws-layer[data-layer='" + one + "']");
        By second = By.cssSelector(".ws-layer[data-layer='" + two + "']");
        Rectangle l = browser.findElement(first).getRect();
        Rectangle r = browser.findElement(second).getRect();
        assertThat(Math.abs(l.getY() - r.getY())).isLessThanOrEqualTo(1);
        assertThat(r.getX()).isGreaterThanOrEqualTo(l.getX() + l.getWidth());
        shot("workspace-side-by-side");
        setView("side", false);
        wait.until(d -> d.findElement(second).getRect().getY()
                >= d.findElement(first).getRect().getY()
                        + d.findElement(first).getRect().getHeight());
    }

    @Test
    void aCellsLinksAndMetadataAreEditedAndRemoved() throws Exception {
        Cell a = CELLS.get(0);
        long id = layer(
                "links",
                a.entry(",\"score\":5,\"links\":[{\"label\":\"old\",\"url\":\"https://example.org/old\"},"
                        + "{\"label\":\"second\",\"url\":\"https://example.org/2\"}],"
                        + "\"metadata\":[{\"name\":\"owner\",\"value\":\"blue\"},{\"name\":\"ticket\","
                        + "\"value\":\"T-1\"}]"));
        open(id);
        browser.findElement(a.in(id)).click();
        By links = By.cssSelector(".ws-details .ws-link-item");
        By metadata = By.cssSelector(".ws-details .ws-metadata-item");
        wait.until(ExpectedConditions.numberOfElementsToBe(links, 2));
        shot("workspace-cell-links");

        browser.findElements(links)
                .get(0)
                .findElement(By.className("ws-item-edit"))
                .click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("ws-item-form")));
        form.findElement(By.name("label")).clear();
        form.findElement(By.name("label")).sendKeys("runbook");
        form.findElement(By.name("url")).clear();
        form.findElement(By.name("url")).sendKeys("https://example.org/runbook");
        form.findElement(By.className("ws-item-save")).click();
        waitMessage(id, "Saved revision 2");
        JsonNode e = entry(id, a);
        assertThat(e.get("links").get(0).get("label").asText()).isEqualTo("runbook");
        assertThat(e.get("links").get(0).get("url").asText()).isEqualTo("https://example.org/runbook");
        assertThat(e.get("links").get(1).get("label").asText()).isEqualTo("second");
        assertThat(browser.findElement(By.cssSelector(".ws-details .ws-link-item a"))
                        .getAttribute("href"))
                .isEqualTo("https://example.org/runbook");

        wait.until(ExpectedConditions.numberOfElementsToBe(links, 2));
        browser.findElements(links)
                .get(1)
                .findElement(By.className("ws-item-remove"))
                .click();
        assertThat(confirm(true)).contains("second").contains("1 cell");
        waitMessage(id, "Saved revision 3");
        assertThat(entry(id, a).get("links")).hasSize(1);
        assertThat(entry(id, a).get("score").asDouble()).isEqualTo(5);

        wait.until(ExpectedConditions.numberOfElementsToBe(metadata, 2));
        browser.findElements(metadata)
                .get(0)
                .findElement(By.className("ws-item-edit"))
                .click();
        form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("ws-item-form")));
        form.findElement(By.name("value")).clear();
        form.findElement(By.name("value")).sendKeys("red");
        form.findElement(By.className("ws-item-save")).click();
        waitMessage(id, "Saved revision 4");
        assertThat(entry(id, a).get("metadata").get(0).get("value").asText()).isEqualTo("red");

        wait.until(ExpectedConditions.numberOfElementsToBe(metadata, 2));
        browser.findElements(metadata)
                .get(1)
                .findElement(By.className("ws-item-remove"))
                .click();
        assertThat(confirm(true)).contains("ticket");
        waitMessage(id, "Saved revision 5");
        assertThat(entry(id, a).get("metadata")).hasSize(1);
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-undo"))
                .click();
        waitMessage(id, "Undone");
        assertThat(entry(id, a).get("metadata")).hasSize(2);
    }

    @Test
    void maturityBadgesHaveALegendAndTheGradientFollowsTheScores() throws Exception {
        Cell a = CELLS.get(0);
        Cell b = CELLS.get(1);
        Cell c = CELLS.get(2);
        long id = layer("gradient", a.entry(",\"score\":2"), b.entry(",\"score\":8"));
        open(id);
        assertThat(browser.findElement(By.className("maturity-legend")).getText())
                .contains("feasible")
                .contains("demonstrated")
                .contains("realized");
        assertThat(browser.findElements(By.cssSelector(".ws-cell .maturity"))).isNotEmpty();
        WebElement settings = browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-settings"));
        js("arguments[0].closest('details').open = true;", settings);
        assertThat(settings.findElement(By.name("min")).getAttribute("value")).isEqualTo("2");
        assertThat(settings.findElement(By.name("max")).getAttribute("value")).isEqualTo("8");
        assertThat(settings.findElement(By.name("follow")).isSelected()).isTrue();

        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-fit"))
                .click();
        waitMessage(id, "Saved revision 2");
        JsonNode fitted = stored(id).get("layer").get("gradient");
        assertThat(fitted.get("minValue").asDouble()).isEqualTo(2);
        assertThat(fitted.get("maxValue").asDouble()).isEqualTo(8);
        assertThat(browser.findElements(By.className("ws-fit"))).isEmpty();

        browser.findElement(c.in(id)).click();
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] .ws-score"))
                .sendKeys("20");
        browser.findElement(By.cssSelector(".ws-layer[data-layer='" + id + "'] button.apply"))
                .click();
        waitMessage(id, "Saved revision 3");
        JsonNode gradient = stored(id).get("layer").get("gradient");
        assertThat(gradient.get("minValue").asDouble()).isEqualTo(2);
        assertThat(gradient.get("maxValue").asDouble()).isEqualTo(20);

        browser.get(s.base() + "/");
        assertThat(browser.findElement(By.className("maturity-legend")).getText())
                .contains("feasible");
    }
}
