package org.atlasops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        volatile Instant now = Instant.parse("2026-11-26T10:00:00Z");

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
            assertThat(t.admit("Admin", "10.0.0.1")).isEmpty();
        }
        assertThat(t.admit("admin", "10.0.0.2"))
                .as("names compare ignoring case; the sixth attempt is still checked")
                .isEmpty();
        assertThat(t.admit("admin", "10.0.0.3")).contains(Duration.ofSeconds(1));
        assertThat(t.admit("bob", "10.0.0.3"))
                .as("another name from another address")
                .isEmpty();
        clock.now = clock.now.plusSeconds(1);
        assertThat(t.admit("admin", "10.0.0.3")).as("the wait is over").isEmpty();
        assertThat(t.admit("admin", "10.0.0.3")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            clock.now = clock.now.plus(SignInThrottle.LONGEST_NAME_WAIT);
            assertThat(t.admit("admin", "10.0.0." + (10 + i))).isEmpty();
        }
        assertThat(t.admit("admin", "10.0.1.1")).contains(SignInThrottle.LONGEST_NAME_WAIT);
    }

    @Test
    void successClearsTheNameAndOldFailuresAreForgotten() {
        Hand clock = new Hand();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            t.admit("carol", "10.0.0." + i);
        }
        assertThat(t.admit("carol", "10.0.0.99")).isPresent();
        t.succeeded("carol", "10.0.0.99");
        assertThat(t.admit("carol", "10.0.0.99")).isEmpty();

        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            t.admit("dave", "10.0.1." + i);
        }
        clock.now = clock.now.plus(SignInThrottle.MEMORY).plusSeconds(1);
        assertThat(t.admit("dave", "10.0.1.99")).isEmpty();
        assertThat(t.admit("dave", "10.0.1.99")).as("counting starts again").isEmpty();
    }

    @Test
    void oneAddressTryingManyNamesWaitsToo() {
        SignInThrottle t = new SignInThrottle(new Hand());
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            assertThat(t.admit("user" + i, "203.0.113.7")).isEmpty();
        }
        assertThat(t.admit("someone-new", "203.0.113.7")).contains(Duration.ofSeconds(1));
        assertThat(t.admit("someone-new", "203.0.113.8")).isEmpty();
    }

    @Test
    void successfulSignInsFromOneAddressDoNotAddUp() {
        // behind a reverse proxy every user shares one address: their successes must not make the others wait
        SignInThrottle t = new SignInThrottle(new Hand());
        for (int i = 0; i < 3 * SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            assertThat(t.admit("user" + i, "192.0.2.1")).as("attempt " + i).isEmpty();
            t.succeeded("user" + i, "192.0.2.1");
        }
    }

    /** The finding: 20 concurrent wrong passwords for one name were all checked; at most 6 may be. */
    @Test
    void concurrentAttemptsAreCheckedAndCountedAtomically() throws Exception {
        SignInThrottle t = new SignInThrottle(new Hand());
        assertThat(admittedOf(t, 20, i -> "victim", i -> "198.51.100." + i))
                .isEqualTo(SignInThrottle.FREE_FAILURES_PER_NAME + 1);
        SignInThrottle u = new SignInThrottle(new Hand());
        assertThat(admittedOf(u, 40, i -> "name" + i, i -> "198.51.100.1"))
                .as("40 names from one address")
                .isEqualTo(SignInThrottle.FREE_FAILURES_PER_ADDRESS + 1);
    }

    private static int admittedOf(
            SignInThrottle t,
            int attempts,
            java.util.function.IntFunction<String> name,
            java.util.function.IntFunction<String> address)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return t.admit(name.apply(n), address.apply(n)).isEmpty();
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Boolean> f : results) {
                admitted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            return admitted;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A guessing run against one name, from anywhere, that tries again as soon as it may: its owner never has to
     * wait more than a minute, while an address that keeps failing waits up to 15 minutes.
     */
    @Test
    void aBurstAgainstOneNameDelaysItsOwnerAtMostAMinute() {
        Hand clock = new Hand();
        SignInThrottle t = new SignInThrottle(clock);
        Duration longestForName = Duration.ZERO;
        for (int i = 0; i < 500; i++) {
            // from 250 addresses, two attempts each: no address reaches its own limit, so every wait is the name's
            Optional<Duration> wait = t.admit("owner", "203.0.113." + (i % 250));
            if (wait.isPresent()) {
                longestForName = wait.get().compareTo(longestForName) > 0 ? wait.get() : longestForName;
                clock.now = clock.now.plus(wait.get());
            }
        }
        assertThat(longestForName).isEqualTo(SignInThrottle.LONGEST_NAME_WAIT);
        clock.now = clock.now.plus(SignInThrottle.LONGEST_NAME_WAIT);
        assertThat(t.admit("owner", "192.0.2.50"))
                .as("the owner, a minute later")
                .isEmpty();
        SignInThrottle v = new SignInThrottle(clock);
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 200; i++) {
            Optional<Duration> wait = v.admit("name" + i, "203.0.113.9");
            if (wait.isPresent()) {
                longest = wait.get().compareTo(longest) > 0 ? wait.get() : longest;
                clock.now = clock.now.plus(wait.get());
            }
        }
        assertThat(longest).isEqualTo(SignInThrottle.LONGEST_ADDRESS_WAIT);
    }
}
