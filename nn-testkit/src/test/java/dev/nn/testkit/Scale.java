package dev.nn.testkit;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;
import java.util.Random;

/**
 * A small layer to test the contracts with: {@code y = x * w + noise}, one trainable weight per
 * feature and, while training, Gaussian noise of option {@code noise} from the context's random
 * source. Each {@link Defect} breaks one rule of {@link LayerContract}.
 */
final class Scale implements Layer {
    enum Defect {
        NONE,
        WRONG_INPUT_GRADIENT,
        WRONG_WEIGHT_GRADIENT,
        SETS_GRADIENT,
        LEAKS_STATE,
        CHANGES_INPUT,
        OWN_RANDOMNESS,
        NOISE_AT_INFERENCE
    }

    private final int size;
    private final double noise;
    private final Defect defect;
    private final Parameter weights;
    private Matrix input;
    private float drift;

    Scale(int size, double noise, Defect defect, Matrix initial) {
        this.size = size;
        this.noise = noise;
        this.defect = defect;
        this.weights = new Parameter("weights", initial);
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
        return List.of(weights);
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        input = x;
        Matrix y = ctx.buffer(this, "output", x.rows(), size);
        float[] w = weights.value().data();
        boolean noisy = ctx.training() || defect == Defect.NOISE_AT_INFERENCE;
        Random own = defect == Defect.OWN_RANDOMNESS ? new Random() : null;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < size; c++) {
                double n = !noisy || noise == 0
                        ? 0
                        : (own != null ? own.nextGaussian() : ctx.random().nextGaussian()) * noise;
                y.set(r, c, x.get(r, c) * w[c] + (float) n + drift);
            }
        }
        if (defect == Defect.LEAKS_STATE) {
            drift += 0.5f;
        }
        if (defect == Defect.CHANGES_INPUT) {
            x.data()[0] = 0;
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), size);
        float[] w = weights.value().data();
        float[] dw = weights.grad().data();
        if (defect == Defect.SETS_GRADIENT) {
            weights.grad().zero();
        }
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < size; c++) {
                float factor = defect == Defect.WRONG_INPUT_GRADIENT ? w[c] * 1.1f : w[c];
                dx.set(r, c, g.get(r, c) * factor);
                dw[c] += g.get(r, c) * input.get(r, c) * (defect == Defect.WRONG_WEIGHT_GRADIENT ? 0.5f : 1f);
            }
        }
        return dx;
    }

    /** The {@code scale} provider, with one defect built in. */
    static class Provider implements LayerProvider {
        private final Defect defect;

        Provider(Defect defect) {
            this.defect = defect;
        }

        @Override
        public String name() {
            return "scale";
        }

        @Override
        public String description() {
            return "multiplies each feature by a trainable weight, plus noise while training";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("noise", "standard deviation of the noise while training")
                            .defaultValue(0.0)
                            .atLeast(0),
                    OptionSpec.bool("positive", "draw only positive weights").defaultValue(true));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            Matrix w = new Matrix(1, inputSize);
            for (int i = 0; i < inputSize; i++) {
                double v = 0.5 + init.random().nextDouble();
                w.data()[i] = (float) (options.bool("positive") ? v : -v);
            }
            return new Scale(inputSize, options.number("noise"), defect, w);
        }
    }
}
