package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model path's classifier on synthetic inputs whose parts are known. */
class MeaningTrainerTest {

    @Test
    void trainingIsDeterministic() {
        Random random = new Random(7);
        float[][] x = new float[60][];
        boolean[] y = new boolean[60];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3 == 0;
            float[] v = new float[SentenceEmbedder.VECTOR];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian() / 20;
            }
            x[i] = MeaningModel.input(v, y[i] ? 0.8 : 0.2, 0, 200);
        }
        MeaningModel a = MeaningTrainer.fit(x, y, i -> true);
        MeaningModel b = MeaningTrainer.fit(x, y, i -> true);
        assertThat(a.weights).containsExactly(b.weights);
        assertThat(a.bias).isEqualTo(b.bias);
        // the evidence that transfers is used: a higher fast-path score is more of an attack
        assertThat(a.score(x[0])).isGreaterThan(a.score(x[1]));
    }

    @Test
    void theOperatingPointFlagsAtMostTheBudgetOfBenignScores() {
        double[] score = new double[200];
        boolean[] attack = new boolean[200];
        for (int i = 0; i < 100; i++) {
            score[i] = 0.5 + i / 200.0; // benign, 0.5 to 0.995
            score[100 + i] = 0.99;
            attack[100 + i] = true;
        }
        double t = MeaningTrainer.threshold(score, attack, 0.03);
        long flagged = java.util.stream.IntStream.range(0, 100)
                .filter(i -> score[i] >= t)
                .count();
        assertThat(flagged).isLessThanOrEqualTo(3);
        assertThat(t).isBetween(0.5, 0.99);
    }
}
