package dev.nn.plugins.layers;

import dev.nn.api.ComponentKind;
import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * A fully connected layer: {@code y = x W + b}, with {@code W} of shape inputs x units.
 *
 * <p>Backward: {@code dW += xᵀ g}, {@code db += column sums of g}, {@code dx = g Wᵀ}; the engine
 * reads the transposes in place.
 */
public final class Dense implements Layer {
    private final int inputs;
    private final int units;
    private final Parameter weights;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private Matrix input;

    /**
     * A layer with the given weights (inputs x units) and optional bias (1 x units).
     *
     * @param weights the weights, inputs x units
     * @param bias    the bias, 1 x units, or null for none
     */
    public Dense(Matrix weights, Matrix bias) {
        this.inputs = weights.rows();
        this.units = weights.cols();
        if (bias != null && (bias.rows() != 1 || bias.cols() != units)) {
            throw new IllegalArgumentException("dense: bias must be 1x" + units + ", got " + bias.shape());
        }
        this.weights = new Parameter("weights", weights);
        this.bias = bias == null ? null : new Parameter("bias", bias);
        this.parameters = bias == null ? List.of(this.weights) : List.of(this.weights, this.bias);
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return units;
    }

    @Override
    public OutputRange outputRange(OutputRange input) {
        return OutputRange.ANY;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        if (ctx.training()) {
            input = x;
        }
        Matrix y = ctx.buffer(this, "output", x.rows(), units);
        float beta = 0f;
        if (bias != null) {
            float[] b = bias.value().data();
            float[] out = y.data();
            for (int r = 0; r < y.rows(); r++) {
                System.arraycopy(b, 0, out, r * units, units);
            }
            beta = 1f;
        }
        ctx.engine().gemm(false, false, 1f, x, weights.value(), beta, y);
        return y;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        backwardToParameters(g, ctx);
        Matrix dx = ctx.buffer(this, "gradInput", g.rows(), inputs);
        ctx.engine().gemm(false, true, 1f, g, weights.value(), 0f, dx);
        return dx;
    }

    @Override
    public void backwardToParameters(Matrix g, Context ctx) {
        ctx.engine().gemm(true, false, 1f, input, g, 1f, weights.grad());
        if (bias != null) {
            float[] db = bias.grad().data();
            float[] gd = g.data();
            for (int r = 0; r < g.rows(); r++) {
                int row = r * units;
                for (int c = 0; c < units; c++) {
                    db[c] += gd[row + c];
                }
            }
        }
    }

    /** The {@code dense} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "dense";
        }

        @Override
        public String description() {
            return "fully connected layer: y = x W + b";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.integer("units", "number of outputs").required().atLeast(1),
                    OptionSpec.bool("bias", "learn a bias per unit").defaultValue(true),
                    OptionSpec.component("init", ComponentKind.INITIALIZER, "initializer of the weights")
                            .defaultValue("xavier_uniform"),
                    OptionSpec.component("bias_init", ComponentKind.INITIALIZER, "initializer of the bias")
                            .defaultValue("zeros"),
                    OptionSpec.component(
                                    "activation",
                                    ComponentKind.LAYER,
                                    "an activation layer to add after this one (none: no activation)")
                            .defaultValue("none"));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            int units = options.integer("units");
            Matrix w = new Matrix(inputSize, units);
            init.initializer(options.component("init")).initialize(w, inputSize, units, init.random());
            Matrix b = null;
            if (options.bool("bias")) {
                b = new Matrix(1, units);
                init.initializer(options.component("bias_init")).initialize(b, inputSize, units, init.random());
            }
            return new Dense(w, b);
        }
    }
}
