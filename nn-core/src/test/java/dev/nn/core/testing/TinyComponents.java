package dev.nn.core.testing;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptimizerState;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * The smallest layer, activation, loss and optimizer that let nn-core test its own network,
 * trainer, model files and checkpoints without the built-ins of nn-plugins: found by the real
 * ServiceLoader through this module's test {@code META-INF/services}. Named {@code tiny_*} so they
 * cannot be mistaken for the built-ins.
 */
public final class TinyComponents {
    private TinyComponents() {}

    /** {@code tiny_linear {units}}: y = x W + b, W drawn uniformly from ±1/sqrt(inputs), b zero. */
    public static final class LinearProvider implements LayerProvider {
        @Override
        public String name() {
            return "tiny_linear";
        }

        @Override
        public String description() {
            return "test-only fully connected layer";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.integer("units", "outputs").required().atLeast(1));
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            int units = options.integer("units");
            Parameter w = new Parameter("W", new Matrix(inputSize, units));
            Parameter b = new Parameter("b", new Matrix(1, units));
            double bound = 1 / Math.sqrt(inputSize);
            float[] values = w.value().data();
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((init.random().nextDouble() * 2 - 1) * bound);
            }
            return new Linear(w, b);
        }
    }

    private static final class Linear implements Layer {
        private final Parameter w;
        private final Parameter b;
        private Matrix input;

        Linear(Parameter w, Parameter b) {
            this.w = w;
            this.b = b;
        }

        @Override
        public int inputSize() {
            return w.value().rows();
        }

        @Override
        public int outputSize() {
            return w.value().cols();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w, b);
        }

        @Override
        public Matrix forward(Matrix x, Context ctx) {
            input = x;
            Matrix y = ctx.buffer(this, "y", x.rows(), outputSize());
            ctx.engine().gemm(false, false, 1f, x, w.value(), 0f, y);
            float[] out = y.data();
            float[] bias = b.value().data();
            for (int i = 0; i < out.length; i++) {
                out[i] += bias[i % bias.length];
            }
            return y;
        }

        @Override
        public Matrix backward(Matrix g, Context ctx) {
            backwardToParameters(g, ctx);
            Matrix dx = ctx.buffer(this, "dx", g.rows(), inputSize());
            ctx.engine().gemm(false, true, 1f, g, w.value(), 0f, dx);
            return dx;
        }

        @Override
        public void backwardToParameters(Matrix g, Context ctx) {
            ctx.engine().gemm(true, false, 1f, input, g, 0f, w.grad());
            float[] db = b.grad().data();
            java.util.Arrays.fill(db, 0f);
            float[] grad = g.data();
            for (int i = 0; i < grad.length; i++) {
                db[i % db.length] += grad[i];
            }
        }
    }

    /** {@code tiny_tanh}: tanh applied to every value. */
    public static final class TanhProvider implements LayerProvider {
        @Override
        public String name() {
            return "tiny_tanh";
        }

        @Override
        public String description() {
            return "test-only tanh activation";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Layer() {
                private Matrix output;

                @Override
                public int inputSize() {
                    return inputSize;
                }

                @Override
                public int outputSize() {
                    return inputSize;
                }

                @Override
                public List<Parameter> parameters() {
                    return List.of();
                }

                @Override
                public Matrix forward(Matrix x, Context ctx) {
                    Matrix y = ctx.buffer(this, "y", x.rows(), x.cols());
                    for (int i = 0; i < x.data().length; i++) {
                        y.data()[i] = (float) Math.tanh(x.data()[i]);
                    }
                    output = y;
                    return y;
                }

                @Override
                public Matrix backward(Matrix g, Context ctx) {
                    Matrix dx = ctx.buffer(this, "dx", g.rows(), g.cols());
                    for (int i = 0; i < g.data().length; i++) {
                        float y = output.data()[i];
                        dx.data()[i] = g.data()[i] * (1 - y * y);
                    }
                    return dx;
                }
            };
        }
    }

    /** {@code tiny_mse}: the mean over examples of half the squared error, summed over outputs. */
    public static final class MseProvider implements LossProvider {
        @Override
        public String name() {
            return "tiny_mse";
        }

        @Override
        public String description() {
            return "test-only squared error";
        }

        @Override
        public Loss create(Options options) {
            return new Loss() {
                @Override
                public float forward(Matrix output, Matrix target, Context ctx) {
                    double sum = 0;
                    for (int i = 0; i < output.data().length; i++) {
                        double d = output.data()[i] - target.data()[i];
                        sum += d * d;
                    }
                    return (float) (sum / 2 / output.rows());
                }

                @Override
                public Matrix backward(Matrix output, Matrix target, Context ctx) {
                    Matrix g = ctx.buffer(this, "g", output.rows(), output.cols());
                    for (int i = 0; i < output.data().length; i++) {
                        g.data()[i] = (output.data()[i] - target.data()[i]) / output.rows();
                    }
                    return g;
                }
            };
        }
    }

    /** {@code tiny_sgd {lr}}: w -= lr * grad, stateless, so its checkpoint state holds no arrays. */
    public static final class SgdProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "tiny_sgd";
        }

        @Override
        public String description() {
            return "test-only plain gradient descent";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.1).above(0));
        }

        @Override
        public Optimizer create(Options options) {
            return new Optimizer() {
                private double lr = options.number("lr");

                @Override
                public void step(List<Parameter> parameters, Context ctx) {
                    for (Parameter p : parameters) {
                        float[] w = p.value().data();
                        float[] g = p.grad().data();
                        for (int i = 0; i < w.length; i++) {
                            w[i] -= (float) lr * g[i];
                        }
                    }
                }

                @Override
                public double learningRate() {
                    return lr;
                }

                @Override
                public void setLearningRate(double learningRate) {
                    lr = learningRate;
                }

                @Override
                public Optional<OptimizerState> state(List<Parameter> parameters) {
                    // Nothing to keep, but an entry per parameter, as a checkpoint file records them.
                    return Optional.of(OptimizerState.of(parameters.stream()
                            .map(p -> OptimizerState.ParameterState.of(java.util.Map.of()))
                            .toList()));
                }

                @Override
                public void restoreState(List<Parameter> parameters, OptimizerState state) {
                    state.requireOnly(List.of(), List.of());
                }
            };
        }
    }
}
