package org.atlasops.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing, as OWASP's authentication guidance asks. Failed sign-ins are counted per client address
 * and per user name. Beyond {@link #FREE_FAILURES_PER_ADDRESS} failures from an address (or {@link
 * #FREE_FAILURES_PER_NAME} for a name), each further attempt must wait: 1 s after the first extra failure, doubling
 * with each one, up to {@link #LONGEST_ADDRESS_WAIT} for an address and {@link #LONGEST_NAME_WAIT} for a name.
 *
 * <p>An attempt is admitted and counted in one step ({@link #admit}): it counts as a failure from the moment it is
 * admitted, and {@link #succeeded} takes it back. So a burst of concurrent attempts cannot all pass the check
 * before any of them is counted: for one name at most {@code FREE_FAILURES_PER_NAME + 1} passwords are checked
 * before the name must wait. An attempt made while waiting is refused without checking the password and is not
 * counted, and an attempt refused because its address must wait is not counted against the name either.
 *
 * <p>A burst against one name cannot lock its owner out for long: the address that sends it waits up to 15
 * minutes, but the name waits at most {@link #LONGEST_NAME_WAIT}, and neither the one-time sign-in link an admin
 * sends nor API tokens are throttled. Counts are forgotten after {@link #MEMORY} without failures.
 *
 * <p>Bounded: at most {@link #MAX_TRACKED} names and addresses are tracked; the ones failing longest ago are
 * forgotten first. Safe to share between request threads.
 */
final class SignInThrottle {
    static final int FREE_FAILURES_PER_NAME = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 30;
    static final Duration LONGEST_ADDRESS_WAIT = Duration.ofMinutes(15);
    static final Duration LONGEST_NAME_WAIT = Duration.ofMinutes(1);
    static final Duration MEMORY = Duration.ofHours(1);
    static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    private static final class Failures {
        int count;
        Instant last;
        Instant waitUntil = Instant.MIN;
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks and counts an attempt in one step: empty when it may go ahead (it now counts as failed until {@link
     * #succeeded} is called), else how long this address or name must still wait (nothing is counted then).
     */
    synchronized Optional<Duration> admit(String name, String address) {
        Instant now = clock.instant();
        Instant until = later(untilOf(addressKey(address), now), untilOf(nameKey(name), now));
        if (until.isAfter(now)) {
            return Optional.of(Duration.between(now, until));
        }
        count(addressKey(address), FREE_FAILURES_PER_ADDRESS, LONGEST_ADDRESS_WAIT, now);
        count(nameKey(name), FREE_FAILURES_PER_NAME, LONGEST_NAME_WAIT, now);
        return Optional.empty();
    }

    /** The admitted attempt was right: the name's count is cleared and the address's attempt taken back. */
    synchronized void succeeded(String name, String address) {
        byKey.remove(nameKey(name));
        Failures f = byKey.get(addressKey(address));
        if (f != null) {
            f.count = Math.max(0, f.count - 1);
            if (f.count <= FREE_FAILURES_PER_ADDRESS) {
                f.waitUntil = Instant.MIN;
            }
        }
    }

    private Instant untilOf(String key, Instant now) {
        Failures f = byKey.get(key);
        if (f == null) {
            return Instant.MIN;
        }
        if (Duration.between(f.last, now).compareTo(MEMORY) > 0) {
            byKey.remove(key);
            return Instant.MIN;
        }
        return f.waitUntil;
    }

    private void count(String key, int free, Duration longest, Instant now) {
        Failures f = byKey.get(key);
        if (f == null || Duration.between(f.last, now).compareTo(MEMORY) > 0) {
            f = new Failures();
            byKey.put(key, f);
        }
        f.count++;
        f.last = now;
        int extra = f.count - free;
        if (extra > 0) {
            // 1 s, 2 s, 4 s, … : 2^(extra - 1) seconds, at most the longest wait
            long seconds = extra > 20 ? longest.toSeconds() : Math.min(1L << (extra - 1), longest.toSeconds());
            f.waitUntil = now.plusSeconds(seconds);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String nameKey(String name) {
        return "name:" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
