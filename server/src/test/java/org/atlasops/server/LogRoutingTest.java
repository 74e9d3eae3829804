package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Apache POI (the xlsx export) logs through the Log4j API. Without a provider, Log4j prints "could not find a logging
 * provider" on stderr the first time it is used, which showed in the build's output; routed to SLF4J it says nothing.
 * Checked in a fresh JVM with this module's test class path, since Log4j looks for its provider once per process.
 */
class LogRoutingTest {
    /** Asks Log4j for a logger and logs a warning through it, as POI does. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Object logger = Class.forName("org.apache.logging.log4j.LogManager")
                    .getMethod("getLogger", String.class)
                    .invoke(null, "org.apache.poi.probe");
            logger.getClass().getMethod("warn", String.class).invoke(logger, "probe warning via log4j");
        }
    }

    @Test
    void log4jApiCallsReachSlf4jWithoutAStatusLine() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).doesNotContain("could not find a logging provider").doesNotContain("StatusLogger");
        // the warning went through SLF4J's backend (slf4j-simple writes its level and the logger's name)
        assertThat(said).contains("WARN org.apache.poi.probe - probe warning via log4j");
    }
}
