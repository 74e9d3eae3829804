package org.atlasops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventJson;
import org.atlasops.detect.sigma.Detector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second on one thread for the SigmaHQ process-creation workload ({@link ProcessCreationWorkload}):
 * (a) read as {@code detect scan} reads ({@link EventJson}) and run through the detector holding every
 * process-creation rule that loads, with the four emoji rules ({@code rules=all}) or without them
 * ({@code rules=noEmoji}); (c) Jackson's {@code readTree} alone, the reference the ratios use; (d) reading alone
 * with {@link EventJson}. One operation is one event, taken in turn from 10,000 generated ones, so an iteration
 * is long enough at any speed. Run:
 * {@code java -Dsigma.corpus=DIR -Dwindows.events.generator=FILE -jar bench/target/benchmarks.jar ProcessCreationBenchmark}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProcessCreationBenchmark {
    static final int EVENTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code all}: every rule that loads; {@code noEmoji}: the same without the four emoji rules. */
    @Param({"all", "noEmoji"})
    public String rules;

    private String[] lines;
    private Detector detector;
    private final EventJson reader = new EventJson();
    private int next;
    /** Event time moves forward 37 ms per event, as the generator's timestamps do. */
    private Instant clock = Instant.EPOCH;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        lines = ProcessCreationWorkload.events(EVENTS).toArray(String[]::new);
        detector =
                new Detector(ProcessCreationWorkload.compile(ProcessCreationWorkload.ruleFiles(rules.equals("all"))));
    }

    private String nextLine() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return line;
    }

    @Benchmark
    public List<?> a_detect() throws Exception {
        ObjectNode n = reader.parseObject(nextLine());
        clock = clock.plusMillis(37);
        return detector.process(Event.of(n), clock);
    }

    /** The reference: Jackson's tree of the same event (independent of {@code rules}; run it with one value). */
    @Benchmark
    public Object c_parseOnly() throws Exception {
        return JSON.readTree(nextLine());
    }

    /** Reading as the detector's caller reads, so (a) minus this is detection proper. */
    @Benchmark
    public Object d_readOnly() throws Exception {
        return reader.parseObject(nextLine());
    }
}
