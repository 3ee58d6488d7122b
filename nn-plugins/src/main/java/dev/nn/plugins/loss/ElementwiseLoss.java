package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;

/**
 * A loss that is the mean over all elements of a function of the difference {@code d = y - t}, as
 * PyTorch's losses with {@code reduction='mean'}: {@code sum(f(d)) / (rows * cols)}, and gradient
 * {@code f'(d) / (rows * cols)}. Subclasses give {@code f} and {@code f'}.
 */
abstract class ElementwiseLoss implements Loss {
    private final String name;

    ElementwiseLoss(String name) {
        this.name = name;
    }

    /** {@return f(d)} */
    abstract double value(double d);

    /** {@return f'(d)} */
    abstract double slope(double d);

    @Override
    public final float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, name);
        float[] y = output.data();
        float[] t = target.data();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += value((double) y[i] - t[i]);
        }
        return (float) (sum / y.length);
    }

    @Override
    public final Matrix backward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, name);
        Matrix g = ctx.buffer(this, "gradient", output.rows(), output.cols());
        float[] y = output.data();
        float[] t = target.data();
        float[] out = g.data();
        double n = y.length;
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (slope((double) y[i] - t[i]) / n);
        }
        return g;
    }
}
