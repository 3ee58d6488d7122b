package dev.nn.plugins.loss;

import static dev.nn.testkit.TestData.bits;
import static dev.nn.testkit.TestData.oneHot;
import static dev.nn.testkit.TestData.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Context;
import dev.nn.api.Matrix;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/** Every built-in loss's gradient against central differences (GradientCheck's float32 defaults). */
class LossGradientTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();
    private final Context ctx = new Workspace(PluginRegistry.defaultRegistry().engine(null, 1), 0);

    @Test
    void mseMatchesNumericalGradient() {
        CHECK.loss(new Mse(), uniform(4, 3, -2, 2, 1), uniform(4, 3, -1, 1, 2)).assertPassed();
    }

    @Test
    void quadraticMatchesNumericalGradient() {
        CHECK.loss(new Quadratic(), uniform(4, 3, -2, 2, 3), uniform(4, 3, -1, 1, 4))
                .assertPassed();
    }

    @Test
    void softmaxCrossEntropyMatchesNumericalGradient() {
        CHECK.loss(new SoftmaxCrossEntropy(), uniform(5, 4, -3, 3, 5), oneHot(5, 4, 6))
                .assertPassed();
    }

    @Test
    void binaryCrossEntropyOnLogitsMatchesNumericalGradient() {
        CHECK.loss(new BinaryCrossEntropy(true), uniform(6, 2, -4, 4, 7), bits(6, 2, 8))
                .assertPassed();
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesMatchesNumericalGradient() {
        CHECK.loss(new BinaryCrossEntropy(false), uniform(6, 1, 0.05, 0.95, 9), bits(6, 1, 10))
                .assertPassed();
    }

    @Test
    void quadraticIsHalfTheSummedSquaredErrorPerExample() {
        Matrix y = Matrix.of(new float[] {1, 2}, new float[] {0, 0});
        Matrix t = Matrix.of(new float[] {0, 0}, new float[] {0, 2});
        // (1 + 4) / 2 and 4 / 2, averaged over the 2 examples
        assertThat(new Quadratic().forward(y, t, ctx)).isEqualTo(2.25f);
        // mse averages over all 4 elements: (1 + 4 + 4) / 4
        assertThat(new Mse().forward(y, t, ctx)).isEqualTo(2.25f);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        Matrix logits = Matrix.of(new float[] {1000f, 0f, -1000f});
        Matrix target = Matrix.of(new float[] {0f, 1f, 0f});
        float loss = new SoftmaxCrossEntropy().forward(logits, target, ctx);
        assertThat(loss).isEqualTo(1000f);
        Matrix g = new SoftmaxCrossEntropy().backward(logits, target, ctx);
        assertThat(g.data()).containsExactly(1f, -1f, 0f);
    }

    @Test
    void softmaxCrossEntropyOfUniformLogitsIsLogOfClassCount() {
        Matrix logits = new Matrix(2, 10);
        float loss = new SoftmaxCrossEntropy().forward(logits, oneHot(2, 10, 1), ctx);
        assertThat((double) loss).isCloseTo(Math.log(10), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void binaryCrossEntropyOnLogitsDoesNotOverflow() {
        Matrix logits = Matrix.of(new float[] {500f}, new float[] {-500f});
        Matrix target = Matrix.of(new float[] {0f}, new float[] {0f});
        assertThat(new BinaryCrossEntropy(true).forward(logits, target, ctx)).isEqualTo(250f);
    }
}
