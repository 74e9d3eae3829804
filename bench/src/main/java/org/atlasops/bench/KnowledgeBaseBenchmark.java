package org.atlasops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.AtlasReader;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.kb.search.SearchIndex;
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
 * Loading and indexing ATLAS 5.6.0, and search latency. Run:
 * {@code ./mvnw -q -DskipTests -pl bench -am package && java -jar bench/target/benchmarks.jar KnowledgeBase}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class KnowledgeBaseBenchmark {
    private byte[] yaml;

    @Setup
    public void setUp() throws IOException {
        yaml = readBundled();
    }

    static byte[] readBundled() throws IOException {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream("/org/atlasops/kb/data/ATLAS-5.6.0.yaml")) {
            return in.readAllBytes();
        }
    }

    private KnowledgeBase load() {
        return AtlasReader.read(new java.io.ByteArrayInputStream(yaml), "ATLAS-5.6.0.yaml");
    }

    /** A built index and the query to run on it. */
    @State(Scope.Benchmark)
    public static class Search {
        @Param({"prompt injection", "model extraction", "promt injecton", "AML.T0051"})
        public String query;

        SearchIndex index;

        @Setup
        public void setUp() throws IOException {
            index = SearchIndex.of(
                    AtlasReader.read(new java.io.ByteArrayInputStream(readBundled()), "ATLAS-5.6.0.yaml"));
        }
    }

    /** Parse and model 5.6.0 (453 KB of YAML). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public KnowledgeBase load560() {
        return load();
    }

    /** Parse, model and build the search index: what the first 'kb search' pays. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SearchIndex loadAndIndex560() {
        return SearchIndex.of(load());
    }

    /** One ranked query, top 10, on a built index. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<SearchHit> search(Search state) {
        return state.index.search(state.query, 10);
    }
}
