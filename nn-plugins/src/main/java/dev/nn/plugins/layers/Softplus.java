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

/**
 * Softplus, as PyTorch's {@code torch.nn.Softplus}: {@code log(1 + e^(βx)) / β}, and {@code x}
 * itself where {@code βx} exceeds the threshold; derivative {@code σ(βx)}, or 1 above it.
 */
public final class Softplus extends Activation implements OnnxExportable {
    private final double beta;
    private final double threshold;

    /**
     * A softplus of {@code size} inputs.
     *
     * @param size      the number of inputs (and outputs)
     * @param beta      the sharpness β, above 0
     * @param threshold above this {@code βx} the output is {@code x}
     */
    public Softplus(int size, double beta, double threshold) {
        super(size);
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double bx = beta * x[i];
            y[i] = bx > threshold ? x[i] : (float) (Math.log1p(Math.exp(bx)) / beta);
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            double bx = beta * x[i];
            dx[i] = bx > threshold ? g[i] : (float) (g[i] / (1 + Math.exp(-bx)));
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(0, Double.POSITIVE_INFINITY);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // PyTorch's form: log(1 + exp(beta x)) / beta, and x itself where beta x > threshold.
        String scaled = beta == 1 ? input : graph.node("Mul", input, graph.scalar("beta", (float) beta));
        String soft = graph.node("Softplus", scaled);
        if (beta != 1) {
            soft = graph.node("Div", soft, graph.scalar("beta", (float) beta));
        }
        String linear = graph.node("Greater", scaled, graph.scalar("threshold", (float) threshold));
        return graph.node("Where", linear, input, soft);
    }

    /** The {@code softplus} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "softplus";
        }

        @Override
        public String description() {
            return "smooth ReLU log(1 + exp(beta*x))/beta, linear above the threshold (as PyTorch's Softplus)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("beta", "sharpness").defaultValue(1.0).above(0),
                    OptionSpec.number("threshold", "above this beta*x the output is x")
                            .defaultValue(20.0));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Softplus(inputSize, options.number("beta"), options.number("threshold"));
        }
    }
}
