package org.atlasops.detect.prompt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Sentence vectors of texts kept in a file across runs, for development only: leave-one-source-out and retraining
 * embed the same few thousand texts every time, which costs minutes on a busy machine. Keyed by the SHA-256 of the
 * text and stamped with how vectors are made ({@link #STAMP}), so a cache of another chunking is not reused. Turned
 * on by the system property {@value #PROPERTY} (a file under {@code target/}, never committed).
 */
final class EmbeddingCache implements Function<String, float[]> {
    static final String PROPERTY = "atlasops.embedding-cache";
    static final String STAMP = "all-minilm-l6-v2-q chunk=" + SentenceEmbedder.CHUNK + " max="
            + SentenceEmbedder.MAX_EMBEDDED + " chars=" + SentenceEmbedder.MAX_CHARS + " vector="
            + SentenceEmbedder.VECTOR + " v1";

    private final Path file;
    private final Function<String, float[]> embed;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private EmbeddingCache(Path file, Function<String, float[]> embed) {
        this.file = file;
        this.embed = embed;
    }

    /** The embedder itself, or a cache in front of it when {@value #PROPERTY} names a file. */
    static Function<String, float[]> around(SentenceEmbedder embedder) {
        return Optional.ofNullable(System.getProperty(PROPERTY))
                .filter(s -> !s.isBlank())
                .<Function<String, float[]>>map(p -> open(Path.of(p), embedder::vector))
                .orElse(embedder::vector);
    }

    static EmbeddingCache open(Path file, Function<String, float[]> embed) {
        EmbeddingCache c = new EmbeddingCache(file, embed);
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
                if (in.readUTF().equals(STAMP)) {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        String key = in.readUTF();
                        float[] v = new float[in.readInt()];
                        for (int j = 0; j < v.length; j++) {
                            v[j] = in.readFloat();
                        }
                        c.vectors.put(key, v);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding cache " + file, e);
            }
        }
        return c;
    }

    @Override
    public float[] apply(String text) {
        return vectors.computeIfAbsent(key(text), k -> {
            dirty = true;
            return embed.apply(text);
        });
    }

    /** Writes the cache if a vector was added since it was read or written. */
    synchronized void save() {
        if (!dirty) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(STAMP);
                Map<String, float[]> copy = Map.copyOf(vectors);
                out.writeInt(copy.size());
                for (Map.Entry<String, float[]> e : copy.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + file, e);
        }
    }

    /** Saves a function if it is a cache. */
    static void saveIfCache(Function<String, float[]> f) {
        if (f instanceof EmbeddingCache c) {
            c.save();
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
