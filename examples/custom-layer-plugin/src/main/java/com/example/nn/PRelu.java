package com.example.nn;

import dev.nn.api.Context;
import dev.nn.api.Engine.RangeBody;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * Parametric ReLU: {@code y = x} where {@code x > 0}, else {@code y = a[j] * x} with a trainable
 * slope {@code a[j]} for each feature {@code j}.
 *
 * <p>Large batches are split over the engine's threads by feature (column): each thread sums the
 * slope gradient of its own features over all rows, in row order, so the result is the same bit
 * for bit whatever the thread count. Splitting by rows would make threads add partial sums of one
 * slope in an order that depends on the split.
 */
public final class PRelu implements Layer, OnnxExportable {
    /** Below this many values a batch runs on the calling thread: splitting would cost more than it saves. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;

    private final int size;
    private final Parameter slope;
    private final List<Parameter> parameters;
    // The current training batch, read by the loop bodies; the bodies are made once so a batch allocates nothing.
    private Matrix input;
    private Matrix output;
    private Matrix gradOutput;
    private Matrix gradInput;
    private final RangeBody forwardColumns = this::forwardColumns;
    private final RangeBody backwardColumns = this::backwardColumns;

    PRelu(int size, float initialSlope) {
        this.size = size;
        float[] a = new float[size];
        Arrays.fill(a, initialSlope);
        this.slope = new Parameter("slope", Matrix.wrap(1, size, a));
        this.parameters = List.of(slope);
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
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        if (!ctx.training()) {
            // Inference may run on several threads at once (a loaded model serving predictions): it
            // writes no field, and a large batch gets a loop body of its own.
            float[] xs = x.data();
            float[] ys = y.data();
            int rows = x.rows();
            run(x.size(), (from, to) -> forward(xs, ys, rows, from, to), ctx);
            return y;
        }
        // The input stays valid until this layer's backward: nothing runs the layer before us in between.
        input = x;
        output = y;
        run(x.size(), forwardColumns, ctx);
        return output;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        gradOutput = g;
        gradInput = ctx.buffer(this, "gradInput", g.rows(), size);
        run(g.size(), backwardColumns, ctx);
        return gradInput;
    }

    private void run(int values, RangeBody columns, Context ctx) {
        if (values < PARALLEL_THRESHOLD) {
            columns.run(0, size);
        } else {
            ctx.engine().parallelFor(size, columns);
        }
    }

    private void forwardColumns(int from, int to) {
        forward(input.data(), output.data(), input.rows(), from, to);
    }

    /** Columns {@code [from, to)} of y = prelu(x), for {@code rows} rows. */
    private void forward(float[] x, float[] y, int rows, int from, int to) {
        float[] a = slope.value().data();
        for (int r = 0, base = 0; r < rows; r++, base += size) {
            for (int j = from; j < to; j++) {
                float v = x[base + j];
                y[base + j] = v > 0 ? v : a[j] * v;
            }
        }
    }

    private void backwardColumns(int from, int to) {
        float[] x = input.data();
        float[] g = gradOutput.data();
        float[] dx = gradInput.data();
        float[] a = slope.value().data();
        float[] da = slope.grad().data();
        for (int j = from; j < to; j++) {
            float sum = 0;
            for (int i = j; i < x.length; i += size) {
                if (x[i] > 0) {
                    dx[i] = g[i];
                } else {
                    dx[i] = a[j] * g[i];
                    sum += g[i] * x[i];
                }
            }
            da[j] += sum; // backward adds into the gradient; the trainer zeroes it between batches
        }
    }

    /**
     * The ONNX form, for {@code nn export} (SPI 1.5): ONNX's own PRelu operator, with the learnt slopes as a
     * constant of one value per feature (broadcast over the batch).
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("PRelu", input, graph.constant("slope", slope.value().data(), size));
    }

    /** The {@code prelu} provider. In YAML: {@code - prelu} or {@code - prelu: {init: 0.1}}. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "prelu";
        }

        @Override
        public String description() {
            return "parametric ReLU: x if x > 0 else a * x, with a trainable slope a per feature";
        }

        @Override
        public List<OptionSpec> options() {
            // Declared options are checked by nn before create() runs: type, range, unknown keys.
            return List.of(OptionSpec.number("init", "the slope every feature starts with").defaultValue(0.25)
                    .atLeast(-1).atMost(1));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new PRelu(inputSize, options.floatValue("init"));
        }
    }
}
