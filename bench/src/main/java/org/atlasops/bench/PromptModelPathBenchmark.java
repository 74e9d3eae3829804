package org.atlasops.bench;

import java.util.concurrent.TimeUnit;
import org.atlasops.detect.prompt.MeaningDetector;
import org.atlasops.detect.prompt.PromptDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The prompt detector's model path ({@link MeaningDetector}: sentence embeddings of at most three chunks plus the
 * fast path) on one calling thread, per text size: 200 B, 2 KB and 8 KB of prose with an injection in the middle, as
 * {@link PromptBenchmark}. Sample mode: the mean gives texts per second (1 / mean), and p99 the tail. The encoder runs
 * each call on the calling thread alone (one ONNX Runtime intra-op thread), so this is the work of one core; pin the
 * JVM with {@code taskset -c 1} to keep everything else (JIT, GC) on that core too. Three forks, so JMH's error spans
 * JVMs as well as iterations (the machine is shared: say its load with the figures).
 * {@code java -jar bench/target/benchmarks.jar PromptModelPath}
 */
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = "-Xmx1g")
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PromptModelPathBenchmark {
    @Param({"200", "2048", "8192"})
    public int bytes;

    private MeaningDetector detector;
    private String text;

    @Setup
    public void setUp() {
        detector = MeaningDetector.bundled();
        text = PromptBenchmark.textOf(bytes);
    }

    @Benchmark
    public PromptDetector.Verdict classify() {
        return detector.classify(text, PromptDetector.Role.DOCUMENT);
    }
}
