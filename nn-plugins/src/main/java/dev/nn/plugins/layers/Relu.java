package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;

/** The rectified linear unit {@code max(0, x)}. */
public final class Relu extends Activation implements OnnxExportable {

    /**
     * A ReLU of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Relu(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = y[i] > 0f ? g[i] : 0f;
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(0, Double.POSITIVE_INFINITY);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Relu", input);
    }

    /** The {@code relu} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "relu";
        }

        @Override
        public String description() {
            return "rectified linear unit, max(0, x)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Relu(inputSize);
        }
    }
}
