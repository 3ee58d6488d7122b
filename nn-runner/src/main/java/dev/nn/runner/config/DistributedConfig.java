package dev.nn.runner.config;

/**
 * The {@code distributed} section of a pipeline: where training's batches are computed when not on
 * this machine alone. Today that is Apache Spark ({@code distributed.spark}), through a
 * {@link dev.nn.runner.pipeline.DistributedTraining} provider that nn-spark brings.
 *
 * @param backend    the section's one key, the provider's name: {@code spark}
 * @param master     the Spark master ({@code local[2]}, {@code yarn}, {@code spark://host:7077}); default
 *                   {@code local[*]}, and a session that is already running (as under {@code spark-submit})
 *                   keeps its own
 * @param partitions the partitions (tasks) of every round, at least 1 (default 2)
 * @param localSteps 1 for exact rounds (the bits of one machine; needs {@code train.shard_rows}), or the
 *                   local steps of each partition between two averages (default 1)
 * @param appName    the Spark application's name, or null for the run's name
 */
public record DistributedConfig(String backend, String master, int partitions, int localSteps, String appName) {

    /** {@return the option path of the section this config comes from ({@code distributed.spark}), for messages} */
    public String path() {
        return "distributed." + backend;
    }
}
