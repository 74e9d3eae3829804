package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development cache of sentence vectors: a text is embedded once across runs; a foreign file is not used. */
class EmbeddingCacheTest {
    @TempDir
    Path dir;

    @Test
    void aVectorIsComputedOnceAndReadBackInTheNextRun() {
        AtomicInteger calls = new AtomicInteger();
        Function<String, float[]> embed = t -> {
            calls.incrementAndGet();
            return new float[] {t.length(), 1.5f};
        };
        Path file = dir.resolve("target/vectors.bin.gz");
        EmbeddingCache first = EmbeddingCache.open(file, embed);
        assertThat(first.apply("hello")).containsExactly(5f, 1.5f);
        assertThat(first.apply("hello")).containsExactly(5f, 1.5f);
        assertThat(calls).hasValue(1);
        first.save();

        EmbeddingCache second = EmbeddingCache.open(file, embed);
        assertThat(second.apply("hello")).containsExactly(5f, 1.5f);
        assertThat(calls).hasValue(1);
        assertThat(second.apply("other text")).containsExactly(10f, 1.5f);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFileOfAnotherStampIsNotUsed() throws Exception {
        Path file = dir.resolve("vectors.bin.gz");
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF("another encoder");
            out.writeInt(0);
        }
        AtomicInteger calls = new AtomicInteger();
        EmbeddingCache c = EmbeddingCache.open(file, t -> {
            calls.incrementAndGet();
            return new float[] {1f};
        });
        c.apply("hello");
        assertThat(calls).hasValue(1);
    }
}
