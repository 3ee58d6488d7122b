package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;

/** SiLU, as PyTorch's {@code torch.nn.SiLU}: {@code x σ(x)}; derivative {@code σ(x) (1 + x (1 - σ(x)))}. */
public final class Silu extends Activation implements OnnxExportable {

    /**
     * A SiLU of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Silu(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            y[i] = (float) (v / (1 + Math.exp(-v)));
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double s = 1 / (1 + Math.exp(-v));
            dx[i] = (float) (g[i] * s * (1 + v * (1 - s)));
        }
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Mul", input, graph.node("Sigmoid", input));
    }

    /** The {@code silu} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "silu";
        }

        @Override
        public String description() {
            return "sigmoid linear unit x*sigmoid(x) (as PyTorch's SiLU)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Silu(inputSize);
        }
    }
}
