package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import java.util.Map;

/**
 * ELU, as PyTorch's {@code torch.nn.ELU}: {@code x} above 0, {@code α (eˣ - 1)} otherwise; and SELU
 * ({@code torch.nn.SELU}), the same scaled by λ with PyTorch's fixed α and λ.
 */
public final class Elu extends Activation implements OnnxExportable {
    /** SELU's α, as PyTorch writes it. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's λ, as PyTorch writes it. */
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private final double alpha;
    private final double scale;

    /**
     * An ELU of {@code size} inputs: {@code scale · (x > 0 ? x : alpha (eˣ - 1))}.
     *
     * @param size  the number of inputs (and outputs)
     * @param alpha the value the output tends to below 0 is {@code -alpha · scale}
     * @param scale 1 for ELU, λ for SELU
     */
    public Elu(int size, double alpha, double scale) {
        super(size);
        this.alpha = alpha;
        this.scale = scale;
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            y[i] = (float) (scale * (v > 0 ? v : alpha * Math.expm1(v)));
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            dx[i] = (float) (g[i] * scale * (v > 0 ? 1 : alpha * Math.exp(v)));
        }
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // Selu is scale * elu(x; alpha) for any alpha and scale; Elu is the case scale 1.
        if (scale == 1) {
            return graph.node("Elu", Map.of("alpha", alpha), input);
        }
        return graph.node("Selu", Map.of("alpha", alpha, "gamma", scale), input);
    }

    /** The {@code elu} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "elu";
        }

        @Override
        public String description() {
            return "exponential linear unit: x above 0, alpha*(exp(x) - 1) below (as PyTorch's ELU)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("alpha", "the output's limit below 0 is -alpha")
                    .defaultValue(1.0));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Elu(inputSize, options.number("alpha"), 1);
        }
    }

    /** The {@code selu} provider. */
    public static final class SeluProvider implements LayerProvider {
        @Override
        public String name() {
            return "selu";
        }

        @Override
        public String description() {
            return "scaled ELU with PyTorch's fixed alpha 1.6733 and scale 1.0507 (as PyTorch's SELU)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Elu(inputSize, SELU_ALPHA, SELU_SCALE);
        }
    }
}
