package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;

/** The hyperbolic tangent; derivative {@code 1 - y²}. */
public final class Tanh extends Activation implements OnnxExportable {

    /**
     * A tanh of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Tanh(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = g[i] * (1 - y[i] * y[i]);
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(-1, 1);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Tanh", input);
    }

    /** The {@code tanh} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "tanh";
        }

        @Override
        public String description() {
            return "hyperbolic tangent activation";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Tanh(inputSize);
        }
    }
}
