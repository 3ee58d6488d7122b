package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.runner.pipeline.FinishedRun;
import dev.nn.runner.report.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Redraw the plots and report.html of a finished run from its files (config.yaml, history.csv,"
                    + " metrics.json, model.zip). The test data is loaded again, as config.yaml says, and the saved model"
                    + " evaluated on it to redraw the confusion matrix and decision boundary; the run's own record"
                    + " (metrics, history, model) is left as it is."
        })
final class ReportCommand implements Callable<Integer> {
    /** What a run folder must hold for its report to be redrawn. */
    static final List<String> FILES = List.of("config.yaml", "history.csv", "metrics.json", "model.zip");

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by nn train.")
    Path runDir;

    @Option(names = "--threads", description = "Threads to evaluate with (default: the run's config).")
    Integer threads;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FinishedRun.require(runDir, FILES);
        List<String> overrides = new ArrayList<>();
        if (threads != null) {
            overrides.add("threads=" + threads);
        }
        PipelineSession session = PipelineSession.open(runDir.resolve("config.yaml"), overrides, plugins.absolute());
        Path modelFile = runDir.resolve("model.zip");
        SavedModel model;
        try {
            model = ModelFile.load(modelFile, session.registry, session.threads());
        } catch (IOException e) {
            throw new UncheckedIOException(modelFile + ": cannot read the model: " + e.getMessage(), e);
        }
        RunResult result = session.located(() -> {
            try {
                return FinishedRun.read(runDir, session.pipeline, model);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        modelFile.toString(), "does not fit the run's data any more: " + e.getMessage());
            }
        });
        session.located(session.pipeline::plots);
        try {
            session.pipeline.report(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + runDir + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("Report: " + runDir.resolve("report.html"));
        return NnCommand.OK;
    }
}
