package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;

/** ReLU6, as PyTorch's {@code torch.nn.ReLU6}: {@code min(max(0, x), 6)}; derivative 1 strictly between 0 and 6. */
public final class Relu6 extends Activation implements OnnxExportable {

    /**
     * A ReLU6 of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Relu6(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.min(Math.max(x[i], 0f), 6f);
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            // PyTorch's hardtanh backward: no gradient at either end of the range.
            dx[i] = x[i] > 0f && x[i] < 6f ? g[i] : 0f;
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(0, 6);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Clip", input, graph.scalar("zero", 0f), graph.scalar("six", 6f));
    }

    /** The {@code relu6} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "relu6";
        }

        @Override
        public String description() {
            return "ReLU capped at 6: min(max(0, x), 6) (as PyTorch's ReLU6)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Relu6(inputSize);
        }
    }
}
