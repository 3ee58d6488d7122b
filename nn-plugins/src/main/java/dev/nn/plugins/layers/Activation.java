package dev.nn.plugins.layers;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Engine.RangeBody;
import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * An elementwise activation. Backward gets the forward pass's input and output, so a derivative is
 * written in whichever is cheaper (tanh's from its output, GELU's from its input). Subclasses write
 * the two loops; large batches are split over the engine's threads.
 */
public abstract class Activation implements Layer {
    /** Below this many elements the loop runs on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;

    private final int size;
    private Matrix input;
    private Matrix output;
    // Arrays of the current call, read by the two loop bodies, which are made once so a call allocates nothing.
    private float[] in;
    private float[] out;
    private float[] grad;
    private float[] saved;
    private Engine engine;
    private final RangeBody forwardRange = (from, to) -> apply(engine, in, out, from, to);
    private final RangeBody backwardRange = (from, to) -> derivative(engine, saved, in, grad, out, from, to);

    /**
     * An activation of {@code size} inputs and as many outputs.
     *
     * @param size the number of inputs
     */
    protected Activation(int size) {
        this.size = size;
    }

    /**
     * {@code y[i] = f(x[i])} for {@code i} in {@code [from, to)}.
     *
     * @param engine the engine computing the pass, for its elementwise kernels (such as {@link Engine#gelu})
     * @param x    the inputs
     * @param y    the outputs, written
     * @param from the first index
     * @param to   one past the last index
     */
    protected abstract void apply(Engine engine, float[] x, float[] y, int from, int to);

    /**
     * {@code dx[i] = g[i] * f'(x[i])}, with {@code f'} written in terms of the input {@code x[i]} or
     * the output {@code y[i]}, whichever is cheaper.
     *
     * @param engine the engine computing the pass, for its elementwise kernels (such as {@link Engine#geluBackward})
     * @param x    the inputs of the forward pass
     * @param y    the outputs of the forward pass
     * @param g    the incoming gradient
     * @param dx   the gradient with respect to the inputs, written
     * @param from the first index
     * @param to   one past the last index
     */
    protected abstract void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to);

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
        if (x.size() < PARALLEL_THRESHOLD) {
            apply(ctx.engine(), x.data(), y.data(), 0, x.size());
        } else if (!ctx.training()) {
            // Inference may run on several threads at once: a loop body of its own, no shared fields.
            float[] xs = x.data();
            float[] ys = y.data();
            Engine e = ctx.engine();
            e.parallelFor(x.size(), (from, to) -> apply(e, xs, ys, from, to));
        } else {
            engine = ctx.engine();
            in = x.data();
            out = y.data();
            engine.parallelFor(x.size(), forwardRange);
        }
        if (ctx.training()) {
            // The input stays valid until this layer's backward (the Layer contract), so keeping it is enough.
            input = x;
            output = y;
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        if (g.size() < PARALLEL_THRESHOLD) {
            derivative(ctx.engine(), input.data(), output.data(), g.data(), dx.data(), 0, g.size());
        } else {
            engine = ctx.engine();
            saved = input.data();
            in = output.data();
            grad = g.data();
            out = dx.data();
            engine.parallelFor(g.size(), backwardRange);
        }
        return dx;
    }
}
