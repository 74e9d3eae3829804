package org.atlasops.detect.prompt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The model path's classifier: logistic regression over the sentence vector ({@link SentenceEmbedder}) and the fast
 * path's evidence (its learned score, the cue score, the length). Attack or benign; the fast path names the kind.
 */
final class MeaningModel {
    static final int EXTRA = 3;
    static final int DIM = SentenceEmbedder.VECTOR + EXTRA;
    private static final int MAGIC = 0x41504d45; // "APME"

    final float[] weights;
    final float bias;
    final double threshold;

    MeaningModel(float[] weights, float bias, double threshold) {
        if (weights.length != DIM) {
            throw new IllegalArgumentException("expected " + DIM + " weights, not " + weights.length);
        }
        this.weights = weights;
        this.bias = bias;
        this.threshold = threshold;
    }

    MeaningModel withThreshold(double t) {
        return new MeaningModel(weights, bias, t);
    }

    /** The input vector: sentence vector, fast-path learned score, cue score, length (log scale, 1 at 8 KB). */
    static float[] input(float[] sentence, double fastScore, double cueScore, int chars) {
        float[] x = new float[DIM];
        System.arraycopy(sentence, 0, x, 0, SentenceEmbedder.VECTOR);
        int at = SentenceEmbedder.VECTOR;
        x[at] = (float) fastScore;
        x[at + 1] = (float) cueScore;
        x[at + 2] = (float) (Math.log1p(chars) / Math.log(8192));
        return x;
    }

    double score(float[] x) {
        double z = bias;
        for (int i = 0; i < DIM; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + StrictMath.exp(-z));
    }

    void write(OutputStream out) {
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out))) {
            d.writeInt(MAGIC);
            d.writeInt(DIM);
            d.writeDouble(threshold);
            d.writeFloat(bias);
            for (float w : weights) {
                d.writeFloat(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MeaningModel read(InputStream in) {
        try (DataInputStream d = new DataInputStream(new GZIPInputStream(in))) {
            if (d.readInt() != MAGIC || d.readInt() != DIM) {
                throw new IllegalArgumentException("not an atlas-ops embedding prompt model for this version");
            }
            double threshold = d.readDouble();
            float bias = d.readFloat();
            float[] w = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                w[i] = d.readFloat();
            }
            return new MeaningModel(w, bias, threshold);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding prompt model: " + e.getMessage(), e);
        }
    }
}
