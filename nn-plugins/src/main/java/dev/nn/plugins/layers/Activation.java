package dev.nn.plugins.layers;

import dev.nn.api.Context;
import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * An elementwise activation whose derivative can be computed from its output, which is all
 * backward keeps. Subclasses write the two loops; large batches are split over the engine's threads.
 */
public abstract class Activation implements Layer {
    /** Below this many elements the loop runs on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;

    private final int size;
    private Matrix output;

    protected Activation(int size) {
        this.size = size;
    }

    /** {@code y[i] = f(x[i])} for {@code i} in {@code [from, to)}. */
    protected abstract void apply(float[] x, float[] y, int from, int to);

    /** {@code dx[i] = g[i] * f'(x[i])}, with {@code f'} written in terms of the output {@code y[i]}. */
    protected abstract void derivative(float[] y, float[] g, float[] dx, int from, int to);

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        float[] in = x.data();
        float[] out = y.data();
        if (in.length < PARALLEL_THRESHOLD) {
            apply(in, out, 0, in.length);
        } else {
            ctx.engine().parallelFor(in.length, (from, to) -> apply(in, out, from, to));
        }
        output = y;
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        float[] y = output.data();
        float[] gd = g.data();
        float[] out = dx.data();
        if (gd.length < PARALLEL_THRESHOLD) {
            derivative(y, gd, out, 0, gd.length);
        } else {
            ctx.engine().parallelFor(gd.length, (from, to) -> derivative(y, gd, out, from, to));
        }
        return dx;
    }
}
