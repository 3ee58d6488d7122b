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

/**
 * GELU, as PyTorch's {@code torch.nn.GELU}: {@code x Φ(x)} with Φ the standard normal distribution
 * function, {@code 0.5 x (1 + erf(x / √2))}; or, with {@code approximate: tanh},
 * {@code 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))}. Both are the engine's kernels
 * ({@link Engine#gelu}, {@link Engine#geluTanh}: float32, vectorised by the vector engine; the exact
 * form within 1e-6 relative of the exact function, the tanh form within 2e-6 of its formula in
 * double, 1e-5 in the far left tail).
 */
public final class Gelu extends Activation implements OnnxExportable {
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
        if (tanh) {
            engine.geluTanh(x, y, from, to);
        } else {
            engine.gelu(x, y, from, to);
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        if (tanh) {
            engine.geluTanhBackward(x, g, dx, from, to);
        } else {
            // Φ(x) comes from the forward pass's y = x Φ(x), saving a second exp.
            engine.geluBackward(x, y, g, dx, from, to);
        }
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        if (tanh) {
            // 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))): opset 13 has no Gelu.
            String cube = graph.node("Mul", graph.node("Mul", input, input), input);
            String inner = graph.node("Add", input, graph.node("Mul", cube, graph.scalar("gelu_c", 0.044715f)));
            String u = graph.node("Mul", inner, graph.scalar("gelu_k", (float) Math.sqrt(2 / Math.PI)));
            String onePlus = graph.node("Add", graph.node("Tanh", u), graph.scalar("one", 1f));
            return graph.node("Mul", graph.node("Mul", input, graph.scalar("half", 0.5f)), onePlus);
        }
        // x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)).
        String erf = graph.node("Erf", graph.node("Mul", input, graph.scalar("inv_sqrt2", (float) (1 / Math.sqrt(2)))));
        String onePlus = graph.node("Add", erf, graph.scalar("one", 1f));
        return graph.node("Mul", graph.node("Mul", input, graph.scalar("half", 0.5f)), onePlus);
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
