package dev.nn.runner.report;

import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.train.History;
import dev.nn.runner.config.PipelineConfig;
import java.nio.file.Path;

/**
 * Everything a finished run produced, handed to each {@link ReportWriter}.
 *
 * @param test    the evaluation on the test part, or null when there is none
 * @param timings where the run's wall time went (the report's and the whole run's are NaN until the last file is written)
 */
public record RunResult(
        PipelineConfig config,
        Path runDir,
        Split split,
        Network network,
        History history,
        Evaluation test,
        String dataChecksum,
        RunTimings timings) {
    /**
     * {@return this result with {@code t} as its timings}
     *
     * @param t the timings
     */
    public RunResult withTimings(RunTimings t) {
        return new RunResult(config, runDir, split, network, history, test, dataChecksum, t);
    }
}
