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

    /** Epoch {@code epoch} of a regression run with validation R² {@code r2} and MAE {@code mae}. */
    private boolean regressionEpoch(EarlyStopper stopper, int epoch, double r2, double mae) {
        weight.value().data()[0] = epoch;
        return stopper.update(new EpochStats(epoch, 1, Double.NaN, 0.5, Double.NaN, 0.1, 0, r2, mae), params);
    }

    @Test
    void r2ShouldRiseAndTheMeanAbsoluteErrorFall() {
        EarlyStopper r2 = new EarlyStopper(new EarlyStopping("val_r2", 1, 0, true));
        assertThat(regressionEpoch(r2, 1, 0.2, 9)).isFalse();
        assertThat(regressionEpoch(r2, 2, 0.6, 9)).isFalse();
        assertThat(regressionEpoch(r2, 3, 0.5, 1))
                .as("R² fell, however small the MAE")
                .isFalse();
        assertThat(regressionEpoch(r2, 4, 0.4, 1)).isTrue();
        assertThat(r2.finish(params, 4)).isEqualTo(2);

        EarlyStopper mae = new EarlyStopper(new EarlyStopping("val_mae", 1, 0, true));
        assertThat(regressionEpoch(mae, 1, 0.9, 3)).isFalse();
        assertThat(regressionEpoch(mae, 2, 0.1, 2)).isFalse();
        assertThat(regressionEpoch(mae, 3, 0.9, 2.5))
                .as("MAE rose, however good the R²")
                .isFalse();
        assertThat(regressionEpoch(mae, 4, 0.9, 2.1)).isTrue();
        assertThat(mae.finish(params, 4)).isEqualTo(2);
    }

    @Test
    void everyMonitorKnowsWhichWayIsBetter() {
        assertThat(EarlyStopping.MONITORS)
                .containsExactly("val_loss", "val_accuracy", "val_r2", "val_mae", "loss", "accuracy");
        assertThat(EarlyStopping.MONITORS.stream().filter(EarlyStopping::maximizes))
                .containsExactly("val_accuracy", "val_r2", "accuracy");
        assertThat(EarlyStopping.of("val_mae", 1).maximize()).isFalse();
        assertThat(EarlyStopping.of("val_r2", 1).maximize()).isTrue();
        assertThatThrownBy(() -> EarlyStopping.maximizes("r2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown metric 'r2'; use one of val_loss, val_accuracy, val_r2, val_mae, loss, accuracy");
    }

    @Test
    void aMonitorOfTheOtherTaskIsRefusedAtItsPath() {
        dev.nn.api.Dataset regression = dev.nn.api.Dataset.regression(
                "house", Matrix.of(new float[] {1}, new float[] {2}), Matrix.of(new float[] {3}, new float[] {4}));
        dev.nn.api.Dataset classes = dev.nn.api.Dataset.classification(
                "house", Matrix.of(new float[] {1}, new float[] {2}), new int[] {0, 1});
        List<ConfigException.Problem> problems = new java.util.ArrayList<>();

        EarlyStopping.checkMonitor("early stopping", "val_accuracy", regression, regression, "a", problems);
        EarlyStopping.checkMonitor("early stopping", "accuracy", regression, null, "b", problems);
        EarlyStopping.checkMonitor("schedule 'reduce_on_plateau'", "val_r2", classes, classes, "c", problems);
        EarlyStopping.checkMonitor("early stopping", "val_mae", classes, classes, "d", problems);
        EarlyStopping.checkMonitor("early stopping", "val_r2", regression, null, "e", problems);
        EarlyStopping.checkMonitor("early stopping", "val_mae", regression, regression, "f", problems);
        EarlyStopping.checkMonitor("early stopping", "val_accuracy", classes, classes, "g", problems);

        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "a: early stopping monitors val_accuracy, which is measured for classes only, but the data"
                                + " has regression targets; monitor val_r2, val_mae or val_loss",
                        "b: early stopping monitors accuracy, which is measured for classes only, but the data has"
                                + " regression targets; monitor loss",
                        "c: schedule 'reduce_on_plateau' monitors val_r2, which is measured for regression targets"
                                + " only, but the data has classes; monitor val_accuracy or val_loss",
                        "d: early stopping monitors val_mae, which is measured for regression targets only, but the"
                                + " data has classes; monitor val_accuracy or val_loss",
                        "e: early stopping monitors val_r2 but there is no validation data; set a validation split"
                                + " or monitor loss");
    }

    @Test
    void itsSettingsAreCheckedAsTheConfigsAre() {
        assertThatThrownBy(() -> new EarlyStopping("val_los", 1, 0, true))
                .hasMessage(
                        "early_stopping.monitor: must be one of val_loss, val_accuracy, val_r2, val_mae, loss, accuracy, got 'val_los'"
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
