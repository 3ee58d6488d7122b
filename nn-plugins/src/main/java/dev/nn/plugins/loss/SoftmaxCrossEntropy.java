package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.plugins.layers.Softmax;

/**
 * Softmax and cross-entropy fused, on logits: {@code -sum(t * log softmax(z))} averaged over the
 * batch, computed with log-sum-exp so large logits neither overflow nor lose precision. Its
 * gradient is simply {@code (softmax(z) - t) / rows}. Targets may be one-hot or any distribution.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public float forward(Matrix logits, Matrix target, Context ctx) {
        logits.requireSameShape(target, "softmax_cross_entropy");
        int rows = logits.rows();
        int cols = logits.cols();
        float[] z = logits.data();
        float[] t = target.data();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z[off + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(z[off + c] - max);
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                if (t[off + c] != 0f) {
                    total -= t[off + c] * (z[off + c] - logSum);
                }
            }
        }
        return (float) (total / rows);
    }

    @Override
    public Matrix backward(Matrix logits, Matrix target, Context ctx) {
        logits.requireSameShape(target, "softmax_cross_entropy");
        Matrix g = ctx.buffer(this, "gradient", logits.rows(), logits.cols());
        float[] out = g.data();
        Softmax.softmaxRows(logits.data(), out, logits.rows(), logits.cols());
        float[] t = target.data();
        float scale = 1f / logits.rows();
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] - t[i]) * scale;
        }
        return g;
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        Softmax.softmaxRows(output.data(), output.data(), output.rows(), output.cols());
    }

    /** The {@code softmax_cross_entropy} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "softmax_cross_entropy";
        }

        @Override
        public String description() {
            return "softmax and cross-entropy fused; the last layer outputs logits (no softmax layer)";
        }

        @Override
        public Loss create(Options options) {
            return new SoftmaxCrossEntropy();
        }
    }
}
