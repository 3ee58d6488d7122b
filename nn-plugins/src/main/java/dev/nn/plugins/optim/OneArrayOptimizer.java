package dev.nn.plugins.optim;

import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an optimizer that keeps one array per parameter shares (SGD's velocity, RMSprop's mean
 * square): a learning rate a schedule may set, and the arrays, saved to and restored from a
 * checkpoint under one key.
 */
abstract class OneArrayOptimizer implements Optimizer {
    private final String key;
    private final Map<Parameter, float[]> arrays = new IdentityHashMap<>();
    private double learningRate;

    OneArrayOptimizer(String key, double learningRate) {
        this.key = key;
        this.learningRate = learningRate;
    }

    /** {@return the array kept for {@code parameter}, zeros the first time it is asked for} */
    final float[] array(Parameter parameter) {
        float[] a = arrays.get(parameter);
        if (a == null) {
            a = new float[parameter.value().size()];
            arrays.put(parameter, a);
        }
        return a;
    }

    /** Each parameter's array that has been made, under the key. */
    @Override
    public final Optional<OptimizerState> state(List<Parameter> parameters) {
        return Optional.of(OptimizerState.ofArrays(parameters, arrays, key));
    }

    @Override
    public final void restoreState(List<Parameter> parameters, OptimizerState state) {
        Map<Parameter, float[]> restored = state.arraysByParameter(parameters, key);
        arrays.clear();
        arrays.putAll(restored);
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
