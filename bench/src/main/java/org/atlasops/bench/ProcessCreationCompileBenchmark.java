package org.atlasops.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Time to load and compile SigmaHQ's process-creation rules (every rule of {@link ProcessCreationWorkload} that
 * loads, with or without the four emoji rules) into a rule set and a detector ready for the first event, as
 * {@code detect scan} does at start. Single shot: each shot starts from the YAML files (the OS caches them).
 * {@code java -Dsigma.corpus=DIR -Dwindows.events.generator=FILE -jar bench/target/benchmarks.jar ProcessCreationCompile}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProcessCreationCompileBenchmark {
    @Param({"all", "noEmoji"})
    public String rules;

    private List<Path> files;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        files = ProcessCreationWorkload.ruleFiles(rules.equals("all"));
    }

    @Benchmark
    public Detector compile() {
        return new Detector(ProcessCreationWorkload.compile(files));
    }
}
