package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;

/** Mean squared error over all elements: {@code sum((y - t)²) / (rows * cols)}. */
public final class Mse implements Loss {

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "mse");
        return (float) (Quadratic.sumOfSquares(output, target) / output.size());
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        return Quadratic.scaledDifference(this, output, target, 2f / output.size(), ctx);
    }

    /** The {@code mse} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "mse";
        }

        @Override
        public String description() {
            return "mean squared error over all outputs";
        }

        @Override
        public Loss create(Options options) {
            return new Mse();
        }
    }
}
