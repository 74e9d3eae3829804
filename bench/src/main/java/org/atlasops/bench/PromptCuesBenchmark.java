package org.atlasops.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The prompt detector's cue search alone ({@code AttackCues.find}, package-private, reached through a method handle
 * so the detector need not widen its API for a benchmark), on the texts of {@link PromptBenchmark}: 200 B and 2 KB of
 * prose with one injection sentence. {@code java -jar bench/target/benchmarks.jar PromptCues}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptCuesBenchmark {
    @Param({"200", "2048"})
    public int bytes;

    private MethodHandle find;
    private String text;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        Method m = Class.forName("org.atlasops.detect.prompt.AttackCues").getDeclaredMethod("find", String.class);
        m.setAccessible(true);
        find = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(List.class, String.class));
        text = PromptBenchmark.textOf(bytes); // the same text as PromptBenchmark, so the two compare
    }

    @Benchmark
    public List<?> find() throws Throwable {
        return (List<?>) find.invokeExact(text);
    }
}
