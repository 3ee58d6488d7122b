package dev.nn.core.train;

import dev.nn.api.ConfigException;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * One run's early stopping: the best value of the monitored metric, its epoch, the epochs since, whether
 * it has stopped the run, and the best epoch's weights (its parameters and the layers' buffers). Like an optimizer's, its {@link #state()} goes
 * into a checkpoint and {@link #restore} puts it back.
 */
final class EarlyStopper {
    private final EarlyStopping rule;
    private double bestValue = Double.NaN;
    private int bestEpoch;
    private int sinceBest;
    private boolean stopped;
    private float[][] best;

    /** Bookkeeping for {@code rule}; null for none: then it never stops the run. */
    EarlyStopper(EarlyStopping rule) {
        this.rule = rule;
    }

    /** Takes an epoch's figures (the network holding its weights); true when the run stops here. */
    boolean update(EpochStats stats, List<Parameter> params) {
        if (rule == null) {
            return false;
        }
        double value = stats.metric(rule.monitor());
        if (rule.improves(value, bestValue)) {
            bestValue = value;
            bestEpoch = stats.epoch();
            sinceBest = 0;
            if (rule.restoreBest()) {
                best = snapshot(params, best);
            }
        } else if (++sinceBest > rule.patience()) {
            stopped = true;
        }
        return stopped;
    }

    boolean stopped() {
        return stopped;
    }

    /** Puts back the best weights unless they are the last epoch's; returns the epoch the weights are now from. */
    int finish(List<Parameter> params, int epochsRun) {
        if (best == null || bestEpoch == epochsRun) {
            return epochsRun;
        }
        for (int i = 0; i < params.size(); i++) {
            float[] values = params.get(i).value().data();
            System.arraycopy(best[i], 0, values, 0, values.length);
        }
        return bestEpoch;
    }

    TrainingState.Stopping state() {
        return new TrainingState.Stopping(
                bestValue, bestEpoch, sinceBest, stopped, best == null ? List.of() : List.of(best));
    }

    /** Where {@code saved} left it; its best weights must fit {@code params} (their count is checked with the rest of the state). */
    void restore(TrainingState.Stopping saved, List<Parameter> params) {
        bestValue = saved.bestValue();
        bestEpoch = saved.bestEpoch();
        sinceBest = saved.sinceBest();
        stopped = saved.stopped();
        if (saved.bestWeights().isEmpty()) {
            return;
        }
        best = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            if (saved.bestWeights().get(i).length != params.get(i).value().size()) {
                throw new ConfigException(
                        "checkpoint",
                        "the checkpoint's best weights of parameter " + i + " have "
                                + saved.bestWeights().get(i).length + " values, the network's "
                                + params.get(i).value().size());
            }
            best[i] = saved.bestWeights().get(i).clone();
        }
    }

    private static float[][] snapshot(List<Parameter> params, float[][] into) {
        float[][] copy = into != null ? into : new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            float[] values = params.get(i).value().data();
            if (copy[i] == null) {
                copy[i] = values.clone();
            } else {
                System.arraycopy(values, 0, copy[i], 0, values.length);
            }
        }
        return copy;
    }
}
