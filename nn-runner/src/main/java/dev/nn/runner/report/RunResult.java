package dev.nn.runner.report;

import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.train.History;
import dev.nn.runner.config.PipelineConfig;
import java.nio.file.Path;

/**
 * Everything a finished run produced, handed to each {@link ReportWriter}.
 *
 * @param test       the evaluation on the test part of classification data, or null (regression, or no test part)
 * @param timings    where the run's wall time went (the report's and the whole run's are NaN until the last file is written)
 * @param regression the evaluation on the test part of regression data, or null (classification, or no test part)
 * @param testRows   the row of the data as loaded (or of its fixed test split) that each test example is, in the
 *                   test part's order; null when not known (a run read back from its folder)
 */
public record RunResult(
        PipelineConfig config,
        Path runDir,
        Split split,
        Network network,
        History history,
        Evaluation test,
        String dataChecksum,
        RunTimings timings,
        RegressionEvaluation regression,
        int[] testRows) {

    /** {@return true when the data has regression targets rather than classes} */
    public boolean isRegression() {
        return !split.train().isClassification();
    }

    /**
     * {@return this result with {@code t} as its timings}
     *
     * @param t the timings
     */
    public RunResult withTimings(RunTimings t) {
        return new RunResult(config, runDir, split, network, history, test, dataChecksum, t, regression, testRows);
    }
}
