package dev.nn.runner.report;

import dev.nn.runner.config.PipelineConfig;
import java.io.IOException;

/**
 * Writes part of a run folder from a finished run (metrics, history, reports, plots). Bound with
 * a Guice multibinder, so a plugin's Guice module can add its own; writers run after training, in
 * the order they were bound, and never during it.
 */
public interface ReportWriter {

    /**
     * Writes this writer's files into {@code result.runDir()}.
     *
     * @param result the finished run
     * @throws IOException if a file cannot be written
     */
    void write(RunResult result) throws IOException;

    /**
     * Whether {@code nn report} runs this writer again on a finished run folder. True for views
     * drawn from the run (plots, report.html), which may be redrawn; false, the default, for the
     * run's own record (config.yaml, metrics.json, history.csv, report.txt, model.zip), which is
     * never rewritten. A regenerated {@link RunResult} has the network, history, split and test
     * evaluation read back from the folder, with the timings and environment in metrics.json.
     *
     * @return true when {@code nn report} may run it again
     */
    default boolean regenerable() {
        return false;
    }

    /**
     * One-time set-up that need not wait for the last batch, such as loading a drawing library's
     * classes and fonts: {@code nn train} calls it on a background thread when the run starts, so
     * that {@link #write} later finds it done. It must not touch the run folder or any state the
     * run's results depend on; a failure is ignored ({@link #write} meets it again). The default
     * does nothing.
     *
     * @param config the run's configuration, to skip set-up a run will not use
     */
    default void prepare(PipelineConfig config) {}
}
