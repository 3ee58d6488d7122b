package dev.nn.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/** Starts Spark in a JVM of its own, runs a job and stops: what {@link OneLoggingBackendTest} watches. */
public final class SparkStart {
    private SparkStart() {}

    /**
     * Prints the SLF4J logger factory's class and the job's result on standard output.
     *
     * @param args none
     */
    public static void main(String[] args) {
        SparkSession spark = SharedSpark.start("local[1]");
        try {
            long n = spark.range(100).count();
            System.out.println(
                    "factory " + LoggerFactory.getILoggerFactory().getClass().getName());
            System.out.println("count " + n);
        } finally {
            spark.stop();
        }
    }
}
