package dev.nn.plugins.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.Warmup;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Layers;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Schedules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder takes its defaults, ranges and messages from the train section's declaration, as YAML does. */
class TrainerSettingsTest {

    @Test
    void theBuildersDefaultsAreTheTrainSectionsDefaults() {
        Trainer trainer = Trainer.builder().build();

        assertThat(trainer.epochs())
                .isEqualTo(TrainerBuilder.OPTIONS.key("epochs").defaultValue())
                .isEqualTo(10);
        assertThat(trainer.batchSize())
                .isEqualTo(TrainerBuilder.OPTIONS.key("batch_size").defaultValue())
                .isEqualTo(32);
    }

    @Test
    void aBadBuilderValueGetsTheMessageYamlGives() {
        assertThatThrownBy(() ->
                        Trainer.builder().path("train").epochs(0).batchSize(-3).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("train.batch_size: must be at least 1, got -3\ntrain.epochs: must be at least 1, got 0");
        assertThatThrownBy(() ->
                        Trainer.builder().optimizer("sgd", Map.of("lr", -1)).build())
                .hasMessage("optimizer.sgd.lr: option 'lr' must be above 0, got -1");
    }

    @Test
    void aWarmupIsRefusedBeforeASchedulePyTorchCannotChainAndWhenItLeavesNoEpochs() {
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.oneCycle(0.1))
                        .warmup(2, 0.1)
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("train.warmup: schedule 'one_cycle' sets the rate every batch and shapes its own start"
                        + " (one_cycle warms up through pct_start); remove train.warmup");
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.reduceOnPlateau())
                        .warmup(2, 0.1)
                        .build())
                .hasMessage("train.warmup: schedule 'reduce_on_plateau' follows val_loss rather than the epoch, so a"
                        + " warm-up cannot be chained before it (PyTorch's SequentialLR cannot either); remove"
                        + " train.warmup");
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.cosine(0))
                        .epochs(5)
                        .warmup(5, 0.1)
                        .build())
                .hasMessage("train.warmup.epochs: 5 epochs of warm-up leave none of the 5 epochs to schedule"
                        + " 'cosine'; warm up for fewer epochs than train.epochs");
        assertThatThrownBy(() -> new Warmup(0, 1.5))
                .hasMessage(
                        "warmup.epochs: must be at least 1, got 0\nwarmup.start_factor: must be in (0, 1], got 1.5");
        assertThat(Trainer.builder().epochs(3).warmup(3, 0.5).build().epochs())
                .as("without a schedule the warm-up may take every epoch")
                .isEqualTo(3);
    }

    @Test
    void aScheduleWatchingValidationFiguresWithoutValidationDataIsOneLineNamingItsOption() {
        Split digits = Datasets.digits().split(0.2, 0.0, 1, true);
        Network net = Network.builder(64)
                .add(Layers.dense(10))
                .loss(Losses.softmaxCrossEntropy())
                .build();
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.reduceOnPlateau("val_accuracy", 0.5, 1))
                        .build()
                        .fit(net, digits.train()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "train.schedule.reduce_on_plateau.monitor: schedule 'reduce_on_plateau' monitors val_accuracy but there is"
                                + " no validation data; set a validation split or monitor accuracy");
        assertThatThrownBy(() -> Trainer.builder()
                        .schedule(Schedules.reduceOnPlateau().with("factor", 1.0))
                        .build())
                .hasMessage("schedule.reduce_on_plateau.factor: option 'factor' must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> Trainer.builder()
                        .path("train")
                        .schedule(Schedules.polynomial(0))
                        .build())
                .hasMessage("train.schedule.polynomial.power: option 'power' must be above 0, got 0.0");
        assertThatThrownBy(() -> Trainer.builder()
                        .schedule(Schedules.reduceOnPlateau().with("monitor", "val_los"))
                        .build())
                .hasMessageStartingWith("schedule.reduce_on_plateau.monitor: ");
    }
}
