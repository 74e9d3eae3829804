package org.atlasops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventJson;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.sigma.Detector;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.detect.sigma.correlation.CorrelationRule;

/**
 * A steadier companion to {@link DetectBenchmark} on a noisy machine: the best of many passes over the same 10,000
 * lines, parse-only and read-plus-detect timed back to back in one JVM, so both see the same machine state. Events
 * are read as the product reads them ({@link EventJson}); parse-only is Jackson's {@code readTree}, the reference
 * the targets are set against. Also
 * times the pack with parts left out, to show where detection time goes. Run:
 * {@code java -cp bench/target/benchmarks.jar org.atlasops.bench.DetectSteady [--only NAME] [SIGMA_RULES_DIR]
 * [passes]}; with {@code --memory SIGMA_RULES_DIR} it measures the heap the (b) detector retains instead.
 * {@code --only} keeps the configurations whose name contains NAME, such as {@code (a)}: as in JMH, where each
 * benchmark has a JVM of its own, the compiler then sees only that rule set's code paths, and only its windows go
 * through the caches. Timing all configurations in one JVM costs each of them about a tenth more.
 */
public final class DetectSteady {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectSteady() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--memory")) {
            memory(Path.of(args[1]));
            return;
        }
        String only = null;
        if (args.length >= 2 && args[0].equals("--only")) {
            only = args[1];
            args = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        List<String> lines = TelemetrySample.lines(DetectBenchmark.EVENTS, new Random(42));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        RuleSet pack = RulePack.loader(Map.of(), RulePack.pipeline()).build();
        Map<String, Detector> detectors = new LinkedHashMap<>();
        detectors.put("(a) ATLAS pack", new Detector(pack));
        detectors.put("pack, detection rules only", new Detector(part(pack, false)));
        detectors.put("pack, correlations and the rules feeding them only", new Detector(part(pack, true)));
        if (args.length > 0) {
            RuleSet both = DetectBenchmark.packPlusSigmaHq(Path.of(args[0]));
            detectors.put("(b) pack + 1,000 SigmaHQ rules", new Detector(both));
        }
        if (only != null) {
            String wanted = only;
            detectors.keySet().removeIf(name -> !name.contains(wanted));
        }
        EventJson reader = new EventJson();
        long parse = Long.MAX_VALUE;
        long read = Long.MAX_VALUE;
        Map<String, Long> best = new LinkedHashMap<>();
        // per configuration and pass, parse-only time over parse-plus-detect time, each detect pass right after a
        // parse pass: the machine's speed drifts, and a ratio of neighbours cancels most of it
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Instant clock = Instant.EPOCH;
        for (int pass = 0; pass < passes; pass++) {
            for (Map.Entry<String, Detector> d : detectors.entrySet()) {
                long start = System.nanoTime();
                for (String line : lines) {
                    JSON.readTree(line);
                }
                long parsed = System.nanoTime() - start;
                parse = Math.min(parse, parsed);
                start = System.nanoTime();
                for (String line : lines) {
                    reader.parseObject(line);
                }
                read = Math.min(read, System.nanoTime() - start);
                start = System.nanoTime();
                for (String line : lines) {
                    clock = clock.plusMillis(10);
                    d.getValue().process(Event.of(reader.parseObject(line)), clock);
                }
                long detected = System.nanoTime() - start;
                best.merge(d.getKey(), detected, Math::min);
                if (pass >= passes / 4) { // the first quarter warms up
                    ratios.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add((double) parsed / detected);
                }
            }
            System.err.print("\rpass " + (pass + 1) + "/" + passes);
        }
        System.err.println();
        double perEvent = 1e3 * lines.size();
        System.out.printf("parse only (c), Jackson readTree: %.2f µs per event (best pass)%n", parse / perEvent);
        System.out.printf(
                "reading only, EventJson (how atlas-ops reads events): %.2f µs per event (best pass)%n",
                read / perEvent);
        for (Map.Entry<String, Long> b : best.entrySet()) {
            List<Double> r = ratios.get(b.getKey());
            r.sort(null);
            System.out.printf(
                    "%s: %.2f µs per event read and detected (detection %.2f µs), %.1f%% of parse-only "
                            + "throughput by best passes, %.1f%% by the median of paired passes%n",
                    b.getKey(),
                    b.getValue() / perEvent,
                    (b.getValue() - read) / perEvent,
                    100.0 * parse / b.getValue(),
                    100 * r.get(r.size() / 2));
        }
    }

    /** The pack's correlations with the rules they use, or its other rules alone. */
    private static RuleSet part(RuleSet pack, boolean correlations) {
        Set<String> feeding = new HashSet<>();
        for (CorrelationRule c : pack.correlations()) {
            feeding.addAll(c.rules());
        }
        List<SigmaRule> kept = new ArrayList<>();
        for (SigmaRule r : pack.rules()) {
            boolean feeds = feeding.contains(r.id())
                    || r.reference().map(feeding::contains).orElse(false);
            if (feeds == correlations) {
                kept.add(r);
            }
        }
        return new RuleSet(kept, pack.filters(), correlations ? pack.correlations() : List.of(), List.of(), 0);
    }

    /** Heap retained by the (b) detector: after loading, and with its windows after 4,000 s of event time. */
    private static void memory(Path corpus) throws Exception {
        List<String> lines = TelemetrySample.lines(DetectBenchmark.EVENTS, new Random(42));
        EventJson reader = new EventJson();
        long base = usedAfterGc();
        Detector detector = new Detector(DetectBenchmark.packPlusSigmaHq(corpus));
        long loaded = usedAfterGc();
        Instant clock = Instant.EPOCH;
        for (int pass = 0; pass < 40; pass++) {
            for (String line : lines) {
                clock = clock.plusMillis(10);
                detector.process(Event.of(reader.parseObject(line)), clock);
            }
        }
        long running = usedAfterGc();
        System.out.printf(
                "(b) detector: %.1f MB after loading, %.1f MB after 400,000 events with its windows; "
                        + "%d window entries dropped%n",
                (loaded - base) / 1e6, (running - base) / 1e6, detector.droppedCorrelationState());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
