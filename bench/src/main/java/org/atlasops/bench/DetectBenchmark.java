package org.atlasops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventJson;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.sigma.Detector;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second on one thread: (a) the ATLAS pack, (b) the pack plus 1,000 SigmaHQ rules, (c) Jackson parsing
 * only (the reference), (d) reading only, as atlas-ops reads events ({@link EventJson}, which (a) and (b) include),
 * over the same 10,000 JSON lines of mixed AI telemetry (LLM calls, MCP messages, model API logs; about 2%
 * attacks). The SigmaHQ rules are the first 1,000 that load from the SigmaHQ rule folder given as
 * {@code -Dsigma.corpus=DIR} (a checkout of github.com/SigmaHQ/sigma; the project does not ship it). Run:
 * {@code java -Dsigma.corpus=DIR -jar bench/target/benchmarks.jar Detect}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectBenchmark {
    static final int EVENTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private List<String> lines;
    private Detector pack;
    private Detector packPlusSigmaHq;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        lines = TelemetrySample.lines(EVENTS, new Random(42));
        RuleSet packRules = RulePack.loader(Map.of(), RulePack.pipeline()).build();
        pack = new Detector(packRules);
        String dir = System.getProperty("sigma.corpus");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("give the SigmaHQ rule folder with -Dsigma.corpus=DIR (now: " + dir + ")");
        }
        packPlusSigmaHq = new Detector(packPlusSigmaHq(Path.of(dir)));
    }

    /** The ATLAS pack plus the first 1,000 rules of a SigmaHQ folder that load on their own without problems. */
    static RuleSet packPlusSigmaHq(Path corpus) throws java.io.IOException {
        RuleLoader both = RulePack.loader(Map.of(), RulePack.pipeline());
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(corpus)) {
            s.filter(RuleLoader::isRuleFile).sorted().forEach(files::add);
        }
        int loaded = 0;
        for (Path f : files) {
            if (loaded >= 1000) {
                break;
            }
            RuleSet one = new RuleLoader().load(f).build();
            if (one.problems().isEmpty() && one.correlations().isEmpty()) {
                both.load(f);
                loaded++;
            }
        }
        if (loaded < 1000) {
            throw new IllegalStateException("only " + loaded + " SigmaHQ rules under " + corpus);
        }
        return both.build();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void a_atlasPack(Blackhole bh) throws Exception {
        run(pack, bh);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void b_atlasPackPlus1000SigmaHq(Blackhole bh) throws Exception {
        run(packPlusSigmaHq, bh);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void c_parseOnly(Blackhole bh) throws Exception {
        for (String line : lines) {
            bh.consume(JSON.readTree(line));
        }
    }

    /** Reading alone as atlas-ops reads events, so that (a) and (b) minus this is the cost of detection proper. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void d_readOnly(Blackhole bh) throws Exception {
        for (String line : lines) {
            bh.consume(reader.parseObject(line));
        }
    }

    /** Event time keeps moving forward across invocations, as in a real stream (10 ms per event). */
    private Instant clock = Instant.EPOCH;

    private final EventJson reader = new EventJson();

    /** Events are read as the product reads them (EventJson), then detected. */
    private void run(Detector d, Blackhole bh) throws Exception {
        for (String line : lines) {
            ObjectNode n = reader.parseObject(line);
            clock = clock.plusMillis(10);
            bh.consume(d.process(Event.of(n), clock));
        }
    }
}
