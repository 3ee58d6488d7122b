package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;

/** Softsign {@code x / (1 + |x|)}; derivative {@code (1 - |y|)²}. */
public final class Softsign extends Activation implements OnnxExportable {

    /**
     * A softsign of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Softsign(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] / (1 + Math.abs(x[i]));
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            float s = 1 - Math.abs(y[i]);
            dx[i] = g[i] * s * s;
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(-1, 1);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Softsign", input);
    }

    /** The {@code softsign} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "softsign";
        }

        @Override
        public String description() {
            return "softsign activation, x / (1 + |x|)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Softsign(inputSize);
        }
    }
}
