package dev.nn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping's bookkeeping: when it stops, which weights it puts back, and that its state resumes it. */
class EarlyStopperTest {
    private final Parameter weight = new Parameter("w", Matrix.of(new float[] {0}));
    private final List<Parameter> params = List.of(weight);

    /** Epoch {@code epoch} with validation loss {@code valLoss}, the weight set to the epoch's number. */
    private boolean epoch(EarlyStopper stopper, int epoch, double valLoss) {
        weight.value().data()[0] = epoch;
        return stopper.update(new EpochStats(epoch, 1, Double.NaN, valLoss, Double.NaN, 0.1, 0), params);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndPutsBackTheBestWeights() {
        EarlyStopper stopper = new EarlyStopper(new EarlyStopping("val_loss", 2, 0.01, true));

        assertThat(epoch(stopper, 1, 0.5)).isFalse();
        assertThat(epoch(stopper, 2, 0.3)).isFalse();
        assertThat(epoch(stopper, 3, 0.295)).as("less than min_delta better").isFalse();
        assertThat(epoch(stopper, 4, 0.4)).isFalse();
        assertThat(epoch(stopper, 5, 0.35)).isTrue();

        assertThat(stopper.finish(params, 5)).isEqualTo(2);
        assertThat(weight.value().data()[0]).isEqualTo(2);
    }

    @Test
    void aRestoredStateDecidesAsTheOriginalWouldHave() {
        EarlyStopper original = new EarlyStopper(new EarlyStopping("val_loss", 1, 0, true));
        epoch(original, 1, 0.5);
        epoch(original, 2, 0.6);
        TrainingState.Stopping saved = original.state();
        EarlyStopper resumed = new EarlyStopper(new EarlyStopping("val_loss", 1, 0, true));
        resumed.restore(saved, params);

        assertThat(resumed.state()).usingRecursiveComparison().isEqualTo(saved);
        assertThat(epoch(resumed, 3, 0.7)).isEqualTo(epoch(original, 3, 0.7)).isTrue();
        assertThat(resumed.finish(params, 3)).isEqualTo(1);
        assertThat(weight.value().data()[0]).isEqualTo(1);
    }

    @Test
    void withoutARuleItNeverStopsAndKeepsTheLastWeights() {
        EarlyStopper none = new EarlyStopper(null);

        assertThat(epoch(none, 1, 0.5)).isFalse();
        assertThat(epoch(none, 2, 9)).isFalse();
        assertThat(none.finish(params, 2)).isEqualTo(2);
        assertThat(weight.value().data()[0]).isEqualTo(2);
        assertThat(none.state().bestWeights()).isEmpty();
    }

    @Test
    void bestWeightsOfAnotherShapeAreRefused() {
        TrainingState.Stopping saved = new TrainingState.Stopping(0.1, 1, 0, false, List.of(new float[] {1, 2}));

        assertThatThrownBy(() -> new EarlyStopper(EarlyStopping.of("val_loss", 1)).restore(saved, params))
                .isInstanceOf(ConfigException.class)
                .hasMessage("checkpoint: the checkpoint's best weights of parameter 0 have 2 values, the network's 1");
    }

    @Test
    void itsSettingsAreCheckedAsTheConfigsAre() {
        assertThatThrownBy(() -> new EarlyStopping("val_los", 1, 0, true))
                .hasMessage(
                        "early_stopping.monitor: must be one of val_loss, val_accuracy, loss, accuracy, got 'val_los'"
                                + " (did you mean 'val_loss'?)");
        assertThatThrownBy(() -> new EarlyStopping("loss", -1, Double.NaN, true))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .extracting(Object::toString)
                        .containsExactly(
                                "early_stopping.patience: must be at least 0, got -1",
                                "early_stopping.min_delta: must be a finite number (at least 0), got NaN"));
    }
}
