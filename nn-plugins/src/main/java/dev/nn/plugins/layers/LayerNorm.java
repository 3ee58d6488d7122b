package dev.nn.plugins.layers;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import dev.nn.api.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Layer normalisation, as PyTorch's {@code LayerNorm} over the last dimension: each example is
 * normalised with the mean and biased variance of its own features, then scaled by {@code gamma}
 * and shifted by {@code beta} per feature when {@code affine}. Training and inference compute the
 * same; nothing depends on the other examples of the batch.
 */
public final class LayerNorm implements Layer, OnnxExportable {
    private final int size;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;
    // Training only: the last batch's normalised input and each row's 1 / sqrt(var + eps).
    private Matrix normalised;
    private Matrix inverseStd;

    /**
     * Layer normalisation of {@code size} features.
     *
     * @param size   the number of inputs (and outputs)
     * @param eps    added to the variance before its square root, above 0
     * @param affine whether to learn a scale ({@code gamma}, from 1) and shift ({@code beta}, from 0)
     */
    public LayerNorm(int size, double eps, boolean affine) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer_norm needs eps above 0, got " + eps);
        }
        this.size = size;
        this.eps = (float) eps;
        this.gamma = affine ? new Parameter("gamma", BatchNorm.filled(size, 1f)) : null;
        this.beta = affine ? new Parameter("beta", new Matrix(1, size)) : null;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.ANY;
    }

    @Override
    public List<Parameter> parameters() {
        return gamma == null ? List.of() : List.of(gamma, beta);
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        int rows = x.rows();
        Matrix y = ctx.buffer(this, "output", rows, size);
        Matrix xh = ctx.buffer(this, "normalised", rows, size);
        Matrix inv = ctx.buffer(this, "inverseStd", rows, 1);
        float[] in = x.data();
        float[] norm = xh.data();
        float[] out = y.data();
        float[] g = gamma == null ? null : gamma.value().data();
        float[] b = gamma == null ? null : beta.value().data();
        for (int r = 0; r < rows; r++) {
            int off = r * size;
            double sum = 0;
            for (int c = 0; c < size; c++) {
                sum += in[off + c];
            }
            float mean = (float) (sum / size);
            double squares = 0;
            for (int c = 0; c < size; c++) {
                double d = in[off + c] - mean;
                squares += d * d;
            }
            float scale = (float) (1 / Math.sqrt(squares / size + eps));
            inv.data()[r] = scale;
            for (int c = 0; c < size; c++) {
                float v = (in[off + c] - mean) * scale;
                norm[off + c] = v;
                out[off + c] = g == null ? v : v * g[c] + b[c];
            }
        }
        if (ctx.training()) {
            normalised = xh;
            inverseStd = inv;
        }
        return y;
    }

    /**
     * Per example, with {@code x̂} its normalised input and {@code h = g gamma}:
     * {@code dx = (h - mean(h) - x̂ mean(h x̂)) / σ}; {@code dgamma += Σ g x̂} and
     * {@code dbeta += Σ g} over the batch.
     */
    @Override
    public Matrix backward(Matrix g, Context ctx) {
        int rows = g.rows();
        float[] gd = g.data();
        float[] xh = normalised.data();
        float[] inv = inverseStd.data();
        Matrix dx = ctx.buffer(this, "gradInput", rows, size);
        float[] out = dx.data();
        float[] w = gamma == null ? null : gamma.value().data();
        for (int r = 0; r < rows; r++) {
            int off = r * size;
            double sum = 0;
            double sumX = 0;
            for (int c = 0; c < size; c++) {
                double h = w == null ? gd[off + c] : (double) gd[off + c] * w[c];
                sum += h;
                sumX += h * xh[off + c];
            }
            float mean = (float) (sum / size);
            float meanX = (float) (sumX / size);
            for (int c = 0; c < size; c++) {
                float h = w == null ? gd[off + c] : gd[off + c] * w[c];
                out[off + c] = inv[r] * (h - mean - xh[off + c] * meanX);
            }
        }
        if (gamma != null) {
            float[] dg = gamma.grad().data();
            float[] db = beta.grad().data();
            for (int r = 0; r < rows; r++) {
                for (int c = 0, off = r * size; c < size; c++) {
                    dg[c] += gd[off + c] * xh[off + c];
                    db[c] += gd[off + c];
                }
            }
        }
        return dx;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // Written out: LayerNormalization is in opset 17 only. Biased variance over each example's features.
        Map<String, ?> lastAxis = Map.of("axes", new long[] {-1}, "keepdims", 1);
        String centred = graph.node("Sub", input, graph.node("ReduceMean", lastAxis, input));
        String variance = graph.node("ReduceMean", lastAxis, graph.node("Mul", centred, centred));
        String std = graph.node("Sqrt", graph.node("Add", variance, graph.scalar("eps", eps)));
        String normalised = graph.node("Div", centred, std);
        if (gamma == null) {
            return normalised;
        }
        String scaled = graph.node(
                "Mul", normalised, graph.constant("gamma", gamma.value().data(), size));
        return graph.node("Add", scaled, graph.constant("beta", beta.value().data(), size));
    }

    /** The {@code layer_norm} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "layer_norm";
        }

        @Override
        public String description() {
            return "layer normalisation: each example normalised over its own features";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("eps", "added to the variance before its square root")
                            .defaultValue(1e-5)
                            .above(0),
                    OptionSpec.bool("affine", "learn a scale (gamma) and shift (beta) per feature")
                            .defaultValue(true));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new LayerNorm(inputSize, options.number("eps"), options.bool("affine"));
        }
    }
}
