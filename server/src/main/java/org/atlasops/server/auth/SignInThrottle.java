package org.atlasops.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing, as OWASP's authentication guidance asks. Failed sign-ins are counted per user name and
 * per client address. Beyond {@link #FREE_FAILURES_PER_NAME} failures for a name (or {@link
 * #FREE_FAILURES_PER_ADDRESS} from an address), each further attempt must wait: 1 s after the first extra failure,
 * doubling with each one up to {@link #LONGEST_WAIT}. An attempt made while waiting is refused without checking the
 * password, and does not count. A successful sign-in clears its name's count; counts are forgotten after
 * {@link #MEMORY} without failures. Waiting rather than locking out means an attacker can only delay a user, who can
 * also be sent a one-time sign-in link, and API tokens keep working throughout.
 *
 * <p>Bounded: at most {@link #MAX_TRACKED} names and addresses are tracked; the ones failing longest ago are
 * forgotten first. Safe to share between request threads.
 */
final class SignInThrottle {
    static final int FREE_FAILURES_PER_NAME = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 30;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
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

    /** How long this name or address must still wait before its next attempt; empty when it may try now. */
    synchronized Optional<Duration> waitFor(String name, String address) {
        Instant now = clock.instant();
        Instant until = later(untilOf(nameKey(name), now), untilOf(addressKey(address), now));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    synchronized void failed(String name, String address) {
        Instant now = clock.instant();
        count(nameKey(name), FREE_FAILURES_PER_NAME, now);
        count(addressKey(address), FREE_FAILURES_PER_ADDRESS, now);
    }

    synchronized void succeeded(String name) {
        byKey.remove(nameKey(name));
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

    private void count(String key, int free, Instant now) {
        Failures f = byKey.get(key);
        if (f == null || Duration.between(f.last, now).compareTo(MEMORY) > 0) {
            f = new Failures();
            byKey.put(key, f);
        }
        f.count++;
        f.last = now;
        int extra = f.count - free;
        if (extra > 0) {
            // 1 s, 2 s, 4 s, … : 2^(extra - 1) seconds, at most LONGEST_WAIT
            long seconds =
                    extra > 20 ? LONGEST_WAIT.toSeconds() : Math.min(1L << (extra - 1), LONGEST_WAIT.toSeconds());
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
