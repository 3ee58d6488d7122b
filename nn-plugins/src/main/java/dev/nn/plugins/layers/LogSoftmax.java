package dev.nn.plugins.layers;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import dev.nn.api.Parameter;
import java.util.List;
import java.util.Map;

/**
 * The logarithm of the softmax over each row, as {@code torch.log_softmax}: {@code x - max -
 * log(sum(exp(x - max)))}, which neither overflows nor loses the small probabilities to rounding.
 * Backward: {@code dx = g - softmax(x) * sum(g)} per row. It makes the log-probabilities that the
 * {@code kl_div} loss takes.
 */
public final class LogSoftmax implements Layer, OnnxExportable {
    private final int size;
    private Matrix output;

    /**
     * A log-softmax over {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public LogSoftmax(int size) {
        this.size = size;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    /** Log-probabilities: never above 0. */
    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.between(Double.NEGATIVE_INFINITY, 0);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        float[] in = x.data();
        float[] out = y.data();
        for (int r = 0; r < x.rows(); r++) {
            int off = r * size;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < size; c++) {
                max = Math.max(max, in[off + c]);
            }
            double sum = 0;
            for (int c = 0; c < size; c++) {
                sum += Math.exp((double) in[off + c] - max);
            }
            double logSum = Math.log(sum);
            for (int c = 0; c < size; c++) {
                out[off + c] = (float) ((double) in[off + c] - max - logSum);
            }
        }
        if (ctx.training()) {
            output = y;
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        float[] y = output.data();
        float[] gd = g.data();
        float[] out = dx.data();
        for (int r = 0; r < g.rows(); r++) {
            int off = r * size;
            double sum = 0;
            for (int c = 0; c < size; c++) {
                sum += gd[off + c];
            }
            for (int c = 0; c < size; c++) {
                out[off + c] = (float) (gd[off + c] - Math.exp(y[off + c]) * sum);
            }
        }
        return dx;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("LogSoftmax", Map.of("axis", -1), input);
    }

    /** The {@code log_softmax} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "log_softmax";
        }

        @Override
        public String description() {
            return "logarithm of the softmax over each example's values (log-probabilities, for kl_div)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            if (inputSize == 1) {
                throw new IllegalArgumentException(
                        "log_softmax over 1 unit always outputs 0, so nothing before it can learn;"
                                + " give the layer before it one unit per class");
            }
            return new LogSoftmax(inputSize);
        }
    }
}
