package org.atlasops.bench;

import java.util.concurrent.TimeUnit;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.export.MatrixPicture;
import org.atlasops.navigator.export.PngWriter;
import org.atlasops.navigator.export.SvgWriter;
import org.atlasops.navigator.export.TableExport;
import org.atlasops.navigator.export.XlsxWriter;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generating the full 5.6.0 case-study-frequency layer and exporting it to each format (the release is loaded once
 * in setup). Run: {@code ./mvnw -q -DskipTests -pl bench -am package && java -jar bench/target/benchmarks.jar Layer}
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LayerBenchmark {
    private KnowledgeBase kb;

    @Setup
    public void setUp() {
        kb = ReleaseCatalog.bundledOnly().load("5.6.0");
    }

    private AnnotatedMatrix generate() {
        Layer layer = new LayerGenerator(kb).caseStudyFrequency(false);
        return AnnotatedMatrix.of(layer, kb);
    }

    @Benchmark
    public AnnotatedMatrix generateOnly() {
        return generate();
    }

    @Benchmark
    public String generateJson() {
        return LayerWriter.toJson(generate().layer());
    }

    @Benchmark
    public String generateFullMatrixJson() {
        return LayerWriter.toJson(TableExport.fullMatrix(generate()));
    }

    @Benchmark
    public String generateCsv() {
        return TableExport.csv(generate(), false);
    }

    @Benchmark
    public String generateMarkdown() {
        return TableExport.markdown(generate(), false);
    }

    @Benchmark
    public byte[] generateXlsx() {
        return XlsxWriter.write(generate());
    }

    @Benchmark
    public String generateSvg() {
        return SvgWriter.write(MatrixPicture.draw(generate(), MatrixPicture.Options.DEFAULT));
    }

    @Benchmark
    public byte[] generatePng() {
        return PngWriter.write(MatrixPicture.draw(generate(), MatrixPicture.Options.DEFAULT), 2);
    }
}
