package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;

/**
 * The logistic function {@code 1 / (1 + e^-x)}, by the engine's {@link Engine#sigmoid} kernel
 * (float32, vectorised by the vector engine); derivative {@code y (1 - y)}.
 */
public final class Sigmoid extends Activation implements OnnxExportable {

    /**
     * A sigmoid of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Sigmoid(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        engine.sigmoid(x, y, from, to);
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = g[i] * y[i] * (1 - y[i]);
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.PROBABILITIES;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Sigmoid", input);
    }

    /** The {@code sigmoid} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "sigmoid";
        }

        @Override
        public String description() {
            return "logistic sigmoid activation, 1 / (1 + e^-x)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Sigmoid(inputSize);
        }
    }
}
