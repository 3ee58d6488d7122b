package dev.nn.spark;

import dev.nn.runner.cli.NnCommand;

/** Runs {@code nn validate} in a JVM of its own, then says whether a SparkSession is running: what {@link TrainMainTest} watches. */
public final class ValidateWithoutSpark {
    private ValidateWithoutSpark() {}

    /**
     * Prints the exit status and whether validating started Spark.
     *
     * @param args the config to validate
     */
    public static void main(String[] args) {
        int code = NnCommand.run(new String[] {"validate", args[0]}, System.out, System.err);
        System.out.println("exit " + code + ", spark running " + (SparkSessions.running() != null));
    }
}
