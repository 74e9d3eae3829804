package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inventory editor in a real browser ({@link HeadlessChromium}): an analyst signs in, makes an inventory in the
 * form (a typo in a mitigation ID is shown beside its field first), runs its threat model, and opens it again.
 */
class InventoryEditorIT {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static ServerFixture s;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        s = new ServerFixture(dir.resolve("data"), false);
        s.server.database().users().create("iris", Role.ANALYST);
        s.server.database().users().setPassword("iris", "plum orchard at dusk");
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(dir, Files.createDirectories(dir.resolve("downloads")));
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

    private static WebElement field(String name) {
        return browser.findElement(By.name(name));
    }

    private static void type(String name, String text) {
        WebElement f = field(name);
        f.clear();
        f.sendKeys(text);
    }

    @Test
    void anAnalystMakesAnInventoryInTheFormRunsItsThreatModelAndOpensItAgain() throws Exception {
        browser.get(s.base() + "/login?next=/assess/inventories");
        field("name").sendKeys("iris");
        field("password").sendKeys("plum orchard at dusk");
        field("password").submit();
        wait.until(ExpectedConditions.urlContains("/assess/inventories"));
        browser.findElement(By.id("new-inventory")).click();
        wait.until(ExpectedConditions.urlContains("/assess/inventories/new"));

        type("id", "rag-chatbot");
        type("name", "Docs chatbot");
        new Select(field("exposure")).selectByValue("public");
        browser.findElement(By.cssSelector("input[name='untrusted-content'][value='documents']"))
                .click();
        field("rag").click();
        new Select(field("model-source")).selectByValue("open-weight");
        new Select(field("components[0].type")).selectByValue("componentRAGContent");
        type("components[0].name", "docs index");
        new Select(field("components[1].type")).selectByValue("componentTheModel");
        type("components[1].name", "local model");
        // script adds a third row in place
        browser.findElement(By.id("more-rows")).click();
        new Select(field("components[2].type")).selectByValue("componentTools");
        type("edges[0].from", "docs index");
        type("edges[0].to", "local model");
        type("agent.mcp-servers[0].name", "jira");
        new Select(field("agent.mcp-servers[0].side-effects")).selectByValue("true");
        type("mitigations[0].id", "AML.M015");
        type("mitigations[0].note", "input classifier");
        shot("inventory-form");
        browser.findElement(By.id("save-inventory")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-mitigations[0].id")));
        assertThat(error.getText()).contains("'AML.M015' is not an ATLAS ID", "nearest: AML.M0015");
        shot("inventory-error");
        // what was typed is still there, the third component included
        assertThat(field("components[2].type").getAttribute("value")).isEqualTo("componentTools");
        assertThat(field("edges[0].from").getAttribute("value")).isEqualTo("docs index");
        type("mitigations[0].id", "AML.M0015");
        browser.findElement(By.id("save-inventory")).click();

        wait.until(ExpectedConditions.urlContains("/assess/inventories/rag-chatbot?saved=1"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Saved revision 1.", "changed by iris");
        shot("inventory-saved");

        browser.findElement(By.id("run-threat-model")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Threat model: Docs chatbot"));
        assertThat(browser.getPageSource()).contains("Mitigations to apply first", "AML.T0051");
        shot("inventory-threat-model");

        browser.get(s.base() + "/assess/inventories");
        browser.findElement(By.linkText("Docs chatbot")).click();
        wait.until(ExpectedConditions.urlContains("/assess/inventories/rag-chatbot"));
        assertThat(field("components[0].name").getAttribute("value")).isEqualTo("docs index");
        assertThat(field("components[2].type").getAttribute("value")).isEqualTo("componentTools");
        assertThat(field("agent.mcp-servers[0].side-effects").getAttribute("value"))
                .isEqualTo("true");
        assertThat(field("mitigations[0].id").getAttribute("value")).isEqualTo("AML.M0015");
        assertThat(field("rag").isSelected()).isTrue();
        assertThat(field("id").getAttribute("readonly")).isNotNull();
    }
}
