package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptimizerState;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adam with bias-corrected moment estimates and optional L2 weight decay added to the gradient,
 * updating exactly as PyTorch's {@code torch.optim.Adam}; or, as {@code adamw}, with decoupled
 * weight decay as PyTorch's {@code torch.optim.AdamW} ({@code θ ← θ (1 - lr λ)} before the Adam
 * step). Subnormal moment estimates are stored as zero (see {@link Engine#adamUpdate} for why).
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final float eps;
    private final float weightDecay;
    /** AdamW's decoupled weight decay λ; 0 for Adam. */
    private final double decoupledDecay;
    /** This step's {@code 1 - lr λ}, as PyTorch rounds it for a float32 parameter. */
    private float shrink;

    private static final String FIRST = "first";
    private static final String SECOND = "second";
    private static final String STEPS = "steps";
    private static final String MAX_SECOND = "max_second";
    /** AMSGrad: divide by the largest second moment so far instead of the current one. */
    private final boolean amsgrad;

    private final Map<Parameter, Moments> moments = new IdentityHashMap<>();
    private double learningRate;
    private final Betas betas;
    /** Arrays split over the engine's threads above this many elements. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;
    // The parameter being updated (weights, gradient, moments), read by the loop body, made once.
    private final float[][] current = new float[5][];
    private float stepSize;
    private float sqrtCorrection2;
    private final Engine.RangeBody update = this::update;
    private Engine engine;

    /** The running first and second moments of one parameter and how many steps it has taken. */
    private static final class Moments {
        final float[] first;
        final float[] second;
        /** AMSGrad's largest second moment so far; null without AMSGrad. */
        final float[] maxSecond;

        int steps;

        Moments(int size, boolean amsgrad) {
            first = new float[size];
            second = new float[size];
            maxSecond = amsgrad ? new float[size] : null;
        }
    }

    Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        this(learningRate, beta1, beta2, eps, weightDecay, 0, false);
    }

    Adam(
            double learningRate,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            double decoupledDecay,
            boolean amsgrad) {
        this.decoupledDecay = decoupledDecay;
        this.amsgrad = amsgrad;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.betas = Betas.of(beta1, beta2);
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void step(List<Parameter> parameters, Context ctx) {
        engine = ctx.engine();
        shrink = (float) (1 - learningRate * decoupledDecay);
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] w = parameter.value().data();
            float[] grad = parameter.grad().data();
            Moments state = moments.get(parameter);
            if (state == null) {
                state = new Moments(w.length, amsgrad);
                moments.put(parameter, state);
            }
            float[] m = state.first;
            float[] v = state.second;
            // Steps are counted per parameter, as in PyTorch, so a parameter first seen late is
            // still bias-corrected from its own first step.
            state.steps++;
            double correction1 = 1 - Math.pow(beta1, state.steps);
            double correction2 = 1 - Math.pow(beta2, state.steps);
            current[0] = w;
            current[1] = grad;
            current[2] = m;
            current[3] = v;
            current[4] = state.maxSecond;
            stepSize = (float) (learningRate / correction1);
            sqrtCorrection2 = (float) Math.sqrt(correction2);
            // Each element is updated on its own, so splitting the array over threads changes no bit.
            if (w.length >= PARALLEL_THRESHOLD) {
                engine.parallelFor(w.length, update);
            } else {
                update(0, w.length);
            }
        }
    }

    private void update(int from, int to) {
        if (decoupledDecay != 0) {
            float[] w = current[0];
            for (int i = from; i < to; i++) {
                w[i] *= shrink;
            }
        }
        if (amsgrad) {
            amsgradUpdate(from, to);
            return;
        }
        engine.adamUpdate(
                current[0],
                current[1],
                current[2],
                current[3],
                betas.beta1(),
                betas.oneMinusBeta1(),
                betas.beta2(),
                betas.oneMinusBeta2(),
                stepSize,
                sqrtCorrection2,
                eps,
                weightDecay,
                from,
                to);
    }

    /**
     * Adam's update with AMSGrad's denominator, in the order PyTorch computes it (and the engine's
     * {@code adamUpdate} does without AMSGrad), the moments flushed below {@link Float#MIN_NORMAL} alike.
     */
    private void amsgradUpdate(int from, int to) {
        float[] w = current[0];
        float[] grad = current[1];
        float[] m = current[2];
        float[] v = current[3];
        float[] max = current[4];
        for (int i = from; i < to; i++) {
            float g = grad[i] + weightDecay * w[i];
            float mi = betas.first(m[i], g);
            float vi = betas.second(v[i], g);
            m[i] = mi;
            v[i] = vi;
            float largest = Math.max(max[i], vi);
            max[i] = largest;
            float denominator = (float) Math.sqrt(largest) / sqrtCorrection2 + eps;
            w[i] -= stepSize * mi / denominator;
        }
    }

    /** Each parameter's moment estimates ({@code first}, {@code second}) and its {@code steps}. */
    @Override
    public Optional<OptimizerState> state(List<Parameter> parameters) {
        List<OptimizerState.ParameterState> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            Moments state = moments.get(p);
            if (state == null) {
                out.add(OptimizerState.ParameterState.of(Map.of()));
                continue;
            }
            Map<String, float[]> arrays = new LinkedHashMap<>();
            arrays.put(FIRST, state.first.clone());
            arrays.put(SECOND, state.second.clone());
            if (state.maxSecond != null) {
                arrays.put(MAX_SECOND, state.maxSecond.clone());
            }
            out.add(new OptimizerState.ParameterState(arrays, Map.of(STEPS, (double) state.steps)));
        }
        return Optional.of(OptimizerState.of(out));
    }

    @Override
    public void restoreState(List<Parameter> parameters, OptimizerState state) {
        state.requireParameters(parameters);
        state.requireOnly(amsgrad ? List.of(FIRST, SECOND, MAX_SECOND) : List.of(FIRST, SECOND), List.of(STEPS));
        Map<Parameter, Moments> restored = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            float[] first = state.array(parameters, i, FIRST);
            float[] second = state.array(parameters, i, SECOND);
            double steps = state.scalar(parameters, i, STEPS, 0);
            if (first == null && second == null && steps == 0) {
                continue;
            }
            if (first == null
                    || second == null
                    || steps < 1
                    || steps != Math.rint(steps)
                    || steps > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("adam state of parameter " + i
                        + " needs 'first', 'second' and a whole" + " number of 'steps' >= 1, got "
                        + state.parameters().get(i).arrays().keySet() + " and steps " + steps);
            }
            float[] max = amsgrad ? state.array(parameters, i, MAX_SECOND) : null;
            if (amsgrad && max == null) {
                throw new IllegalArgumentException("the adam state of parameter " + i + " has no '" + MAX_SECOND
                        + "', which amsgrad needs: it was saved without amsgrad");
            }
            Moments m = new Moments(first.length, amsgrad);
            System.arraycopy(first, 0, m.first, 0, first.length);
            System.arraycopy(second, 0, m.second, 0, second.length);
            if (max != null) {
                System.arraycopy(max, 0, m.maxSecond, 0, max.length);
            }
            m.steps = (int) steps;
            restored.put(parameters.get(i), m);
        }
        moments.clear();
        moments.putAll(restored);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public String toString() {
        return (decoupledDecay != 0 ? "adamw(lr=" : "adam(lr=") + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", eps=" + eps + ", weight_decay=" + (decoupledDecay != 0 ? decoupledDecay : weightDecay) + ")";
    }

    private static final OptionSpec AMSGRAD = OptionSpec.bool(
                    "amsgrad", "divide by the largest second moment so far (AMSGrad, as PyTorch's amsgrad)")
            .defaultValue(false);

    /** Adam or AdamW from checked options; {@code weight_decay} is L2 for Adam, decoupled for AdamW. */
    private static Adam of(Options options, boolean decoupled) {
        double decay = options.number("weight_decay");
        return new Adam(
                options.number("lr"),
                options.number("beta1"),
                options.number("beta2"),
                options.number("eps"),
                decoupled ? 0 : decay,
                decoupled ? decay : 0,
                options.bool("amsgrad"));
    }

    /** The {@code adam} provider. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String description() {
            return "Adam: adaptive per-weight steps from running gradient moments (as PyTorch's Adam)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.number("lr", "learning rate").defaultValue(0.001).above(0),
                    OptionSpec.number("beta1", "decay rate of the running mean of gradients")
                            .defaultValue(0.9)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.number("beta2", "decay rate of the running mean of squared gradients")
                            .defaultValue(0.999)
                            .atLeast(0)
                            .below(1),
                    OptionSpec.number("eps", "added to the denominator to avoid division by zero")
                            .defaultValue(1e-8)
                            .above(0),
                    OptionSpec.number("weight_decay", "L2 penalty added to the gradient as weight_decay * w")
                            .defaultValue(0.0)
                            .atLeast(0),
                    AMSGRAD);
        }

        @Override
        public Optimizer create(Options options) {
            return Adam.of(options, false);
        }
    }

    /** The {@code adamw} provider: Adam with decoupled weight decay, as PyTorch's AdamW. */
    public static final class AdamWProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "adamw";
        }

        @Override
        public String description() {
            return "Adam with decoupled weight decay: weights shrink by lr * weight_decay before each step (as PyTorch's AdamW)";
        }

        @Override
        public List<OptionSpec> options() {
            List<OptionSpec> adam = new Provider().options();
            return List.of(
                    adam.get(0),
                    adam.get(1),
                    adam.get(2),
                    adam.get(3),
                    OptionSpec.number(
                                    "weight_decay",
                                    "decoupled decay: each step multiplies the weights by 1 - lr * weight_decay")
                            .defaultValue(0.01)
                            .atLeast(0),
                    AMSGRAD);
        }

        @Override
        public Optimizer create(Options options) {
            return Adam.of(options, true);
        }
    }
}
