package dev.nn.testkit;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;

/**
 * The test kit's own loss, so a one-layer network can train where nn-plugins is not on the class
 * path: half the squared error summed over the outputs, averaged over the batch.
 */
final class KitLoss implements Loss {

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        float[] y = output.data();
        float[] t = target.data();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = (double) y[i] - t[i];
            sum += d * d;
        }
        return (float) (sum / (2.0 * output.rows()));
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        Matrix grad = ctx.buffer(this, "grad", output.rows(), output.cols());
        float[] y = output.data();
        float[] t = target.data();
        float[] g = grad.data();
        float scale = 1f / output.rows();
        for (int i = 0; i < y.length; i++) {
            g[i] = (y[i] - t[i]) * scale;
        }
        return grad;
    }

    /** Registered as {@value TestRegistry#LOSS}. */
    static final class Provider implements LossProvider {
        @Override
        public String name() {
            return TestRegistry.LOSS;
        }

        @Override
        public String description() {
            return "the test kit's squared error: 1/2 sum over outputs, mean over the batch";
        }

        @Override
        public Loss create(Options options) {
            return new KitLoss();
        }
    }
}
