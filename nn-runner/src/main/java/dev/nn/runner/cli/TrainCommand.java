package dev.nn.runner.cli;

import dev.nn.core.eval.Evaluation;
import dev.nn.core.train.History;
import dev.nn.runner.pipeline.RunFolder;
import dev.nn.runner.pipeline.RunLog;
import dev.nn.runner.pipeline.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a pipeline and write its run folder (config.yaml, metrics.json, history.csv, report.txt,"
                + " model.zip, run.log, the plots of report.plots as PNG and report.html).")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "The pipeline's YAML file.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, typed like YAML (train.epochs=5).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default runs/<name>-<time>); must be new or empty.")
    Path out;

    @Option(names = "--seed", description = "Override the config's seed.")
    Long seed;

    @Option(names = "--threads", description = "Override the config's thread count.")
    Integer threads;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        if (threads != null) {
            all.add("threads=" + threads);
        }
        PipelineSession session = PipelineSession.open(config, all, plugins.absolute());
        // Everything that can be checked is checked before the run folder is created.
        session.located(session.pipeline::network);
        session.located(session.pipeline::plots);
        Path runDir;
        try {
            runDir = RunFolder.create(out, session.config.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder: " + e.getMessage(), e);
        }
        RunResult result;
        try (RunLog log = RunLog.attach(runDir.resolve("run.log"))) {
            result = session.located(() -> {
                try {
                    return session.pipeline.run(runDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the run folder " + runDir + ": " + e.getMessage(), e);
                }
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        Evaluation test = result.test();
        if (test != null) {
            out.printf(Locale.ROOT, "Test accuracy %.4f, loss %.4f, macro F1 %.4f (%d examples)%n",
                    test.accuracy(), test.loss(), test.macroF1(), test.size());
        }
        History h = result.history();
        out.printf(Locale.ROOT, "Trained %d epochs in %.2f s (%,.0f examples/s)%s%n", h.epochs().size(), h.seconds(),
                h.examplesPerSecond(), h.stoppedEarly() ? ", stopped early at the best epoch " + h.bestEpoch() : "");
        out.println("Run folder: " + runDir);
        out.println("Report: " + runDir.resolve("report.html"));
        return NnCommand.OK;
    }
}
