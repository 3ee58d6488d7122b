package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nn.api.ConfigException;
import dev.nn.api.Parameter;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.core.train.TrainingState;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on Spark through {@link SparkRounds}, on the shared local[2] session: exact rounds give the
 * bits of one machine for any partition count; averaging rounds reach its accuracy.
 */
class SparkRoundsTest {
    private static final Split DIGITS = Datasets.digits().split(0.2, 3).standardize();

    private static Network network() {
        return Network.builder(64)
                .add(dense(48).activation("relu"))
                .add(dropout(0.2))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(11)
                .build();
    }

    private static TrainerBuilder trainer() {
        return Trainer.builder()
                .optimizer(Optimizers.adam(0.005))
                .batchSize(100)
                .epochs(2)
                .shardRows(16)
                .clipNorm(5);
    }

    private static List<float[]> weights(Network net) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            out.add(p.value().data().clone());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 3})
    void exactRoundsGiveTheBitsOfOneMachine(int partitions) {
        Network local = network();
        History one = trainer().build().fit(local, DIGITS.train(), DIGITS.validation());

        Network spark = network();
        History many = trainer()
                .rounds(SparkRounds.factory(SharedSpark.session(), partitions, 1))
                .build()
                .fit(spark, DIGITS.train(), DIGITS.validation());

        List<float[]> a = weights(local);
        List<float[]> b = weights(spark);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("parameter %d", i).containsExactly(a.get(i));
        }
        assertThat(many.epochs()).hasSameSizeAs(one.epochs());
        for (int e = 0; e < one.epochs().size(); e++) {
            assertThat(many.epochs().get(e).loss())
                    .isEqualTo(one.epochs().get(e).loss());
            assertThat(many.epochs().get(e).accuracy())
                    .isEqualTo(one.epochs().get(e).accuracy());
        }
    }

    @Test
    void averagingRoundsReachTheAccuracyOfOneMachine() {
        TrainerBuilder longer = Trainer.builder()
                .optimizer(Optimizers.adam(0.005))
                .batchSize(32)
                .epochs(12);
        Network local = network();
        longer.build().fit(local, DIGITS.train());
        double alone = local.evaluate(DIGITS.test()).accuracy();

        Network spark = network();
        longer.rounds(SparkRounds.factory(SharedSpark.session(), 2, 4)).build().fit(spark, DIGITS.train());
        double averaged = spark.evaluate(DIGITS.test()).accuracy();

        assertThat(alone).isGreaterThan(0.9);
        assertThat(averaged).isGreaterThanOrEqualTo(alone - 0.01);
    }

    @Test
    void exactRoundsWithoutShardsAreRefusedNamingTheOption() {
        TrainerBuilder whole =
                Trainer.builder().batchSize(64).epochs(1).rounds(SparkRounds.factory(SharedSpark.session(), 2, 1));
        assertThatThrownBy(() -> whole.build().fit(network(), DIGITS.train()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.shard_rows");
    }

    /** A checkpoint's copy: the parameters and the state at the moment it was written. */
    record Saved(List<float[]> parameters, TrainingState state) {}

    @ParameterizedTest(name = "local_steps {0}")
    @ValueSource(ints = {1, 3})
    void aRunStoppedBetweenRoundsResumesToTheSameBits(int localSteps) {
        Supplier<TrainerBuilder> trainer = () -> Trainer.builder()
                .optimizer(Optimizers.adam(0.005))
                .schedule(Schedules.oneCycle(0.01))
                .batchSize(64)
                .epochs(3)
                .shardRows(16)
                .rounds(SparkRounds.factory(SharedSpark.session(), 2, localSteps));
        Network straight = network();
        History whole = trainer.get().build().fit(straight, DIGITS.train());

        List<Saved> saved = new ArrayList<>();
        int[] asked = {0};
        assertThatThrownBy(() -> trainer.get()
                        .checkpoint((net, state) -> saved.add(new Saved(weights(net), state)))
                        .stopWhen(() -> asked[0]++ == 11)
                        .build()
                        .fit(network(), DIGITS.train()))
                .isInstanceOf(TrainingInterruptedException.class);
        Saved at = saved.get(saved.size() - 1);
        assertThat(at.state().batch()).as("stopped mid-epoch").isPositive();

        Network resumed = network();
        for (int i = 0; i < at.parameters().size(); i++) {
            System.arraycopy(
                    at.parameters().get(i),
                    0,
                    resumed.parameters().get(i).value().data(),
                    0,
                    at.parameters().get(i).length);
        }
        History rest = trainer.get().build().resume(resumed, DIGITS.train(), null, at.state());

        List<float[]> a = weights(straight);
        List<float[]> b = weights(resumed);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("parameter %d", i).containsExactly(a.get(i));
        }
        assertThat(rest.epochs().get(rest.epochs().size() - 1).loss())
                .isEqualTo(whole.epochs().get(whole.epochs().size() - 1).loss());
    }

    @Test
    void aDivergingRunOnSparkStopsWithTheMessageOfOneMachine() {
        TrainerBuilder wild = Trainer.builder()
                .optimizer(Optimizers.sgd(1e9))
                .batchSize(64)
                .epochs(2)
                .shardRows(16);
        Throwable alone = catchThrowable(() -> wild.build().fit(network(), DIGITS.train()));
        Throwable spark = catchThrowable(() -> wild.rounds(SparkRounds.factory(SharedSpark.session(), 2, 1))
                .build()
                .fit(network(), DIGITS.train()));
        assertThat(alone).isInstanceOf(TrainingDivergedException.class);
        assertThat(spark).isInstanceOf(TrainingDivergedException.class).hasMessage(alone.getMessage());
    }

    @Test
    void averagingAnOptimizerThatKeepsItsStateToItselfIsRefusedNamingTheOption() {
        Network net = network();
        dev.nn.api.Optimizer secretive = (parameters, ctx) -> {};
        assertThatThrownBy(() -> SparkRounds.requireAveragable(secretive, net.parameters(), "secretive"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("distributed.spark.local_steps: averaging (local_steps above 1) averages the optimizer's"
                        + " state, and optimizer 'secretive' cannot hand it out; use local_steps: 1, or sgd, adam,"
                        + " adamw, rmsprop, adagrad or nadam");
    }
}
