package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported release is data from anywhere: its URLs become links only with http or https. A
 * {@code javascript:} reference, ATT&amp;CK URL, Markdown link or image is shown as text (or dropped), never as an
 * href or src.
 */
class KbLinksFromDataTest {
    private static final String HOSTILE = """
            id: ATLAS
            name: Crafted
            version: 9.9.9
            matrices:
            - id: ATLAS
              name: ATLAS Matrix
              tactics:
              - id: AML.TA0002
                name: Reconnaissance
                description: Gathering information.
                ATT&CK-reference:
                  id: TA0043
                  url: 'javascript:alert(2)'
              techniques:
              - id: AML.T0000
                name: Hostile Links
                description: 'Read [this](javascript:alert(3)) and [that](data:text/html,hi) and
                  [the site](/techniques/AML.T0000) and [the web](https://example.org/x).
                  Look: ![a script picture](javascript:alert(4)) ![a data picture](data:image/svg+xml;base64,PHN2Zz4=)
                  ![a web picture](https://example.org/p.png) ![a site picture](/assets/p.png)'
                tactics:
                - AML.TA0002
                references:
                - title: A script
                  url: 'javascript:alert(1)'
                - title: VBScript
                  url: 'vbscript:msgbox(1)'
                - title: Relative
                  url: '../../etc/passwd'
                - title: Real
                  url: 'https://example.org/paper'
            """;

    @TempDir
    Path dir;

    ServerFixture s;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("releases"));
        Files.writeString(dir.resolve("releases/ATLAS-9.9.9.yaml"), HOSTILE);
        s = new ServerFixture(dir, false);
    }

    @AfterEach
    void stop() {
        s.server.close();
    }

    @Test
    void aJavascriptReferenceOrImageIsShownAsTextAndNeverLinked() throws Exception {
        HttpResponse<String> r =
                s.send(s.request("/techniques/AML.T0000?release=9.9.9").header("Accept", "text/html"));
        assertThat(r.statusCode()).isEqualTo(200);
        String page = r.body();
        assertThat(page)
                .contains("A script <span class=\"muted\">javascript:alert(1)</span>")
                .contains("vbscript:msgbox(1)")
                .contains("../../etc/passwd")
                .contains("<a href=\"https://example.org/paper\" rel=\"noopener noreferrer\">Real</a>")
                .contains("<a href=\"https://example.org/x\" rel=\"noopener noreferrer\">the web</a>")
                .contains("<a href=\"/techniques/AML.T0000\">the site</a>")
                .contains("Read this and that and")
                .contains("Look: a script picture a data picture")
                .contains("<img src=\"https://example.org/p.png\" alt=\"a web picture\" />")
                .contains("<img src=\"/assets/p.png\" alt=\"a site picture\" />");
        assertThat(page.replaceAll("\\s+", " "))
                .doesNotContainPattern("(?i)(href|src)=\"\\s*(javascript|vbscript|data):")
                .doesNotContain("href=\"../");
    }

    @Test
    void aJavascriptAttackUrlIsShownAsTextAndNeverLinked() throws Exception {
        String page = s.send(s.request("/tactics/AML.TA0002?release=9.9.9").header("Accept", "text/html"))
                .body();
        assertThat(page)
                .contains("TA0043 <span class=\"muted\">javascript:alert(2)</span>")
                .doesNotContainPattern("(?i)href=\"\\s*javascript:");
    }
}
