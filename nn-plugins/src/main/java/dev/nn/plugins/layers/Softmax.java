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
 * Softmax over each row, computed stably (the row maximum is subtracted first).
 * Backward: {@code dx = y * (g - sum(g * y))} per row.
 *
 * <p>For classification, prefer no softmax layer and the {@code softmax_cross_entropy} loss,
 * which takes logits and is both faster and more accurate.
 */
public final class Softmax implements Layer, OnnxExportable {
    private final int size;
    private Matrix output;

    /**
     * A softmax over {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Softmax(int size) {
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

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.DISTRIBUTION;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        softmaxRows(x.data(), y.data(), x.rows(), size);
        if (ctx.training()) {
            output = y;
        }
        return y;
    }

    /**
     * Row-wise softmax of {@code x} into {@code y} (which may be the same array).
     *
     * @param x    the inputs, row-major
     * @param y    the outputs, row-major (may be {@code x})
     * @param rows the number of rows
     * @param cols the number of columns
     */
    public static void softmaxRows(float[] x, float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[off + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(x[off + c] - max);
                y[off + c] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int c = 0; c < cols; c++) {
                y[off + c] *= inv;
            }
        }
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        float[] y = output.data();
        float[] gd = g.data();
        float[] out = dx.data();
        for (int r = 0; r < g.rows(); r++) {
            int off = r * size;
            double dot = 0;
            for (int c = 0; c < size; c++) {
                dot += gd[off + c] * y[off + c];
            }
            for (int c = 0; c < size; c++) {
                out[off + c] = (float) (y[off + c] * (gd[off + c] - dot));
            }
        }
        return dx;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Softmax", Map.of("axis", -1), input);
    }

    /** The {@code softmax} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public String description() {
            return "softmax over each example's values (use softmax_cross_entropy on logits instead where you can)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            if (inputSize == 1) {
                // The softmax of one value is 1 whatever the value: no gradient reaches anything before it.
                throw new IllegalArgumentException(
                        "softmax over 1 unit always outputs 1, so nothing before it can learn;"
                                + " give the layer before it one unit per class, or use sigmoid for a single output");
            }
            return new Softmax(inputSize);
        }
    }
}
