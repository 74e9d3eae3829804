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
 * Softmax regression over {@link Features}: one weight vector and bias per class (benign, injection, jailbreak),
 * plus the attack threshold chosen at training time. Stored as gzip'd big-endian floats.
 */
public final class PromptModel {
    static final String[] CLASSES = {"benign", "injection", "jailbreak"};
    private static final int MAGIC = 0x41504d31; // "APM1"

    final float[][] weights;
    final float[] bias;
    final double threshold;

    PromptModel(float[][] weights, float[] bias, double threshold) {
        this.weights = weights;
        this.bias = bias;
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    PromptModel withThreshold(double t) {
        return new PromptModel(weights, bias, t);
    }

    /** Class probabilities for a feature vector. */
    double[] probabilities(Features f) {
        double[] z = new double[CLASSES.length];
        for (int c = 0; c < z.length; c++) {
            double s = bias[c];
            float[] w = weights[c];
            for (int i = 0; i < f.index.length; i++) {
                s += w[f.index[i]] * f.value[i];
            }
            z[c] = s;
        }
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = StrictMath.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    public void write(OutputStream out) {
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out))) {
            d.writeInt(MAGIC);
            d.writeInt(Features.DIM);
            d.writeDouble(threshold);
            for (int c = 0; c < CLASSES.length; c++) {
                d.writeFloat(bias[c]);
                for (float w : weights[c]) {
                    d.writeFloat(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PromptModel read(InputStream in) {
        try (DataInputStream d = new DataInputStream(new GZIPInputStream(in))) {
            if (d.readInt() != MAGIC || d.readInt() != Features.DIM) {
                throw new IllegalArgumentException(
                        "not an atlas-ops prompt model for this version (feature size " + Features.DIM + ")");
            }
            double threshold = d.readDouble();
            float[][] w = new float[CLASSES.length][Features.DIM];
            float[] b = new float[CLASSES.length];
            for (int c = 0; c < CLASSES.length; c++) {
                b[c] = d.readFloat();
                for (int i = 0; i < Features.DIM; i++) {
                    w[c][i] = d.readFloat();
                }
            }
            return new PromptModel(w, b, threshold);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompt model: " + e.getMessage(), e);
        }
    }
}
