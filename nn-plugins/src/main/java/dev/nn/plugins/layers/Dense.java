package dev.nn.plugins.layers;

import dev.nn.api.ComponentKind;
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
 * A fully connected layer: {@code y = x W + b}, with {@code W} of shape inputs x units.
 *
 * <p>Backward: {@code dW += xᵀ g}, {@code db += column sums of g}, {@code dx = g Wᵀ}; the engine
 * reads the transposes in place.
 *
 * <p>Regularisation of the weights (not the bias), as Keras's kernel regularisers and
 * constraint: {@code l1} and {@code l2} add {@code l1 Σ|w| + l2 Σw²} to the training loss (and
 * {@code l1 sign(w) + 2 l2 w} to the weights' gradient); {@code max_norm} scales each unit's
 * incoming weights back to an L2 norm of at most {@code max_norm} after every step, as
 * {@code torch.renorm} does (by {@code max_norm / (norm + 1e-7)} when the norm exceeds it).
 */
public final class Dense implements Layer, OnnxExportable {
    private final int inputs;
    private final int units;
    private final Parameter weights;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final float l1;
    private final float l2;
    private final float maxNorm;
    private Matrix input;

    /**
     * A layer with the given weights (inputs x units) and optional bias (1 x units).
     *
     * @param weights the weights, inputs x units
     * @param bias    the bias, 1 x units, or null for none
     */
    public Dense(Matrix weights, Matrix bias) {
        this(weights, bias, 0, 0, 0);
    }

    /**
     * A layer with the given weights and bias, and regularisation of its weights.
     *
     * @param weights the weights, inputs x units
     * @param bias    the bias, 1 x units, or null for none
     * @param l1      the L1 penalty's factor, at least 0
     * @param l2      the L2 penalty's factor, at least 0
     * @param maxNorm the largest L2 norm of a unit's incoming weights, or 0 for no limit
     */
    public Dense(Matrix weights, Matrix bias, double l1, double l2, double maxNorm) {
        if (!(l1 >= 0) || !(l2 >= 0) || !(maxNorm >= 0)) {
            throw new IllegalArgumentException(
                    "dense: l1, l2 and max_norm must be at least 0, got " + l1 + ", " + l2 + " and " + maxNorm);
        }
        this.l1 = (float) l1;
        this.l2 = (float) l2;
        this.maxNorm = (float) maxNorm;
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
    public double penalty() {
        if (l1 == 0 && l2 == 0) {
            return 0;
        }
        double abs = 0;
        double squares = 0;
        for (float w : weights.value().data()) {
            abs += Math.abs(w);
            squares += (double) w * w;
        }
        return l1 * abs + l2 * squares;
    }

    @Override
    public void afterStep(Context ctx) {
        if (maxNorm == 0) {
            return;
        }
        float[] w = weights.value().data();
        for (int u = 0; u < units; u++) {
            double squares = 0;
            for (int i = 0; i < inputs; i++) {
                squares += (double) w[i * units + u] * w[i * units + u];
            }
            float norm = (float) Math.sqrt(squares);
            if (norm > maxNorm) {
                float scale = maxNorm / (norm + 1e-7f);
                for (int i = 0; i < inputs; i++) {
                    w[i * units + u] *= scale;
                }
            }
        }
    }

    @Override
    public void backwardToParameters(Matrix g, Context ctx) {
        ctx.engine().gemm(true, false, 1f, input, g, 1f, weights.grad());
        if (l1 != 0 || l2 != 0) {
            float[] w = weights.value().data();
            float[] dw = weights.grad().data();
            float twiceL2 = 2 * l2;
            for (int i = 0; i < w.length; i++) {
                dw[i] += l1 * Math.signum(w[i]) + twiceL2 * w[i];
            }
        }
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

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String w = graph.constant("weights", weights.value().data(), inputs, units);
        if (bias == null) {
            return graph.node("MatMul", input, w);
        }
        return graph.node("Gemm", input, w, graph.constant("bias", bias.value().data(), units));
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
                            .defaultValue("none"),
                    OptionSpec.number("l1", "L1 penalty on the weights added to the loss: l1 * sum |w| (default: none)")
                            .atLeast(0),
                    OptionSpec.number("l2", "L2 penalty on the weights added to the loss: l2 * sum w^2 (default: none)")
                            .atLeast(0),
                    OptionSpec.number(
                                    "max_norm",
                                    "largest L2 norm of each unit's incoming weights, restored after every step"
                                            + " (default: no limit)")
                            .above(0));
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
            return new Dense(w, b, optional(options, "l1"), optional(options, "l2"), optional(options, "max_norm"));
        }

        /** An option without a default: 0 (none) when the config does not set it. */
        private static double optional(Options options, String name) {
            return options.has(name) ? options.number(name) : 0;
        }
    }
}
