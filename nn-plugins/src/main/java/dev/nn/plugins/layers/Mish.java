package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;

/**
 * Mish, as PyTorch's {@code torch.nn.Mish}: {@code x tanh(softplus(x))}; derivative
 * {@code tanh(sp) + x σ(x) (1 - tanh²(sp))}.
 */
public final class Mish extends Activation implements OnnxExportable {

    /**
     * A Mish of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Mish(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            y[i] = (float) (v * Math.tanh(Math.log1p(Math.exp(v))));
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = Math.tanh(Math.log1p(Math.exp(v)));
            double s = 1 / (1 + Math.exp(-v));
            dx[i] = (float) (g[i] * (t + v * s * (1 - t * t)));
        }
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // x tanh(softplus(x)): Mish itself is in opset 18 only.
        return graph.node("Mul", input, graph.node("Tanh", graph.node("Softplus", input)));
    }

    /** The {@code mish} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "mish";
        }

        @Override
        public String description() {
            return "x*tanh(softplus(x)) (as PyTorch's Mish)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Mish(inputSize);
        }
    }
}
