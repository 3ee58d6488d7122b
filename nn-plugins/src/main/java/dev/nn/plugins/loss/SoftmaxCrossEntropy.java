package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.TrainedOutputs;
import dev.nn.plugins.layers.Softmax;
import java.util.Arrays;

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
        // The softmax is kept with a copy of the logits it came from, so that backward and
        // toPrediction on the same logits (a training step, its accuracy) need no second exp.
        float[] p = ctx == null ? null : kept(ctx, rows, cols).data();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, z[off + c]);
            }
            double sum = 0;
            double floatSum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(z[off + c] - max);
                sum += e;
                if (p != null) {
                    // As Softmax.softmaxRows computes it, to the bit.
                    float rounded = (float) e;
                    p[off + c] = rounded;
                    floatSum += rounded;
                }
            }
            if (p != null) {
                float inv = (float) (1 / floatSum);
                for (int c = 0; c < cols; c++) {
                    p[off + c] *= inv;
                }
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < cols; c++) {
                if (t[off + c] != 0f) {
                    total -= t[off + c] * (z[off + c] - logSum);
                }
            }
        }
        if (p != null) {
            int n = rows * cols;
            System.arraycopy(z, 0, p, n, n);
            p[2 * n] = 1f;
        }
        return (float) (total / rows);
    }

    /**
     * The buffer forward keeps: the softmax in its first {@code rows} rows, the logits it came from
     * in the next {@code rows}, then a row whose first element is 1 once forward has filled it. One
     * buffer, so the three can never come from different calls.
     */
    private Matrix kept(Context ctx, int rows, int cols) {
        return ctx.buffer(this, "softmax", 2 * rows + 1, cols);
    }

    /** The softmax forward kept if {@code logits} holds exactly the logits it came from, else null. */
    private float[] keptSoftmax(Matrix logits, Context ctx) {
        if (ctx == null) {
            return null;
        }
        float[] k = kept(ctx, logits.rows(), logits.cols()).data();
        int n = logits.rows() * logits.cols();
        boolean same = k[2 * n] == 1f && Arrays.equals(logits.data(), 0, n, k, n, 2 * n);
        return same ? k : null;
    }

    @Override
    public Matrix backward(Matrix logits, Matrix target, Context ctx) {
        logits.requireSameShape(target, "softmax_cross_entropy");
        Matrix g = ctx.buffer(this, "gradient", logits.rows(), logits.cols());
        float[] out = g.data();
        float[] kept = keptSoftmax(logits, ctx);
        if (kept != null) {
            System.arraycopy(kept, 0, out, 0, out.length);
        } else {
            Softmax.softmaxRows(logits.data(), out, logits.rows(), logits.cols());
        }
        float[] t = target.data();
        float scale = 1f / logits.rows();
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] - t[i]) * scale;
        }
        return g;
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        float[] kept = keptSoftmax(output, ctx);
        if (kept != null) {
            System.arraycopy(kept, 0, output.data(), 0, output.rows() * output.cols());
        } else {
            Softmax.softmaxRows(output.data(), output.data(), output.rows(), output.cols());
        }
    }

    /**
     * Refuses a softmax as the last layer (the loss applies one itself: two in a row barely learn)
     * and a single output, whose softmax is always 1: the loss is 0 whatever the weights.
     */
    @Override
    public String cannotTrain(TrainedOutputs outputs) {
        if (outputs.range().rowsSumToOne()) {
            return "softmax_cross_entropy applies the softmax itself, but the last layer already is a softmax: remove"
                    + " that softmax layer (or activation: softmax) so that the loss gets the logits";
        }
        if (outputs.width() == 1) {
            return outputs.classes() > 0
                    ? "softmax_cross_entropy needs one output per class (" + outputs.classes()
                            + "); the last layer has 1:"
                            + " use dense: {units: " + outputs.classes() + "}"
                            + (outputs.classes() == 2 ? ", or binary_cross_entropy with 1 output" : "")
                    : "softmax_cross_entropy needs one output per class, and the softmax of 1 output is always 1: for"
                            + " values to predict use mse";
        }
        return null;
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
