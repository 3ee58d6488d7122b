package dev.nn.plugins.layers;

import dev.nn.api.Engine;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import java.util.Map;

/**
 * The hard sigmoid, as PyTorch's {@code torch.nn.Hardsigmoid}: {@code clamp(x/6 + 1/2, 0, 1)},
 * computed in float32 as PyTorch does ({@code min(max(x + 3, 0), 6) / 6}); derivative 1/6 strictly
 * between -3 and 3, 0 elsewhere.
 */
public final class HardSigmoid extends Activation implements OnnxExportable {
    private static final float ONE_SIXTH = 1f / 6f;

    /**
     * A hard sigmoid of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public HardSigmoid(int size) {
        super(size);
    }

    @Override
    protected void apply(Engine engine, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.min(Math.max(x[i] + 3f, 0f), 6f) / 6f;
        }
    }

    @Override
    protected void derivative(Engine engine, float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > -3f && x[i] < 3f ? g[i] * ONE_SIXTH : 0f;
        }
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(0, 1);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // nn's (and PyTorch's) clamp(x / 6 + 1 / 2, 0, 1), not ONNX's default alpha of 0.2.
        return graph.node("HardSigmoid", Map.of("alpha", 1f / 6f, "beta", 0.5f), input);
    }

    /** The {@code hard_sigmoid} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "hard_sigmoid";
        }

        @Override
        public String description() {
            return "piecewise-linear sigmoid clamp(x/6 + 1/2, 0, 1) (as PyTorch's Hardsigmoid)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new HardSigmoid(inputSize);
        }
    }
}
