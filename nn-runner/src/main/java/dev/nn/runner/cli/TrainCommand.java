package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.History;
import dev.nn.core.train.TrainingInterruptedException;
import dev.nn.runner.pipeline.RunCheckpoint;
import dev.nn.runner.pipeline.RunFolder;
import dev.nn.runner.pipeline.RunLog;
import dev.nn.runner.report.RunResult;
import dev.nn.runner.report.RunTimings;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a pipeline and write its run folder (config.yaml, metrics.json, history.csv, report.txt,"
                    + " model.zip, run.log, the plots of report.plots as PNG and report.html).",
            "Ctrl-C stops after the batch in progress, saves checkpoint.zip (with train.checkpoint: true) and prints"
                    + " the command that resumes; a second Ctrl-C quits at once."
        })
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "The pipeline's YAML file.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a config value, typed like YAML (train.epochs=5).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The run folder (default runs/<name>-<time>); must be new or empty.")
    Path out;

    @Option(names = "--seed", description = "Override the config's seed.")
    Long seed;

    @Option(names = "--threads", description = "Override the config's thread count.")
    Integer threads;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its checkpoint.zip,"
                    + " with the same CONFIG, --set and --seed; it ends with the same weights as a run never stopped.")
    Path resume;

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
        if (resume != null && out != null) {
            throw new ConfigException("--out", "--resume continues in the run folder it names; leave out --out");
        }
        // What loading the data logs (the task inferred, rows left out) goes into run.log too, once it opens.
        RunLog.Early early = RunLog.early();
        try {
            return train(all, early);
        } finally {
            early.close();
        }
    }

    private Integer train(List<String> all, RunLog.Early early) {
        PipelineSession session = PipelineSession.open(config, all, plugins.absolute());
        // Everything that can be checked is checked before the run folder is created. The data's checksum
        // is of the examples as loaded, so it comes before preprocessing, which changes them in place.
        session.located(session.pipeline::dataChecksum);
        session.located(session.pipeline::network);
        session.located(session.pipeline::plots);
        Checkpoint checkpoint = null;
        Path runDir;
        try {
            if (resume != null) {
                checkpoint = RunCheckpoint.open(resume, session.config, session.registry, session.threads());
                runDir = resume;
            } else {
                runDir = RunFolder.create(out, session.config.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot " + (resume != null ? "read the checkpoint in " + resume : "create the run folder") + ": "
                            + e.getMessage(),
                    e);
        }
        if (checkpoint != null) {
            // Before run.log opens in the run folder, so that a refused resume changes nothing there.
            Checkpoint resumed = checkpoint;
            session.located(() -> {
                session.pipeline.requireSameData(resumed);
                return null;
            });
        }
        Checkpoint from = checkpoint;
        RunResult result;
        try (RunLog log = RunLog.attach(runDir.resolve("run.log"), early);
                CtrlC ctrlC = CtrlC.install(spec.commandLine().getErr())) {
            result = session.located(() -> {
                try {
                    return session.pipeline.run(runDir, from, ctrlC::requested);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the run folder " + runDir + ": " + e.getMessage(), e);
                }
            });
        } catch (TrainingInterruptedException e) {
            throw new NnCommand.Interrupted(interrupted(e, runDir), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        Evaluation test = result.test();
        if (test != null) {
            out.printf(
                    Locale.ROOT,
                    "Test accuracy %.4f, loss %.4f, macro F1 %.4f (%d examples)%n",
                    test.accuracy(),
                    test.loss(),
                    test.macroF1(),
                    test.size());
        }
        RegressionEvaluation regression = result.regression();
        if (regression != null) {
            out.printf(
                    Locale.ROOT,
                    "Test R2 %.4f, MAE %.4g, loss %.4f%s (%d examples%s)%n",
                    regression.r2(),
                    regression.mae(),
                    regression.loss(),
                    // The loss is the one training minimises, on the scaled targets; R2 and MAE are in the targets'
                    // units.
                    result.network().targetScaling().isEmpty() ? "" : " on the scaled targets",
                    regression.size(),
                    regression.outputs() > 1 ? ", averaged over " + regression.outputs() + " outputs" : "");
        }
        History h = result.history();
        // The training time as metrics.json records it (to the millisecond), so that both round alike:
        // 0.2649 s would print as 0.26 here but 0.265 there, and then as 0.27 from the file.
        double trainSeconds = RunTimings.toMillisecond(h.seconds());
        out.printf(
                Locale.ROOT,
                "Trained %d epochs in %.2f s (%,.0f examples/s)%s%n",
                h.epochs().size(),
                trainSeconds,
                h.examplesPerSecond(),
                h.stoppedEarly() ? ", stopped early at the best epoch " + h.bestEpoch() : "");
        RunTimings t = result.timings();
        out.printf(
                Locale.ROOT,
                "Start-up %.2f s, training %.2f s, evaluation and reports %.2f s: %.2f s in all%n",
                t.startupSeconds(),
                trainSeconds,
                t.reportSeconds(),
                t.wallSeconds());
        out.println("Run folder: " + runDir);
        out.println("Report: " + runDir.resolve("report.html"));
        return NnCommand.OK;
    }

    /** What to tell a person whose Ctrl-C stopped training: where, and the command that resumes. */
    private List<String> interrupted(TrainingInterruptedException e, Path runDir) {
        String at =
                e.batch() == 0 ? "before epoch " + e.epoch() : "after batch " + e.batch() + " of epoch " + e.epoch();
        if (!e.checkpointSaved()) {
            return List.of(
                    "stopped " + at + " (Ctrl-C); no checkpoint was kept since train.checkpoint is false, so this"
                            + " run cannot be resumed: set train.checkpoint: true to make runs resumable");
        }
        List<String> command = new ArrayList<>(List.of("nn", "train", config.toString()));
        for (String override : overrides) {
            command.add("--set");
            command.add(override);
        }
        if (seed != null) {
            command.addAll(List.of("--seed", seed.toString()));
        }
        if (threads != null) {
            command.addAll(List.of("--threads", threads.toString()));
        }
        for (Path plugin : plugins.paths) {
            command.addAll(List.of("--plugins", plugin.toString()));
        }
        command.addAll(List.of("--resume", runDir.toString()));
        return List.of(
                "stopped " + at + " (Ctrl-C); saved " + runDir.resolve(Checkpoint.FILE_NAME),
                "resume with: "
                        + String.join(
                                " ",
                                command.stream().map(TrainCommand::shellWord).toList()));
    }

    /** {@code word} as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
    static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
