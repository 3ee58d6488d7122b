package dev.nn.runner.config;

import java.util.List;

/**
 * The {@code report} section of a pipeline: what the run folder shows besides its metrics.
 *
 * @param plots the plots to draw, from {@code loss}, {@code accuracy}, {@code confusion} and
 *              {@code boundary} (2-D inputs only); default loss, accuracy and confusion
 */
public record ReportConfig(List<String> plots) {

    public ReportConfig {
        plots = List.copyOf(plots);
    }
}
