package dev.nn.runner.pipeline;

import java.io.IOException;

/**
 * Writes part of a run folder from a finished run (metrics, history, reports, plots). Bound with
 * a Guice multibinder, so a plugin's Guice module can add its own.
 */
public interface ReportWriter {

    /** Writes this writer's files into {@code result.runDir()}. */
    void write(RunResult result) throws IOException;
}
