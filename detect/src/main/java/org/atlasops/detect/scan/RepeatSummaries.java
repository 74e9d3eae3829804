package org.atlasops.detect.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertIds;
import org.atlasops.detect.alert.Entities;

/**
 * {@code --summarise-window}: repeated alerts of one rule for one entity, summarised. The first alert of a rule for
 * an entity passes and opens a window of the given length at its time; the alerts of that rule and entity within the
 * window are held and counted. When the window has passed (an event at or after its end arrives) or the input ends,
 * one alert of kind {@code summary} stands for the held ones: the rule's fields, {@code repeats} (how many, the
 * window, the id of the alert that passed, the entity), the held alerts' sources (the first
 * {@link #MAX_SOURCES}) and times, the entities they all share, and the time of the last repeat. A window with no
 * repeats ends silently. The entity is the alert's user, else its client address, else its session; an alert that
 * names none is counted for its rule alone. The rule of an event-grouped alert is the set of its reasons' rules.
 * Times are event times. Bounded: beyond {@link #MAX_WINDOWS} open windows, the one that ends first is closed
 * early.
 */
final class RepeatSummaries {
    static final int MAX_WINDOWS = 100_000;
    static final int MAX_SOURCES = 100;

    private final Duration window;
    private final Map<String, Window> open = new HashMap<>();
    private final PriorityQueue<Window> byEnd = new PriorityQueue<>(Comparator.comparing(w -> w.end));
    private long held;

    RepeatSummaries(Duration window) {
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window " + window + " must be longer than zero");
        }
    }

    /** The summaries of the windows that have ended by {@code now}, oldest end first. */
    List<Alert> advance(Instant now) {
        List<Alert> out = new ArrayList<>();
        while (!byEnd.isEmpty() && !byEnd.peek().end.isAfter(now)) {
            close(byEnd.poll()).ifPresent(out::add);
        }
        return out;
    }

    /** What to send on for an alert: the alert itself when it opens a window, else nothing (it is counted). */
    List<Alert> offer(Alert a) {
        String actor = actor(a);
        String key = ruleKey(a) + '\u0000' + actor;
        Window w = open.get(key);
        if (w != null && a.time().isBefore(w.end)) {
            w.count(a);
            held++;
            return List.of();
        }
        List<Alert> out = new ArrayList<>(2);
        if (w != null) { // the window has passed without an event to close it: summarise it now
            byEnd.remove(w);
            close(w).ifPresent(out::add);
        }
        Window opened = new Window(key, a, actor, a.time(), a.time().plus(window));
        open.put(key, opened);
        byEnd.add(opened);
        if (open.size() > MAX_WINDOWS) {
            close(byEnd.poll()).ifPresent(out::add);
        }
        out.add(a);
        return out;
    }

    /** At the end of input: the summaries of every window with repeats, oldest end first. */
    List<Alert> flush() {
        List<Alert> out = new ArrayList<>();
        while (!byEnd.isEmpty()) {
            close(byEnd.poll()).ifPresent(out::add);
        }
        return out;
    }

    /** Alerts held and counted into summaries so far. */
    long held() {
        return held;
    }

    private Optional<Alert> close(Window w) {
        open.remove(w.key, w);
        if (w.count == 0) {
            return Optional.empty();
        }
        Alert f = w.first;
        String ruleKey = ruleKey(f);
        return Optional.of(new Alert(
                "summary",
                f.ruleId(),
                f.ruleTitle() + " (" + w.count + " repeats" + (w.actor.isEmpty() ? "" : " for " + w.actor) + ")",
                f.level(),
                f.techniques(),
                f.tactics(),
                f.atlasRelease(),
                f.tags(),
                Map.of(),
                w.sources,
                w.times,
                w.last,
                Map.of(),
                Optional.empty(),
                f.ruleFile(),
                AlertIds.of(List.of("summary", ruleKey, w.actor, Long.toString(w.start.toEpochMilli()))),
                Entities.shared(w.entities),
                List.of(),
                Optional.of(new Alert.Repeats(w.count, w.start, w.end, f.id(), w.actor))));
    }

    private static String ruleKey(Alert a) {
        if (a.kind().equals(EventGrouping.KIND)) {
            return String.join(
                    ",",
                    a.reasons().stream()
                            .map(r -> r.ruleId() != null ? r.ruleId() : r.ruleTitle())
                            .sorted()
                            .toList());
        }
        return a.ruleId() != null ? a.ruleId() : a.ruleTitle();
    }

    private static String actor(Alert a) {
        return a.entities()
                .actor()
                .map(e -> e.getKey().jsonName() + "=" + e.getValue().value())
                .orElse("");
    }

    /** An open window: the alert that passed and the repeats counted since. */
    private static final class Window {
        final String key;
        final Alert first;
        final String actor;
        final Instant start;
        final Instant end;
        long count;
        Instant last;
        final List<Alert.Source> sources = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();
        final List<Entities> entities = new ArrayList<>();

        Window(String key, Alert first, String actor, Instant start, Instant end) {
            this.key = key;
            this.first = first;
            this.actor = actor;
            this.start = start;
            this.end = end;
            this.last = start;
            entities.add(first.entities());
        }

        void count(Alert a) {
            count++;
            if (a.time().isAfter(last)) {
                last = a.time();
            }
            if (sources.size() < MAX_SOURCES) {
                sources.addAll(a.sources().subList(0, Math.min(a.sources().size(), MAX_SOURCES - sources.size())));
                times.add(a.time());
            }
            if (entities.size() < MAX_SOURCES) {
                entities.add(a.entities());
            }
        }
    }
}
