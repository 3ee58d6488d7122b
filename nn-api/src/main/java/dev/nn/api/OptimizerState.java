package dev.nn.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an optimizer carries from one step to the next (momentum, moment estimates, step counts),
 * as plain named values a checkpoint can save, so a resumed run continues exactly where it stopped.
 *
 * <p>{@link #parameters()} has one entry per parameter, in the order of the parameter list the
 * optimizer steps (the network's {@code parameters()}): that index is how state finds its
 * parameter again in a new process. Each entry holds named float arrays (such as Adam's
 * {@code first} and {@code second} moments, one value per element of the parameter) and named
 * scalars (such as Adam's {@code steps}); {@link #scalars()} holds values of the optimizer as a
 * whole. Scalars are doubles: whole numbers up to 2<sup>53</sup> survive exactly.
 *
 * <p>The maps keep their order and are read-only; the arrays are the caller's to keep (an
 * optimizer hands out copies and copies what it is given).
 *
 * @param scalars    values of the optimizer as a whole; often empty
 * @param parameters per parameter, in order: its arrays and scalars
 */
public record OptimizerState(Map<String, Double> scalars, List<ParameterState> parameters) {

    /** No state at all: what an optimizer without memory (plain SGD) saves. */
    public static final OptimizerState EMPTY = new OptimizerState(Map.of(), List.of());

    /**
     * Keeps read-only copies of both parts.
     *
     * @param scalars    values of the optimizer as a whole
     * @param parameters per parameter, in order
     */
    public OptimizerState {
        scalars = readOnly(scalars);
        parameters = List.copyOf(parameters);
    }

    /**
     * The state of one parameter.
     *
     * @param arrays  named arrays, each as long as the parameter has elements
     * @param scalars named numbers
     */
    public record ParameterState(Map<String, float[]> arrays, Map<String, Double> scalars) {

        /**
         * Keeps read-only copies of both maps.
         *
         * @param arrays  named arrays
         * @param scalars named numbers
         */
        public ParameterState {
            arrays = readOnly(arrays);
            scalars = readOnly(scalars);
        }

        /**
         * {@return a parameter's state with arrays only}
         *
         * @param arrays the named arrays
         */
        public static ParameterState of(Map<String, float[]> arrays) {
            return new ParameterState(arrays, Map.of());
        }
    }

    /**
     * {@return a state with one entry per parameter and no optimizer-wide scalars}
     *
     * @param parameters one entry per parameter, in order
     */
    public static OptimizerState of(List<ParameterState> parameters) {
        return new OptimizerState(Map.of(), parameters);
    }

    /**
     * Checks that this state fits {@code parameters} (one entry each) and returns the array
     * {@code key} of parameter {@code index}, or null when the state has none under that key.
     *
     * @throws IllegalArgumentException when the state has a different number of parameters or the
     *                                  array's length differs from the parameter's size
     * @param parameters the parameters the state is for
     * @param index      which parameter
     * @param key        the array's name
     * @return the array (not a copy), or null
     */
    public float[] array(List<Parameter> parameters, int index, String key) {
        requireParameters(parameters);
        float[] values = this.parameters.get(index).arrays().get(key);
        int size = parameters.get(index).value().size();
        if (values != null && values.length != size) {
            throw new IllegalArgumentException("optimizer state '" + key + "' of parameter " + index + " ("
                    + parameters.get(index).name() + ") has " + values.length + " values but the parameter has "
                    + size);
        }
        return values;
    }

    /**
     * {@return scalar {@code key} of parameter {@code index}, or {@code fallback} when the state has none}
     *
     * @param parameters the parameters the state is for
     * @param index      which parameter
     * @param key        the scalar's name
     * @param fallback   the value when there is none
     */
    public double scalar(List<Parameter> parameters, int index, String key, double fallback) {
        requireParameters(parameters);
        return this.parameters.get(index).scalars().getOrDefault(key, fallback);
    }

    /**
     * Checks that this state holds nothing but the given names, so state saved by another kind of
     * optimizer is refused instead of half understood.
     *
     * @throws IllegalArgumentException naming the first value no optimizer of this kind keeps
     * @param arrayKeys  the array names this kind of optimizer keeps
     * @param scalarKeys the scalar names it keeps
     */
    public void requireOnly(List<String> arrayKeys, List<String> scalarKeys) {
        if (!scalarKeys.containsAll(scalars.keySet())) {
            throw new IllegalArgumentException(
                    "the state has " + scalars.keySet() + ", which this optimizer does not keep");
        }
        for (int i = 0; i < parameters.size(); i++) {
            ParameterState p = parameters.get(i);
            for (String key : p.arrays().keySet()) {
                if (!arrayKeys.contains(key)) {
                    throw new IllegalArgumentException("the state of parameter " + i + " has an array '" + key
                            + "', which this optimizer does not keep (it keeps "
                            + (arrayKeys.isEmpty() ? "none" : String.join(", ", arrayKeys)) + ")");
                }
            }
            for (String key : p.scalars().keySet()) {
                if (!scalarKeys.contains(key)) {
                    throw new IllegalArgumentException("the state of parameter " + i + " has a value '" + key
                            + "', which this optimizer does not keep");
                }
            }
        }
    }

    /**
     * Checks that this state has exactly one entry per parameter.
     *
     * @param parameters the parameters the state should be for
     * @throws IllegalArgumentException unless this state has exactly one entry per parameter
     */
    public void requireParameters(List<Parameter> parameters) {
        if (this.parameters.size() != parameters.size()) {
            throw new IllegalArgumentException("the optimizer state is for " + this.parameters.size()
                    + " parameters but the network has " + parameters.size());
        }
    }

    /**
     * The state of an optimizer that keeps one array per parameter (SGD's velocity, say) in an
     * identity map: copies of {@code arrays}' values under {@code key}, nothing for a parameter
     * that has none yet.
     *
     * @param parameters the parameters, in order
     * @param arrays     each parameter's array, by identity
     * @param key        the name to save them under
     * @return the state
     */
    public static OptimizerState ofArrays(List<Parameter> parameters, Map<Parameter, float[]> arrays, String key) {
        List<ParameterState> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            float[] values = arrays.get(p);
            out.add(ParameterState.of(values == null ? Map.of() : Map.of(key, values.clone())));
        }
        return of(out);
    }

    /**
     * The inverse of {@link #ofArrays}: copies of the arrays under {@code key}, by parameter
     * (an {@link IdentityHashMap}), for the parameters that have one.
     *
     * @throws IllegalArgumentException when this state does not fit {@code parameters}
     * @param parameters the parameters, in order
     * @param key        the arrays' name
     * @return the arrays, by parameter
     */
    public Map<Parameter, float[]> arraysByParameter(List<Parameter> parameters, String key) {
        requireOnly(List.of(key), List.of());
        Map<Parameter, float[]> out = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            float[] values = array(parameters, i, key);
            if (values != null) {
                out.put(parameters.get(i), values.clone());
            }
        }
        return out;
    }

    private static <V> Map<String, V> readOnly(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        Objects.requireNonNull(map, "map")
                .forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(copy);
    }
}
