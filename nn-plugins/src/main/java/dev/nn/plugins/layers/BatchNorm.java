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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation over the examples of a batch, as PyTorch's {@code BatchNorm1d}: each feature
 * is normalised with the batch's mean and biased variance while training, and with the running
 * mean and variance at inference, then scaled by {@code gamma} and shifted by {@code beta} when
 * {@code affine}.
 *
 * <p>While training, each batch moves the running statistics by {@code momentum} towards its own:
 * {@code running = (1 - momentum) running + momentum batch}, with the unbiased variance (divided by
 * {@code n - 1}); they start at mean 0 and variance 1. They are the layer's {@link #buffers()}, so
 * model files and checkpoints keep them. A training batch needs at least two examples.
 *
 * <p>Sums over the batch are taken in example order, in double precision, so the result is the
 * same for any thread count.
 */
public final class BatchNorm implements Layer, OnnxExportable {
    private final int size;
    private final float momentum;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    // Training only: the last batch's normalised input and per-feature 1 / sqrt(var + eps).
    private final float[] inverseStd;
    private final double[] sums;
    private final double[] moreSums;
    private Matrix normalised;

    /**
     * Batch normalisation of {@code size} features.
     *
     * @param size     the number of inputs (and outputs)
     * @param momentum how far each training batch moves the running statistics, in [0, 1]
     * @param eps      added to the variance before its square root, above 0
     * @param affine   whether to learn a scale ({@code gamma}, from 1) and shift ({@code beta}, from 0)
     */
    public BatchNorm(int size, double momentum, double eps, boolean affine) {
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "batch_norm needs momentum in [0, 1] and eps above 0, got " + momentum + " and " + eps);
        }
        this.size = size;
        this.momentum = (float) momentum;
        this.eps = (float) eps;
        this.gamma = affine ? new Parameter("gamma", filled(size, 1f)) : null;
        this.beta = affine ? new Parameter("beta", new Matrix(1, size)) : null;
        this.runningMean = new Parameter("running_mean", new Matrix(1, size));
        this.runningVar = new Parameter("running_var", filled(size, 1f));
        this.inverseStd = new float[size];
        this.sums = new double[size];
        this.moreSums = new double[size];
    }

    static Matrix filled(int size, float value) {
        Matrix m = new Matrix(1, size);
        Arrays.fill(m.data(), value);
        return m;
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

    /** {@return the running mean, then the running variance} */
    @Override
    public List<Parameter> buffers() {
        return List.of(runningMean, runningVar);
    }

    @Override
    public int minimumTrainingBatch() {
        return 2;
    }

    /** Normalises with the batch's statistics, so trains on whole batches, never in shards. */
    @Override
    public boolean mixesRows() {
        return true;
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        int rows = x.rows();
        Matrix y = ctx.buffer(this, "output", rows, size);
        float[] in = x.data();
        float[] out = y.data();
        if (!ctx.training()) {
            // Per call, in the context's buffers: inference may run on many threads at once.
            float[] scale = ctx.buffer(this, "inverseStd", 1, size).data();
            float[] mean = runningMean.value().data();
            float[] var = runningVar.value().data();
            for (int c = 0; c < size; c++) {
                scale[c] = (float) (1 / Math.sqrt(var[c] + eps));
            }
            normalise(in, out, rows, mean, scale);
            affine(out, out, rows);
            return y;
        }
        if (rows < 2) {
            throw new IllegalArgumentException("batch_norm needs at least 2 examples per training batch, got " + rows);
        }
        Arrays.fill(sums, 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                sums[c] += in[off + c];
            }
        }
        float[] mean = ctx.buffer(this, "mean", 1, size).data();
        for (int c = 0; c < size; c++) {
            mean[c] = (float) (sums[c] / rows);
        }
        Arrays.fill(sums, 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                double d = in[off + c] - mean[c];
                sums[c] += d * d;
            }
        }
        float[] runMean = runningMean.value().data();
        float[] runVar = runningVar.value().data();
        for (int c = 0; c < size; c++) {
            double variance = sums[c] / rows;
            inverseStd[c] = (float) (1 / Math.sqrt(variance + eps));
            runMean[c] = (float) ((1 - (double) momentum) * runMean[c] + momentum * (double) mean[c]);
            runVar[c] = (float) ((1 - (double) momentum) * runVar[c] + momentum * (sums[c] / (rows - 1)));
        }
        normalised = ctx.buffer(this, "normalised", rows, size);
        float[] xh = normalised.data();
        if (gamma == null) {
            normalise(in, xh, rows, mean, inverseStd);
            System.arraycopy(xh, 0, out, 0, rows * size);
            return y;
        }
        // One pass: the normalised input (kept for backward) and the output from it.
        float[] g = gamma.value().data();
        float[] b = beta.value().data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                float v = (in[off + c] - mean[c]) * inverseStd[c];
                xh[off + c] = v;
                out[off + c] = v * g[c] + b[c];
            }
        }
        return y;
    }

    /** {@code out = (in - mean) * scale}, feature by feature. */
    private void normalise(float[] in, float[] out, int rows, float[] mean, float[] scale) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                out[off + c] = (in[off + c] - mean[c]) * scale[c];
            }
        }
    }

    /** {@code out = in * gamma + beta} feature by feature, or a copy without {@code affine}. */
    private void affine(float[] in, float[] out, int rows) {
        if (gamma == null) {
            if (in != out) {
                System.arraycopy(in, 0, out, 0, rows * size);
            }
            return;
        }
        float[] g = gamma.value().data();
        float[] b = beta.value().data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                out[off + c] = in[off + c] * g[c] + b[c];
            }
        }
    }

    /**
     * With {@code x̂} the normalised input: {@code dgamma += Σ g x̂}, {@code dbeta += Σ g} and
     * {@code dx = gamma / (n σ) (n g - Σ g - x̂ Σ g x̂)}, sums over the batch.
     */
    @Override
    public Matrix backward(Matrix g, Context ctx) {
        int rows = g.rows();
        float[] gd = g.data();
        float[] xh = normalised.data();
        Arrays.fill(sums, 0);
        Arrays.fill(moreSums, 0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                sums[c] += gd[off + c];
                moreSums[c] += (double) gd[off + c] * xh[off + c];
            }
        }
        if (gamma != null) {
            float[] dg = gamma.grad().data();
            float[] db = beta.grad().data();
            for (int c = 0; c < size; c++) {
                dg[c] += (float) moreSums[c];
                db[c] += (float) sums[c];
            }
        }
        Matrix dx = ctx.buffer(this, "gradInput", rows, size);
        float[] out = dx.data();
        float[] factor = ctx.buffer(this, "factor", 1, size).data();
        float[] meanGrad = ctx.buffer(this, "meanGrad", 1, size).data();
        float[] meanGradX = ctx.buffer(this, "meanGradX", 1, size).data();
        for (int c = 0; c < size; c++) {
            factor[c] = (gamma == null ? 1f : gamma.value().data()[c]) * inverseStd[c];
            meanGrad[c] = (float) (sums[c] / rows);
            meanGradX[c] = (float) (moreSums[c] / rows);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0, off = r * size; c < size; c++) {
                out[off + c] = factor[c] * (gd[off + c] - meanGrad[c] - xh[off + c] * meanGradX[c]);
            }
        }
        return dx;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // Inference mode: the running statistics; without affine, a scale of 1 and a shift of 0.
        String scale = graph.constant(
                "gamma", gamma == null ? filled(size, 1f).data() : gamma.value().data(), size);
        String shift = graph.constant(
                "beta", beta == null ? new float[size] : beta.value().data(), size);
        String mean = graph.constant("running_mean", runningMean.value().data(), size);
        String var = graph.constant("running_var", runningVar.value().data(), size);
        return graph.node("BatchNormalization", Map.of("epsilon", eps), input, scale, shift, mean, var);
    }

    /** The {@code batch_norm} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "batch_norm";
        }

        @Override
        public String description() {
            return "batch normalisation of each feature (batch statistics while training, running ones at inference)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("momentum", "how far each training batch moves the running statistics")
                            .defaultValue(0.1)
                            .atLeast(0)
                            .atMost(1),
                    OptionSpec.number("eps", "added to the variance before its square root")
                            .defaultValue(1e-5)
                            .above(0),
                    OptionSpec.bool("affine", "learn a scale (gamma) and shift (beta) per feature")
                            .defaultValue(true));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new BatchNorm(inputSize, options.number("momentum"), options.number("eps"), options.bool("affine"));
        }
    }
}
