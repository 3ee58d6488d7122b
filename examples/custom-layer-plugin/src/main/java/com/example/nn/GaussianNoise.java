package com.example.nn;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Adds {@code N(0, stddev^2)} noise to every value while training; passes values through at
 * inference. The noise does not depend on the input, so the gradient passes through unchanged.
 *
 * <p>The noise comes from the context's random source only, the run's seed drives it, and it is
 * drawn on the calling thread in a fixed order, so a run gives the same noise whatever the engine's
 * thread count. (A source of one's own, or drawing inside {@code parallelFor}, would break both.)
 */
public final class GaussianNoise implements Layer, OnnxExportable {
    private final int size;
    private final double stddev;

    GaussianNoise(int size, double stddev) {
        this.size = size;
        this.stddev = stddev;
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
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        if (!ctx.training() || stddev == 0) {
            return x;
        }
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        float[] in = x.data();
        float[] out = y.data();
        RandomGenerator random = ctx.random();
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] + (float) (stddev * random.nextGaussian());
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        // d(x + noise)/dx = 1: the incoming gradient is the input gradient (returned, never modified).
        return g;
    }

    /** The ONNX form (SPI 1.5): no noise at inference, so the input passes through. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return input;
    }

    /** The {@code gaussian_noise} provider. In YAML: {@code - gaussian_noise: {stddev: 0.1}}. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "gaussian_noise";
        }

        @Override
        public String description() {
            return "adds Gaussian noise of standard deviation stddev while training (a regulariser); identity at inference";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("stddev", "standard deviation of the noise").defaultValue(0.1).atLeast(0));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new GaussianNoise(inputSize, options.number("stddev"));
        }
    }
}
