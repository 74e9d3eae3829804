package org.atlasops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * Two builds of the detect module timed in one JVM on the ATLAS pack, passes interleaved: separate runs on a shared
 * machine differ by more than most single changes gain, but two builds side by side see the same machine. Each
 * build is a {@code detect/target/classes} folder, copied aside before and after a change; its classes and bundled
 * rules are loaded from there. Run:
 * {@code java -cp bench/target/benchmarks.jar org.atlasops.bench.DetectAB PASSES DIR_A DIR_B}. Each build reads
 * events with its own {@code EventJson} (so a change to reading counts) and detects. It prints each build's best pass
 * (reading plus detection, per event), that minus the best Jackson parse-only pass, and the median (with quartiles)
 * of its per-pass difference from the first build, the order of builds turning from pass to pass. Repeat it a few
 * times: on the 2-core CI machine runs spread by 0.1–0.25 µs.
 */
public final class DetectAB {
    private static final String DETECT = "org.atlasops.detect.";

    private DetectAB() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DetectAB PASSES DIR_A DIR_B [DIR_C …]  (each DIR a detect/target/classes copy)");
            System.exit(2);
        }
        int passes = Integer.parseInt(args[0]);
        URL self = DetectAB.class.getProtectionDomain().getCodeSource().getLocation();
        List<LongUnaryOperator> builds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            if (!Files.isDirectory(dir.resolve("org/atlasops/detect"))) {
                System.err.println(dir + " does not hold detect classes (org/atlasops/detect/…)");
                System.exit(2);
            }
            ClassLoader loader = new BuildLoader(new URL[] {dir.toUri().toURL(), self});
            builds.add((LongUnaryOperator)
                    loader.loadClass(Driver.class.getName()).getConstructor().newInstance());
        }
        long parse = Long.MAX_VALUE;
        long[] best = new long[builds.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        // per pass and build, its time minus the first build's: neighbours in time share the machine's speed
        List<List<Double>> differences = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            differences.add(new ArrayList<>());
        }
        for (int p = 0; p < passes; p++) {
            parse = Math.min(parse, builds.get(0).applyAsLong(0));
            long[] took = new long[builds.size()];
            // the order turns every pass, so that no build always runs first
            for (int k = 0; k < builds.size(); k++) {
                int i = (k + p) % builds.size();
                took[i] = builds.get(i).applyAsLong(1);
                best[i] = Math.min(best[i], took[i]);
            }
            if (p >= passes / 4) {
                for (int i = 0; i < builds.size(); i++) {
                    differences.get(i).add((took[i] - took[0]) / (1e3 * DetectBenchmark.EVENTS));
                }
            }
            System.err.print("\rpass " + (p + 1) + "/" + passes);
        }
        System.err.println();
        double perEvent = 1e3 * DetectBenchmark.EVENTS;
        System.out.printf("parse only: %.3f µs per event%n", parse / perEvent);
        for (int i = 0; i < builds.size(); i++) {
            List<Double> d = differences.get(i);
            d.sort(null);
            System.out.printf(
                    "%s: %.3f µs per event, detection %.3f µs (best passes); against the first, median of "
                            + "paired passes %+.3f µs (quartiles %+.3f, %+.3f)%n",
                    args[i + 1],
                    best[i] / perEvent,
                    (best[i] - parse) / perEvent,
                    d.get(d.size() / 2),
                    d.get(d.size() / 4),
                    d.get(3 * d.size() / 4));
        }
    }

    /** Loads the detect module (classes and rule files) from the build first, the rest as usual. */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(URL[] urls) {
            super(urls, DetectAB.class.getClassLoader());
        }

        /** The driver and the sample it reads (package-private, so in the driver's loader) come from here too. */
        private static boolean own(String className) {
            return className.startsWith(DETECT)
                    || className.startsWith(Driver.class.getName())
                    || className.equals(TelemetrySample.class.getName());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = name.startsWith("org/atlasops/detect/") ? findResource(name) : null;
            return own != null ? own : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("org/atlasops/detect/") ? findResources(name) : super.getResources(name);
        }
    }

    /** One build's detector on the sample: {@code applyAsLong(0)} times a parse-only pass, 1 a detection pass. */
    public static final class Driver implements LongUnaryOperator {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final List<String> lines;
        private final org.atlasops.detect.sigma.Detector detector;
        private Instant clock = Instant.EPOCH;
        /** Events are read as the build reads them, so a change to reading shows too. */
        private final org.atlasops.detect.event.EventJson reader = new org.atlasops.detect.event.EventJson();

        public Driver() throws Exception {
            lines = TelemetrySample.lines(DetectBenchmark.EVENTS, new Random(42));
            detector = new org.atlasops.detect.sigma.Detector(
                    org.atlasops.detect.pack.RulePack.loader(Map.of(), org.atlasops.detect.pack.RulePack.pipeline())
                            .build());
        }

        @Override
        public long applyAsLong(long mode) {
            try {
                long start = System.nanoTime();
                for (String line : lines) {
                    if (mode == 0) {
                        JSON.readTree(line);
                    } else {
                        clock = clock.plusMillis(10);
                        detector.process(org.atlasops.detect.event.Event.of(reader.parseObject(line)), clock);
                    }
                }
                return System.nanoTime() - start;
            } catch (IOException | org.atlasops.detect.event.EventJson.MalformedJson e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
