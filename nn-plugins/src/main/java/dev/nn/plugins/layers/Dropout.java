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

/**
 * Inverted dropout: while training, each value is zeroed with probability {@code rate} and the
 * rest are scaled by {@code 1 / (1 - rate)}, so nothing changes at inference.
 */
public final class Dropout implements Layer, OnnxExportable {
    private final int size;
    private final float rate;
    private Matrix mask;

    /**
     * Dropout over {@code size} units.
     *
     * @param size the number of inputs (and outputs)
     * @param rate the fraction dropped while training, in [0, 1)
     */
    public Dropout(int size, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.size = size;
        this.rate = (float) rate;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    /** At prediction time dropout passes every value through. */
    @Override
    public OutputRange outputRange(OutputRange input) {
        return input;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        if (!ctx.training()) {
            return x;
        }
        if (rate == 0f) {
            mask = null;
            return x;
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        mask = ctx.buffer(this, "mask", x.rows(), size);
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        float[] m = mask.data();
        float[] in = x.data();
        float[] out = y.data();
        var random = ctx.random();
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextFloat() < keep ? scale : 0f;
            out[i] = in[i] * m[i];
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        if (mask == null) {
            return g;
        }
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        float[] m = mask.data();
        float[] gd = g.data();
        float[] out = dx.data();
        for (int i = 0; i < m.length; i++) {
            out[i] = gd[i] * m[i];
        }
        return dx;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // Inverted dropout passes everything through at inference.
        return input;
    }

    /** The {@code dropout} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "dropout";
        }

        @Override
        public String description() {
            return "zeroes a random fraction of values while training (inverted dropout)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("rate", "fraction of values dropped")
                    .defaultValue(0.5)
                    .atLeast(0)
                    .below(1));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Dropout(inputSize, options.number("rate"));
        }
    }
}
