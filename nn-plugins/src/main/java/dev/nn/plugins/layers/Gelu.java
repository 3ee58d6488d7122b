package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * GELU, as PyTorch's {@code torch.nn.GELU}: {@code x Φ(x)} with Φ the standard normal distribution
 * function, {@code 0.5 x (1 + erf(x / √2))}; or, with {@code approximate: tanh},
 * {@code 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))}. The exact form is the engine's
 * {@link Engine#gelu} kernel (float32, vectorised by the vector engine, within 1e-6 relative of the
 * exact function); the tanh form is a plain loop in double.
 */
public final class Gelu extends Activation {
    private static final double K = Math.sqrt(2 / Math.PI);
    private static final double C = 0.044715;
    private final boolean tanh;

    /**
     * A GELU of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     * @param tanh whether to use the tanh approximation instead of erf
     */
    public Gelu(int size, boolean tanh) {
        super(size);
        this.tanh = tanh;
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        if (!tanh) {
            engine.gelu(x, y, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            double v = x[i];
            y[i] = (float) (0.5 * v * (1 + Math.tanh(K * (v + C * v * v * v))));
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        if (!tanh) {
            // Φ(x) comes from the forward pass's y = x Φ(x), saving a second exp.
            engine.geluBackward(x, y, g, dx, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = Math.tanh(K * (v + C * v * v * v));
            double d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K * (1 + 3 * C * v * v);
            dx[i] = (float) (g[i] * d);
        }
    }

    /** The {@code gelu} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "gelu";
        }

        @Override
        public String description() {
            return "Gaussian error linear unit x*Phi(x), exact or with the tanh approximation (as PyTorch's GELU)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.string("approximate", "none: with erf; tanh: the tanh approximation")
                    .defaultValue("none")
                    .choices("none", "tanh"));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Gelu(inputSize, options.string("approximate").equals("tanh"));
        }
    }
}
