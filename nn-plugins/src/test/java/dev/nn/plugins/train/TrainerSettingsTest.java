package dev.nn.plugins.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
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
}
