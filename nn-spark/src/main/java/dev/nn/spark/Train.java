package dev.nn.spark;

import dev.nn.runner.cli.NnCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nn train} for {@code spark-submit}: {@code spark-submit --class dev.nn.spark.Train
 * nn-spark-<version>-all.jar CONFIG [--out DIR] [--resume DIR] [--set k=v]...} trains as {@code nn train}
 * does (it is that command, with its checks, run folder, checkpoints and messages), on the session
 * spark-submit's master gives when the config has {@code distributed: {spark: ...}}.
 */
public final class Train {
    private Train() {}

    /**
     * Runs {@code nn train} with {@code args}; exits with its status when that is not 0, and otherwise
     * returns, for spark-submit to end the application as it ends any other.
     *
     * @param args CONFIG and the options of {@code nn train}
     */
    public static void main(String[] args) {
        // Plots are drawn with AWT, which must not look for a display on a cluster's driver.
        System.setProperty("java.awt.headless", "true");
        int code = run(args);
        if (code != NnCommand.OK) {
            System.exit(code);
        }
    }

    /**
     * {@return the exit status of {@code nn train} with {@code args}} Stops the session it started, if any.
     *
     * @param args CONFIG and the options of {@code nn train}
     */
    static int run(String[] args) {
        List<String> command = new ArrayList<>(List.of("train"));
        command.addAll(List.of(args));
        try {
            return NnCommand.run(command.toArray(String[]::new), System.out, System.err);
        } finally {
            SparkSessions.stop();
        }
    }
}
