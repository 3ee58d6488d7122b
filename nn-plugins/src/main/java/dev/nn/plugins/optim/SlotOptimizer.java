package dev.nn.plugins.optim;

import dev.nn.api.Context;
import dev.nn.api.Engine;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an optimizer that keeps named arrays and numbers per parameter shares (SGD's velocity, Adagrad's sum of
 * squares and step count, NAdam's moments and momentum product, RMSprop's mean square, momentum
 * buffer and mean gradient): a learning rate a schedule may set, each parameter's slot made on its
 * first step, saved to and restored from a checkpoint under those names, and the element loop of a
 * step split over the engine's threads for a large parameter.
 */
abstract class SlotOptimizer implements Optimizer {
    /** Arrays split over the engine's threads above this many elements. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;

    private final String name;
    private final List<String> arrayKeys;
    private final List<String> scalarKeys;
    private final Map<Parameter, Slot> slots = new IdentityHashMap<>();
    private double learningRate;
    private final Engine.RangeBody body = this::update;

    /** The arrays and numbers kept for one parameter, in the order of the optimizer's keys. */
    static final class Slot {
        final float[][] arrays;
        final double[] scalars;

        Slot(int arrays, int scalars, int size) {
            this.arrays = new float[arrays][size];
            this.scalars = new double[scalars];
        }
    }

    /**
     * @param name         the optimizer's name, for messages
     * @param learningRate the learning rate until a schedule sets another
     * @param arrayKeys    the names of the arrays this configuration keeps per parameter
     * @param scalarKeys   the names of the numbers it keeps per parameter
     */
    SlotOptimizer(String name, double learningRate, List<String> arrayKeys, List<String> scalarKeys) {
        this.name = name;
        this.learningRate = learningRate;
        this.arrayKeys = List.copyOf(arrayKeys);
        this.scalarKeys = List.copyOf(scalarKeys);
    }

    /** {@return the slot of {@code parameter}, made by {@link #start} the first time it is asked for} */
    final Slot slot(Parameter parameter) {
        Slot slot = slots.get(parameter);
        if (slot == null) {
            slot = new Slot(
                    arrayKeys.size(), scalarKeys.size(), parameter.value().size());
            start(slot);
            slots.put(parameter, slot);
        }
        return slot;
    }

    /**
     * {@return whether {@code parameter} has its slot already (it has been stepped, or restored)}
     *
     * @param parameter the parameter
     */
    final boolean hasSlot(Parameter parameter) {
        return slots.containsKey(parameter);
    }

    /**
     * Sets a new slot's starting values, as PyTorch initialises its state (zeros unless overridden).
     *
     * @param slot the slot, all zeros
     */
    void start(Slot slot) {}

    /**
     * Updates elements {@code [from, to)} of the parameter {@link #run} was given; each element on
     * its own, so splitting the range over threads changes no bit.
     *
     * @param from the first element
     * @param to   past the last element
     */
    abstract void update(int from, int to);

    /**
     * Runs {@link #update} over all {@code size} elements, on the engine's threads when the
     * parameter is large.
     *
     * @param ctx  the context whose engine's threads to use
     * @param size the parameter's number of elements
     */
    final void run(Context ctx, int size) {
        if (size >= PARALLEL_THRESHOLD) {
            ctx.engine().parallelFor(size, body);
        } else {
            update(0, size);
        }
    }

    /**
     * {@return why a restored slot's numbers cannot be resumed from, or null when they can}
     *
     * @param scalars the numbers, in the order of the keys
     */
    abstract String invalid(double[] scalars);

    /** Each parameter's arrays and numbers under their names; nothing for a parameter not yet stepped. */
    @Override
    public final Optional<OptimizerState> state(List<Parameter> parameters) {
        List<OptimizerState.ParameterState> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            Slot slot = slots.get(p);
            Map<String, float[]> arrays = new LinkedHashMap<>();
            Map<String, Double> scalars = new LinkedHashMap<>();
            if (slot != null) {
                for (int k = 0; k < arrayKeys.size(); k++) {
                    arrays.put(arrayKeys.get(k), slot.arrays[k].clone());
                }
                for (int k = 0; k < scalarKeys.size(); k++) {
                    scalars.put(scalarKeys.get(k), slot.scalars[k]);
                }
            }
            out.add(new OptimizerState.ParameterState(arrays, scalars));
        }
        return Optional.of(OptimizerState.of(out));
    }

    /**
     * Takes back a state this configuration saved; a state of another optimizer, or of this one
     * with options that keep other arrays, is refused with what does not fit.
     */
    @Override
    public final void restoreState(List<Parameter> parameters, OptimizerState state) {
        state.requireParameters(parameters);
        state.requireOnly(arrayKeys, scalarKeys);
        Map<Parameter, Slot> restored = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            OptimizerState.ParameterState saved = state.parameters().get(i);
            if (saved.arrays().isEmpty() && saved.scalars().isEmpty()) {
                continue;
            }
            Slot slot = new Slot(
                    arrayKeys.size(),
                    scalarKeys.size(),
                    parameters.get(i).value().size());
            for (int k = 0; k < arrayKeys.size(); k++) {
                float[] values = state.array(parameters, i, arrayKeys.get(k));
                if (values == null) {
                    throw missing(i, arrayKeys.get(k));
                }
                System.arraycopy(values, 0, slot.arrays[k], 0, values.length);
            }
            for (int k = 0; k < scalarKeys.size(); k++) {
                if (!saved.scalars().containsKey(scalarKeys.get(k))) {
                    throw missing(i, scalarKeys.get(k));
                }
                slot.scalars[k] = saved.scalars().get(scalarKeys.get(k));
            }
            String why = invalid(slot.scalars);
            if (why != null) {
                throw new IllegalArgumentException("the " + name + " state of parameter " + i + " " + why);
            }
            restored.put(parameters.get(i), slot);
        }
        slots.clear();
        slots.putAll(restored);
    }

    private IllegalArgumentException missing(int parameter, String key) {
        return new IllegalArgumentException("the " + name + " state of parameter " + parameter + " has no '" + key
                + "', which " + this + " keeps: it was saved by another optimizer or with other options");
    }

    /**
     * {@return null when {@code steps} is a whole number of steps taken (at least one), else why not}
     *
     * @param steps the restored count
     */
    static String invalidSteps(double steps) {
        if (steps >= 1 && steps == Math.rint(steps) && steps <= Integer.MAX_VALUE) {
            return null;
        }
        return "needs a whole number of 'steps' >= 1, got " + steps;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }
}
