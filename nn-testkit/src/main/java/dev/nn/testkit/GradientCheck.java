package dev.nn.testkit;

import dev.nn.api.Engine;
import dev.nn.api.Layer;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Compares backpropagated gradients with central differences, for layers, losses and whole
 * networks. Plugin authors call it from their own tests:
 * <pre>{@code
 * GradientCheck.defaults().layer(myLayer, input).assertPassed();
 * }</pre>
 *
 * <p>A layer is checked through a fixed random projection of its output, {@code f(x) = sum(r * layer(x))},
 * so one backward pass with {@code r} gives every derivative. An element passes when
 * {@code |analytic - numeric| <= absTolerance + relTolerance * max(|analytic|, |numeric|)}; the
 * defaults (step 1e-3, 1e-3 absolute, 2e-2 relative) suit float32 arithmetic. The context is
 * reseeded before every forward pass, so random layers (dropout) draw the same mask each time.
 * Keep inputs away from kinks (ReLU at 0) by more than the step.
 */
public final class GradientCheck {
    private final double epsilon;
    private final double absTolerance;
    private final double relTolerance;
    private final int maxPerTensor;
    private final long seed;

    private GradientCheck(double epsilon, double absTolerance, double relTolerance, int maxPerTensor, long seed) {
        this.epsilon = epsilon;
        this.absTolerance = absTolerance;
        this.relTolerance = relTolerance;
        this.maxPerTensor = maxPerTensor;
        this.seed = seed;
    }

    /** {@return the defaults: step 1e-3, tolerance 1e-3 absolute + 2e-2 relative, up to 200 elements checked per tensor, seed 1} */
    public static GradientCheck defaults() {
        return new GradientCheck(1e-3, 1e-3, 2e-2, 200, 1);
    }

    /**
     * The finite-difference step.
     *
     * @param step the new value
     * @return a copy of this check with it changed
     */
    public GradientCheck epsilon(double step) {
        return new GradientCheck(step, absTolerance, relTolerance, maxPerTensor, seed);
    }

    /**
     * {@return the allowed difference: {@code abs + rel * max(|analytic|, |numeric|)}}
     *
     * @param abs the absolute part
     * @param rel the relative part
     */
    public GradientCheck tolerance(double abs, double rel) {
        return new GradientCheck(epsilon, abs, rel, maxPerTensor, seed);
    }

    /**
     * At most this many elements of each tensor are checked (chosen at random, seeded).
     *
     * @return a copy of this check with it changed
     * @param count the number of elements
     */
    public GradientCheck maxPerTensor(int count) {
        return new GradientCheck(epsilon, absTolerance, relTolerance, count, seed);
    }

    /**
     * The seed of the projection, the element sample and the context's random source.
     *
     * @param value the new value
     * @return a copy of this check with it changed
     */
    public GradientCheck seed(long value) {
        return new GradientCheck(epsilon, absTolerance, relTolerance, maxPerTensor, value);
    }

    /**
     * Checks dOutput/dInput and every parameter gradient of {@code layer} at {@code input}, the
     * parameters' including that of the layer's penalty ({@code Layer.penalty}).
     *
     * @return the report: what agreed and what did not
     * @param layer the layer to check
     * @param input a batch to check it at
     */
    public Report layer(Layer layer, Matrix input) {
        Workspace ctx = workspace();
        Matrix x = input.copy();
        Matrix out = forward(layer, x, ctx);
        Matrix projection = new Matrix(out.rows(), out.cols());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < projection.size(); i++) {
            projection.data()[i] = (float) (random.nextDouble() * 2 - 1);
        }
        layer.parameters().forEach(p -> p.grad().zero());
        Matrix dx = layer.backward(projection, ctx).copy();
        // What backward differentiates: the projected output plus the layer's penalty (Layer.penalty).
        ToDoubleFunction<Void> f = v -> dot(forward(layer, x, ctx), projection) + layer.penalty();
        List<Failure> all = new ArrayList<>();
        int checked = compare("input", x, dx, f, random, all);
        for (Parameter p : layer.parameters()) {
            checked += compare(p.name(), p.value(), p.grad().copy(), f, random, all);
        }
        return new Report(layer.getClass().getSimpleName(), checked, all);
    }

    /**
     * Checks dLoss/dOutput of {@code loss} at {@code output} against {@code target}.
     *
     * @return the report: what agreed and what did not
     * @param loss   the loss to check
     * @param output a batch of outputs to check it at
     * @param target the targets for that batch
     */
    public Report loss(Loss loss, Matrix output, Matrix target) {
        Workspace ctx = workspace();
        Matrix o = output.copy();
        Matrix grad = loss.backward(o, target, ctx).copy();
        List<Failure> all = new ArrayList<>();
        int checked = compare("output", o, grad, v -> loss.forward(o, target, ctx), new SplittableRandom(seed), all);
        return new Report(loss.getClass().getSimpleName(), checked, all);
    }

    /**
     * Checks every parameter gradient of {@code net}'s loss at one batch (with the layers' penalties,
     * as training minimises it).
     *
     * @return the report: what agreed and what did not
     * @param net    the network to check
     * @param input  a batch of inputs
     * @param target the targets for that batch
     */
    public Report network(Network net, Matrix input, Matrix target) {
        Workspace ctx = workspace();
        ctx.reseed(seed);
        Matrix y = net.forward(input, ctx);
        net.parameters().forEach(p -> p.grad().zero());
        net.backward(net.loss().backward(y, target, ctx), ctx);
        ToDoubleFunction<Void> f = v -> {
            ctx.reseed(seed);
            return net.loss().forward(net.forward(input, ctx), target, ctx) + net.penalty();
        };
        List<Failure> all = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        int checked = 0;
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            checked += compare(
                    "parameter " + i + " (" + p.name() + ")",
                    p.value(),
                    p.grad().copy(),
                    f,
                    random,
                    all);
        }
        return new Report("network", checked, all);
    }

    private Workspace workspace() {
        Engine engine = PluginRegistry.defaultRegistry().engine(null, 1);
        return new Workspace(engine, seed).training(true);
    }

    private Matrix forward(Layer layer, Matrix x, Workspace ctx) {
        ctx.reseed(seed);
        return layer.forward(x, ctx);
    }

    private static double dot(Matrix a, Matrix b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += (double) a.data()[i] * b.data()[i];
        }
        return sum;
    }

    /** Perturbs sampled elements of {@code values} in place (restoring them) and compares with {@code analytic}. */
    private int compare(
            String tensor,
            Matrix values,
            Matrix analytic,
            ToDoubleFunction<Void> f,
            SplittableRandom random,
            List<Failure> failures) {
        float[] v = values.data();
        int[] elements = sample(v.length, random);
        for (int i : elements) {
            float original = v[i];
            v[i] = (float) (original + epsilon);
            double plus = f.applyAsDouble(null);
            v[i] = (float) (original - epsilon);
            double minus = f.applyAsDouble(null);
            v[i] = original;
            double step = (double) (float) (original + epsilon) - (double) (float) (original - epsilon);
            double numeric = (plus - minus) / step;
            double a = analytic.data()[i];
            double allowed = absTolerance + relTolerance * Math.max(Math.abs(a), Math.abs(numeric));
            double error = Math.abs(a - numeric);
            if (!(error <= allowed)) {
                failures.add(new Failure(tensor, i / values.cols(), i % values.cols(), a, numeric));
            }
        }
        f.applyAsDouble(null);
        return elements.length;
    }

    private int[] sample(int n, SplittableRandom random) {
        if (n <= maxPerTensor) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return random.ints(0, n).distinct().limit(maxPerTensor).sorted().toArray();
    }

    /** One element whose backpropagated derivative disagrees with the numerical one. */
    public record Failure(String tensor, int row, int col, double analytic, double numeric) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "%s[%d, %d]: backprop %.6g, numerical %.6g", tensor, row, col, analytic, numeric);
        }
    }

    /** The outcome: how many elements were checked and which disagreed. */
    public record Report(String subject, int checked, List<Failure> failures) {
        /**
         * Keeps a read-only copy of the failures.
         *
         * @param subject  what was checked
         * @param checked  how many elements were compared
         * @param failures the elements that disagreed
         */
        public Report {
            failures = List.copyOf(failures);
        }

        /** {@return true when every element checked agreed} */
        public boolean passed() {
            return failures.isEmpty() && checked > 0;
        }

        /**
         * Throws an {@link AssertionError} listing the first disagreements unless every element agreed.
         *
         * @return this report
         */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(this);
            }
            return this;
        }

        @Override
        public String toString() {
            if (checked == 0) {
                return subject + ": nothing was checked";
            }
            if (failures.isEmpty()) {
                return subject + ": all " + checked + " derivatives agree";
            }
            StringBuilder sb = new StringBuilder(subject + ": " + failures.size() + " of " + checked
                    + " derivatives disagree with central differences");
            failures.stream().limit(5).forEach(f -> sb.append("\n  ").append(f));
            return sb.toString();
        }
    }
}
