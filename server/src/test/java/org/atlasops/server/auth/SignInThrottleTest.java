package org.atlasops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theWaitDoublesAfterTheFreeFailuresAndIsCapped() {
        Hand clock = new Hand();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            assertThat(t.waitFor("Admin", "10.0.0.1")).isEmpty();
            t.failed("Admin", "10.0.0.1");
        }
        assertThat(t.waitFor("admin", "10.0.0.2"))
                .as("names compare ignoring case")
                .isEmpty();
        t.failed("admin", "10.0.0.2");
        assertThat(t.waitFor("admin", "10.0.0.3")).contains(Duration.ofSeconds(1));
        assertThat(t.waitFor("bob", "10.0.0.3"))
                .as("another name from another address")
                .isEmpty();
        clock.now = clock.now.plusSeconds(1);
        assertThat(t.waitFor("admin", "10.0.0.3")).as("the wait is over").isEmpty();
        t.failed("admin", "10.0.0.3");
        assertThat(t.waitFor("admin", "10.0.0.3")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            clock.now = clock.now.plus(SignInThrottle.LONGEST_WAIT);
            t.failed("admin", "10.0.0." + (10 + i));
        }
        assertThat(t.waitFor("admin", "10.0.1.1")).contains(SignInThrottle.LONGEST_WAIT);
    }

    @Test
    void successClearsTheNameAndOldFailuresAreForgotten() {
        Hand clock = new Hand();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            t.failed("carol", "10.0.0." + i);
        }
        assertThat(t.waitFor("carol", "10.0.0.99")).isPresent();
        t.succeeded("carol");
        assertThat(t.waitFor("carol", "10.0.0.99")).isEmpty();

        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            t.failed("dave", "10.0.1." + i);
        }
        clock.now = clock.now.plus(SignInThrottle.MEMORY).plusSeconds(1);
        t.failed("dave", "10.0.1.99");
        assertThat(t.waitFor("dave", "10.0.1.99")).as("counting starts again").isEmpty();
    }

    @Test
    void oneAddressTryingManyNamesWaitsToo() {
        SignInThrottle t = new SignInThrottle(new Hand());
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            t.failed("user" + i, "203.0.113.7");
        }
        assertThat(t.waitFor("someone-new", "203.0.113.7")).contains(Duration.ofSeconds(1));
        assertThat(t.waitFor("someone-new", "203.0.113.8")).isEmpty();
    }
}
