package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;

/**
 * Nielsen's quadratic cost: half the squared distance of each example's output from its target,
 * averaged over the batch, {@code sum((y - t)²) / (2 * rows)}.
 */
public final class Quadratic implements Loss {

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "quadratic");
        return (float) (sumOfSquares(output, target) / (2.0 * output.rows()));
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        return scaledDifference(this, output, target, 1f / output.rows(), ctx);
    }

    static double sumOfSquares(Matrix output, Matrix target) {
        float[] y = output.data();
        float[] t = target.data();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - t[i];
            sum += d * d;
        }
        return sum;
    }

    /** {@code factor * (y - t)} into the owner's gradient buffer. */
    static Matrix scaledDifference(Object owner, Matrix output, Matrix target, float factor, Context ctx) {
        output.requireSameShape(target, "loss");
        Matrix g = ctx.buffer(owner, "gradient", output.rows(), output.cols());
        float[] y = output.data();
        float[] t = target.data();
        float[] out = g.data();
        for (int i = 0; i < y.length; i++) {
            out[i] = factor * (y[i] - t[i]);
        }
        return g;
    }

    /** The {@code quadratic} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "quadratic";
        }

        @Override
        public String description() {
            return "half the summed squared error per example, averaged over the batch (Nielsen's cost)";
        }

        @Override
        public Loss create(Options options) {
            return new Quadratic();
        }
    }
}
