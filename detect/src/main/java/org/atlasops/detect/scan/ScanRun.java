package org.atlasops.detect.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atlasops.detect.adapter.Adapter;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.prompt.PromptPath;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * One scan of JSON-lines inputs (files or a stream such as stdin, gzip or plain) through an {@link EventScanner}:
 * every alert goes to a sink as it is raised, malformed lines are reported to a listener and skipped, progress is
 * reported at a set interval, and the run ends with a {@link Summary}. The CLI's {@code detect scan} is a thin
 * wrapper around it; other callers (the server, emulation) get the same counts and the same alerts.
 *
 * <pre>{@code
 * ScanRun.Config config = ScanRun.Config.builder(rules, kb).canaries(canaries).suppressRepeats(true).build();
 * ScanRun.Summary summary = new ScanRun(config).run(List.of(ScanRun.Input.file(path)), alerts::add);
 * }</pre>
 *
 * <p>A {@code ScanRun} is one run: {@link #run} may be called once, on one thread. {@link #stop} (from any thread)
 * or an interrupt of the scanning thread ends it cleanly after the event in hand: the sink has every alert of the
 * events read so far and the summary says it was {@linkplain Summary#interrupted() interrupted}. Nothing here
 * writes to a terminal; rendering progress and the summary is the caller's.
 */
public final class ScanRun {
    /** How often progress is reported unless the configuration says otherwise. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    /**
     * What a scan runs with. Immutable; one configuration can serve many runs.
     *
     * @param timeField the events' time field (empty: the detector's usual names, {@code @timestamp}, …); an event
     *                  without one is given the time it is scanned
     * @param canaries the canary tokens to look for (none: no canary search)
     * @param suppressRepeats hold back repeated correlation alerts per group and timespan (see {@link EventScanner})
     * @param progressInterval at least this long between two progress reports ({@link Duration#ZERO}: after every
     *                         event)
     * @param groupByEvent the alerts of one event as one alert with every reason (see {@link EventGrouping})
     * @param summariseWindow repeated alerts of a rule for one entity within this window summarised (see
     *                        {@link RepeatSummaries}); empty: every alert
     * @param adapter the vendor shape the input lines are in (see {@link Adapter}); empty: the events of
     *                docs/telemetry.md. A line not of the adapter's shape is reported like a malformed line
     */
    public record Config(
            RuleSet rules,
            KnowledgeBase kb,
            Optional<String> timeField,
            List<Canary> canaries,
            boolean suppressRepeats,
            Duration progressInterval,
            boolean groupByEvent,
            Optional<Duration> summariseWindow,
            PromptPath promptPath,
            Optional<Adapter> adapter) {
        public Config {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(summariseWindow, "summariseWindow");
            if (summariseWindow.isPresent()
                    && (summariseWindow.get().isNegative()
                            || summariseWindow.get().isZero())) {
                throw new IllegalArgumentException(
                        "summariseWindow " + summariseWindow.get() + " must be longer than zero");
            }
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(kb, "kb");
            Objects.requireNonNull(timeField, "timeField");
            canaries = List.copyOf(canaries);
            Objects.requireNonNull(progressInterval, "progressInterval");
            Objects.requireNonNull(promptPath, "promptPath");
            if (progressInterval.isNegative()) {
                throw new IllegalArgumentException(
                        "progressInterval " + progressInterval + " is negative; give " + "zero or more");
            }
        }

        /** A configuration with the defaults: no time field named, no canaries, every alert, progress each second. */
        public static Builder builder(RuleSet rules, KnowledgeBase kb) {
            return new Builder(rules, kb);
        }

        /** Builds a {@link Config}; every setting but the rules and the release is optional. */
        public static final class Builder {
            private final RuleSet rules;
            private final KnowledgeBase kb;
            private Optional<String> timeField = Optional.empty();
            private List<Canary> canaries = List.of();
            private boolean suppressRepeats;
            private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
            private boolean groupByEvent;
            private Optional<Duration> summariseWindow = Optional.empty();
            private PromptPath promptPath = PromptPath.FAST;
            private Optional<Adapter> adapter = Optional.empty();

            private Builder(RuleSet rules, KnowledgeBase kb) {
                this.rules = Objects.requireNonNull(rules, "rules");
                this.kb = Objects.requireNonNull(kb, "kb");
            }

            public Builder timeField(Optional<String> field) {
                this.timeField = Objects.requireNonNull(field, "field");
                return this;
            }

            public Builder canaries(List<Canary> canaries) {
                this.canaries = List.copyOf(canaries);
                return this;
            }

            public Builder suppressRepeats(boolean suppress) {
                this.suppressRepeats = suppress;
                return this;
            }

            public Builder progressInterval(Duration interval) {
                this.progressInterval = Objects.requireNonNull(interval, "interval");
                return this;
            }

            public Builder groupByEvent(boolean group) {
                this.groupByEvent = group;
                return this;
            }

            public Builder summariseWindow(Optional<Duration> window) {
                this.summariseWindow = Objects.requireNonNull(window, "window");
                return this;
            }

            /** Which prompt detector reads the LLM inputs (default: the fast path). */
            public Builder promptPath(PromptPath path) {
                this.promptPath = Objects.requireNonNull(path, "path");
                return this;
            }

            /** The vendor shape of the input lines (default: none, the native events). */
            public Builder adapter(Optional<Adapter> adapter) {
                this.adapter = Objects.requireNonNull(adapter, "adapter");
                return this;
            }

            public Config build() {
                return new Config(
                        rules,
                        kb,
                        timeField,
                        canaries,
                        suppressRepeats,
                        progressInterval,
                        groupByEvent,
                        summariseWindow,
                        promptPath,
                        adapter);
            }
        }
    }

    /**
     * Where events come from.
     *
     * @param name how messages and the alerts' sources call it (a file name, {@code <stdin>})
     * @param opener opens it when the run reaches it; the run closes what it opened
     */
    public record Input(String name, Opener opener) {
        /** Opens an input. */
        @FunctionalInterface
        public interface Opener {
            InputStream open() throws IOException;
        }

        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opener, "opener");
        }

        /**
         * A file, named by its path; a missing file ends the run with a {@link NotFoundException}, a folder or a
         * file that cannot be read with a {@link BadInputException}.
         */
        public static Input file(Path file) {
            return new Input(file.toString(), () -> {
                if (Files.isDirectory(file)) {
                    throw new BadInputException(file + ": is a folder, not a file; give the JSON-lines files in it");
                }
                return Files.newInputStream(file);
            });
        }

        /** Standard input, named {@code <stdin>}; left open at the end (it is not the run's to close). */
        public static Input stdin() {
            return new Input("<stdin>", () -> new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // System.in stays open for whoever reads it next
                }
            });
        }
    }

    /** Takes each alert as it is raised, in event order. */
    @FunctionalInterface
    public interface AlertSink {
        void accept(Alert alert) throws IOException;
    }

    /** Told how a run goes, on the scanning thread; both methods do nothing unless overridden. */
    public interface Listener {
        /** At most once per {@link Config#progressInterval}, after an event. */
        default void progress(Progress progress) {}

        /** A line that is not an event (not JSON, not one object, too long); the run goes on. */
        default void malformedLine(EventReader.BadLine line) {}
    }

    /** The counts so far. */
    public record Progress(long events, long alerts, long malformedLines) {}

    /**
     * What a run did.
     *
     * @param events events scanned
     * @param alerts alerts sent to the sink
     * @param malformedLines lines skipped as not events
     * @param rules detection rules run
     * @param correlations correlation rules run
     * @param heldRepeats correlation alerts held back as repeats (0 unless {@link Config#suppressRepeats})
     * @param summarisedRepeats alerts counted into summary alerts (0 unless {@link Config#summariseWindow})
     * @param atlasRelease the ATLAS release the alerts name their techniques in
     * @param byTechnique alerts per ATLAS technique, by ID then name (an alert counts once for each of its
     *                    techniques)
     * @param interrupted whether the run was stopped before the end of its inputs
     */
    public record Summary(
            long events,
            long alerts,
            long malformedLines,
            int rules,
            int correlations,
            long heldRepeats,
            long summarisedRepeats,
            String atlasRelease,
            List<TechniqueCount> byTechnique,
            boolean interrupted) {
        public Summary {
            Objects.requireNonNull(atlasRelease, "atlasRelease");
            byTechnique = List.copyOf(byTechnique);
        }
    }

    /** How many alerts named one technique. */
    public record TechniqueCount(Alert.Named technique, long alerts) {
        public TechniqueCount {
            Objects.requireNonNull(technique, "technique");
        }
    }

    private static final Listener SILENT = new Listener() {};

    private final Config config;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;

    public ScanRun(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Runs without a listener: malformed lines are counted but not reported, and progress is not reported. */
    public Summary run(List<Input> inputs, AlertSink sink) throws IOException {
        return run(inputs, sink, SILENT);
    }

    /**
     * Scans the inputs in order. When an input fails, the alerts of the inputs before it are in the sink.
     *
     * @throws NotFoundException when an input file does not exist
     * @throws BadInputException when an input cannot be opened or read (permission denied, a folder, a device
     *                           error); the message names the input
     * @throws java.io.UncheckedIOException when an input cannot be read further (its message names the input and
     *                                      the line)
     * @throws IOException only when the sink fails: the sink's own exception, as it was thrown
     * @throws IllegalStateException when this run has been started before
     */
    public Summary run(List<Input> inputs, AlertSink sink, Listener listener) throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a ScanRun runs once; make a new one for another scan");
        }
        EventScanner scanner = new EventScanner(
                config.rules(),
                config.kb(),
                config.timeField(),
                null,
                config.canaries(),
                config.promptPath().bundled());
        if (config.suppressRepeats()) {
            scanner.suppressRepeatedCorrelationAlerts();
        }
        Counts counts = new Counts(config.progressInterval().toNanos());
        RepeatSummaries summaries =
                config.summariseWindow().map(RepeatSummaries::new).orElse(null);
        boolean interrupted = false;
        for (Input input : List.copyOf(inputs)) {
            if (stopped()) {
                interrupted = true;
                break;
            }
            try (InputStream in = open(input);
                    EventReader reader = new EventReader(in, input.name())) {
                HeldLines held = new HeldLines(input.name(), listener);
                Adapter.RecordAdapter adapter =
                        config.adapter().map(Adapter::newAdapter).orElse(null);
                reader.forEach(
                        event -> {
                            if (adapter == null) {
                                held.release();
                                scanEvent(event, scanner, summaries, sink, listener, counts);
                                return;
                            }
                            List<ObjectNode> adapted;
                            try {
                                adapted = adapter.adapt(event.json());
                            } catch (Adapter.NotThisShape e) {
                                counts.malformed++;
                                held.add(new EventReader.BadLine(event.source(), event.line(), e.getMessage()));
                                return;
                            }
                            held.release();
                            for (ObjectNode o : adapted) {
                                scanEvent(
                                        new Event(o, event.source(), event.line()),
                                        scanner,
                                        summaries,
                                        sink,
                                        listener,
                                        counts);
                            }
                        },
                        bad -> {
                            counts.malformed++;
                            held.add(bad);
                        });
                held.end();
            } catch (Stopped s) {
                interrupted = true;
                break;
            } catch (SinkFailed f) {
                throw f.getCause();
            } catch (IOException e) { // the sink's failures are SinkFailed: this one is the input's
                throw new BadInputException(input.name() + ": cannot read: " + reason(e), e);
            }
        }
        if (summaries != null) { // the input has ended (or the run was stopped): every open window is summarised
            try {
                for (Alert a : summaries.flush()) {
                    send(a, sink, counts);
                }
            } catch (SinkFailed f) {
                throw f.getCause();
            }
        }
        return new Summary(
                counts.events,
                counts.alerts,
                counts.malformed,
                config.rules().rules().size(),
                config.rules().correlations().size(),
                scanner.heldRepeats(),
                summaries == null ? 0 : summaries.held(),
                config.kb().version(),
                counts.byTechnique.entrySet().stream()
                        .map(e -> new TechniqueCount(e.getKey(), e.getValue()))
                        .toList(),
                interrupted);
    }

    /**
     * Asks the run to stop after the event in hand; safe from any thread, e.g. a shutdown hook. A run blocked
     * reading an input that sends nothing (a quiet stdin) stops when its next line or its end arrives.
     */
    public void stop() {
        stopRequested = true;
    }

    private boolean stopped() {
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    private void scanEvent(
            Event event,
            EventScanner scanner,
            RepeatSummaries summaries,
            AlertSink sink,
            Listener listener,
            Counts counts) {
        if (stopped()) { // checked before an event, so a run stopped after its last event still ends complete
            throw new Stopped();
        }
        counts.events++;
        Instant time = scanner.timeOf(event, Instant.now());
        List<Alert> alerts = scanner.scan(event, time);
        if (config.groupByEvent()) {
            alerts = EventGrouping.group(alerts);
        }
        if (summaries != null) {
            List<Alert> out = new ArrayList<>(summaries.advance(time));
            for (Alert a : alerts) {
                out.addAll(summaries.offer(a));
            }
            alerts = out;
        }
        for (Alert a : alerts) {
            send(a, sink, counts);
        }
        long now = System.nanoTime();
        if (now - counts.lastProgress >= counts.progressNanos) {
            counts.lastProgress = now;
            listener.progress(new Progress(counts.events, counts.alerts, counts.malformed));
        }
    }

    private static void send(Alert a, AlertSink sink, Counts counts) {
        counts.alerts++;
        a.techniques().forEach(t -> counts.byTechnique.merge(t, 1L, Long::sum));
        try {
            sink.accept(a);
        } catch (IOException e) {
            throw new SinkFailed(e);
        }
    }

    private static InputStream open(Input input) throws IOException {
        try {
            return input.opener().open();
        } catch (NoSuchFileException e) {
            throw new NotFoundException(input.name() + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(input.name() + ": permission denied; give a file this user can read", e);
        }
    }

    /** What went wrong, without the file name a {@link FileSystemException}'s message repeats. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The malformed lines of one input, held until its first event: an input where no line is an event (a binary
     * file, a file in another format) is one error naming it, not a line of complaint for each of its lines.
     */
    private static final class HeldLines {
        /** Beyond this many, the lines are passed on even before an event, so memory stays small. */
        private static final int MAX_HELD = 1000;

        private final String input;
        private final Listener listener;
        private final List<EventReader.BadLine> held = new ArrayList<>();
        private boolean released;
        private long count;

        HeldLines(String input, Listener listener) {
            this.input = input;
            this.listener = listener;
        }

        void add(EventReader.BadLine bad) {
            count++;
            if (!released && count == 1 && looksBinary(bad)) {
                throw new BadInputException(input + ": a binary file, not JSON lines (" + bad.problem() + " on line "
                        + bad.line() + "); give events as UTF-8 JSON, one object per line");
            }
            if (released) {
                listener.malformedLine(bad);
            } else {
                held.add(bad);
                if (held.size() >= MAX_HELD) {
                    release();
                }
            }
        }

        /** An event was read: the lines held so far are reported, and the next ones as they come. */
        void release() {
            if (!released) {
                released = true;
                held.forEach(listener::malformedLine);
                held.clear();
            }
        }

        /** The input is read: if no line of it was an event, it was not an events file. */
        void end() {
            if (!released && count > 0) {
                EventReader.BadLine first = held.get(0);
                throw new BadInputException(input + ": no line is an event (" + count + " malformed, line "
                        + first.line() + ": " + first.problem() + "); give events as JSON, one object per line");
            }
        }

        /** A line with NUL or undecodable bytes: not text at all. */
        private static boolean looksBinary(EventReader.BadLine bad) {
            return bad.problem().indexOf('\u0000') >= 0 || bad.problem().indexOf('\uFFFD') >= 0;
        }
    }

    /** The run's counters; touched by the scanning thread only. */
    private static final class Counts {
        final long progressNanos;
        long lastProgress = System.nanoTime();
        long events;
        long alerts;
        long malformed;
        /** By ID, then name: the order the summary lists them in. */
        final Map<Alert.Named, Long> byTechnique =
                new TreeMap<>(Comparator.comparing(Alert.Named::id).thenComparing(Alert.Named::name));

        Counts(long progressNanos) {
            this.progressNanos = progressNanos;
        }
    }

    /** Leaves the reader's loop when the run is asked to stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Carries the sink's failure out of the reader's loop, to be rethrown as it was. */
    private static final class SinkFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
