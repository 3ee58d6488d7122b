package dev.nn.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The SparkSession nn's pipelines run on: the one already running (a test's, an application's), or
 * one made from the config's {@code distributed.spark} (or {@code local[*]}) when there is none, whose
 * master {@code spark-submit} decides when it started this JVM. Only a session made here is stopped here.
 */
final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    /** What a session made here gets, as the config says; {@link #configure} sets it before any data loads. */
    private static String master = "local[*]";

    private static String appName = "nn";
    private static SparkSession started;

    private SparkSessions() {}

    /**
     * Notes the master and application name a session made later gets; starts nothing.
     *
     * @param masterUrl the config's {@code distributed.spark.master}
     * @param name      the application's name
     */
    static synchronized void configure(String masterUrl, String name) {
        master = masterUrl;
        appName = name;
    }

    /** A session: the running one, else a new one (which {@link #stop} stops later). */
    static synchronized SparkSession session() {
        SparkSession running = running();
        if (running != null) {
            return running;
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        // spark-submit passes its --master (and every --conf) to this JVM as system properties, which the builder
        // reads.
        String submitted = System.getProperty("spark.master");
        String chosen = submitted != null ? submitted : master;
        if (submitted == null) {
            builder.master(master);
        }
        if (System.getProperty("spark.ui.enabled") == null) {
            builder.config("spark.ui.enabled", "false");
        }
        if (chosen.startsWith("local") && System.getProperty("spark.driver.host") == null) {
            // A local master needs no network name; the loopback address spares the warning that the host's name
            // resolves to it.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        started = builder.getOrCreate();
        return started;
    }

    /** {@return where the master of {@code spark} came from, for the log line that says which} */
    static synchronized String masterSource(SparkSession spark) {
        if (spark != started) {
            return "the running session's";
        }
        return System.getProperty("spark.master") != null ? "from spark-submit" : "from distributed.spark.master";
    }

    /** The session running in this JVM, or null. */
    static SparkSession running() {
        Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return active.get();
        }
        Option<SparkSession> fallback = SparkSession.getDefaultSession();
        return fallback.isDefined() ? fallback.get() : null;
    }

    /** Stops the session made here, if there is one; a session that was running already keeps running. */
    static synchronized void stop() {
        if (started != null) {
            LOG.debug("Stopping the Spark session {}", started.sparkContext().applicationId());
            started.stop();
            started = null;
        }
    }
}
