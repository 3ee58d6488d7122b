package dev.nn.plugins.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.layers.Softmax;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Softmax cross-entropy keeps forward's softmax for backward and toPrediction only while the logits are unchanged. */
class SoftmaxReuseTest {
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    @Test
    void backwardAndPredictionAfterForwardHaveTheBitsOfAFreshComputation() {
        Matrix z = random(7, 5, 1);
        Matrix t = oneHot(7, 5);
        Workspace reusing = workspace();
        loss.forward(z, t, reusing);
        float[] reused = loss.backward(z, t, reusing).data().clone();
        float[] fresh = loss.backward(z, t, workspace()).data().clone();
        assertThat(reused).isEqualTo(fresh);

        Matrix p = z.copy();
        loss.toPrediction(p, reusing);
        Matrix expected = new Matrix(7, 5);
        Softmax.softmaxRows(z.data(), expected.data(), 7, 5);
        assertThat(p.data()).isEqualTo(expected.data());
    }

    @Test
    void logitsChangedAfterForwardAreNotAnsweredFromTheKeptSoftmax() {
        Matrix z = random(4, 3, 2);
        Matrix t = oneHot(4, 3);
        Workspace ctx = workspace();
        loss.forward(z, t, ctx);
        z.data()[5] += 0.25f;
        float[] afterChange = loss.backward(z, t, ctx).data().clone();
        assertThat(afterChange).isEqualTo(loss.backward(z, t, workspace()).data());
    }

    @Test
    void zeroLogitsWithNoForwardYetAreNotMistakenForAKeptSoftmax() {
        Matrix z = new Matrix(3, 4);
        Matrix p = z.copy();
        loss.toPrediction(p, workspace());
        assertThat(p.data()).containsOnly(0.25f);
    }

    private static Workspace workspace() {
        return new Workspace(PluginRegistry.defaultRegistry().engine(null, 1), 0);
    }

    private static Matrix random(int rows, int cols, long seed) {
        Random random = new Random(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) random.nextGaussian() * 3;
        }
        return m;
    }

    private static Matrix oneHot(int rows, int cols) {
        Matrix t = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            t.data()[r * cols + r % cols] = 1f;
        }
        return t;
    }
}
