package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import java.util.List;
import java.util.Map;

/** Leaky ReLU: {@code x} for positive inputs, {@code slope * x} otherwise. */
public final class LeakyRelu extends Activation implements OnnxExportable {

    private final float slope;

    /**
     * A leaky ReLU of {@code size} inputs.
     *
     * @param size  the number of inputs (and outputs)
     * @param slope the slope below 0
     */
    public LeakyRelu(int size, double slope) {
        super(size);
        if (!(slope >= 0)) {
            throw new IllegalArgumentException("leaky_relu slope must be >= 0, got " + slope);
        }
        this.slope = (float) slope;
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = y[i] > 0f ? g[i] : slope * g[i];
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.ANY;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("LeakyRelu", Map.of("alpha", slope), input);
    }

    /** The {@code leaky_relu} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "leaky_relu";
        }

        @Override
        public String description() {
            return "leaky rectified linear unit, x if x > 0 else slope * x";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("slope", "gradient for negative inputs")
                    .defaultValue(0.01)
                    .atLeast(0));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new LeakyRelu(inputSize, options.number("slope"));
        }
    }
}
