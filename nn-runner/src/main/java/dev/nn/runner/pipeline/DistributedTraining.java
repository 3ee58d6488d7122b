package dev.nn.runner.pipeline;

import dev.nn.core.Network;
import dev.nn.core.train.Rounds;
import dev.nn.runner.config.PipelineConfig;

/**
 * Trains a pipeline's batches somewhere other than this machine alone, as its {@code distributed:}
 * section asks: nn-spark's {@code dev.nn.spark.SparkTraining} (named {@code spark}) computes them on
 * Apache Spark. Found through {@code META-INF/services} by the plugin registry, so nn-runner never
 * names nn-spark or Spark; without one on the class path a distributed config is refused before
 * anything is written. The {@link dev.nn.core.train.Trainer} still owns the run: epochs, rates,
 * validation, checkpoints and {@code --resume} are those of a local run.
 */
public interface DistributedTraining {

    /** {@return the key of {@code distributed:} this provider serves ({@code spark})} */
    String name();

    /**
     * Notes the config before its data loads, starting nothing: a dataset that reads through the
     * cluster (nn-spark's {@code parquet}) then starts the cluster's session as the config says.
     *
     * @param config the pipeline's config, whose {@link PipelineConfig#distributed()} is this provider's
     */
    default void configure(PipelineConfig config) {}

    /**
     * Checks, starting nothing, what training {@code net} on the cluster would refuse (exact rounds
     * without {@code train.shard_rows}, say), so that it is refused before the run folder is written.
     *
     * @param config the pipeline's config
     * @param net    the network it trains
     * @throws dev.nn.api.ConfigException naming the option to change
     */
    void check(PipelineConfig config, Network net);

    /**
     * Connects to the cluster (starting its session when none is running) for one training run.
     *
     * @param config the pipeline's config
     * @return the session, whose rounds the trainer runs; closing it stops what it started
     */
    Session open(PipelineConfig config);

    /** A connection to the cluster for one run: its rounds, and what closing it stops. */
    interface Session extends AutoCloseable {
        /** {@return the rounds of the run, for {@link dev.nn.core.train.TrainerBuilder#rounds}} */
        Rounds.Factory rounds();

        /** Stops what {@link DistributedTraining#open} started (a session it did not start keeps running). */
        @Override
        void close();
    }
}
