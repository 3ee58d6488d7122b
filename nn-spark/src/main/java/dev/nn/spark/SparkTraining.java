package dev.nn.spark;

import dev.nn.core.Network;
import dev.nn.core.train.Rounds;
import dev.nn.runner.config.DistributedConfig;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.pipeline.DistributedTraining;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code distributed: {spark: {master, partitions, local_steps}}} for {@code nn train}: the runner's
 * {@link DistributedTraining} provider ({@code spark}), which runs the trainer's batches with
 * {@link SparkRounds} on the running SparkSession or on one it starts (and stops after training).
 */
public final class SparkTraining implements DistributedTraining {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);

    /** For {@link java.util.ServiceLoader}. */
    public SparkTraining() {}

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void configure(PipelineConfig config) {
        DistributedConfig spark = config.distributed();
        SparkSessions.configure(spark.master(), appName(config));
    }

    @Override
    public void check(PipelineConfig config, Network net) {
        // What SparkRounds refuses when training starts, refused now, before the run folder is written.
        if (config.distributed().localSteps() == 1) {
            SparkRounds.requireExact(net, config.train().shardRows());
        } else {
            SparkRounds.requireAveragable(
                    net.registry().optimizer(config.train().optimizer(), "train.optimizer"),
                    net.parameters(),
                    config.train().optimizer().name());
        }
    }

    @Override
    public Session open(PipelineConfig config) {
        DistributedConfig wanted = config.distributed();
        SparkSessions.configure(wanted.master(), appName(config));
        SparkSession spark = SparkSessions.session();
        LOG.info(
                "Training on Spark: master {} ({}), {} partitions, local_steps {}{}",
                spark.sparkContext().master(),
                SparkSessions.masterSource(spark),
                wanted.partitions(),
                wanted.localSteps(),
                wanted.localSteps() == 1 ? " (exact: the bits of one machine)" : " (averaging)");
        Rounds.Factory rounds = SparkRounds.factory(spark, wanted.partitions(), wanted.localSteps());
        return new Session() {
            @Override
            public Rounds.Factory rounds() {
                return rounds;
            }

            @Override
            public void close() {
                SparkSessions.stop();
            }
        };
    }

    private static String appName(PipelineConfig config) {
        String name = config.distributed().appName();
        return name != null ? name : "nn " + config.name();
    }
}
