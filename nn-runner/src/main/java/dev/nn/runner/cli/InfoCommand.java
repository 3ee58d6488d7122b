package dev.nn.runner.cli;

import dev.nn.api.FeatureTransform;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.TrainingState;
import dev.nn.runner.config.PipelineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "How a model was made: format, nn version, time, seed, engine, data checksum, classes,"
                + " preprocessing, the network and the resolved config that trains it again. Reads checkpoints too.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.zip (or checkpoint.zip) from a run folder.")
    Path model;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SavedModel saved;
        TrainingState state = null;
        PluginRegistry registry = plugins.registry();
        try {
            if (Checkpoint.isCheckpoint(model)) {
                Checkpoint checkpoint = Checkpoint.load(model, registry, 1);
                saved = checkpoint.model();
                state = checkpoint.state();
            } else {
                saved = ModelFile.load(model, registry, 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot read the model: " + e.getMessage(), e);
        }
        ModelInfo info = saved.info();
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                model + ": nn " + (state == null ? "model" : "checkpoint") + " file, format " + saved.formatVersion());
        if (state != null) {
            out.println("training: "
                    + (state.stopping().stopped()
                            ? "stopped early after epoch " + (state.epoch() - 1)
                            : state.finished()
                                    ? "all " + state.epochs() + " epochs done"
                                    : "at " + state.position() + " of " + state.epochs()
                                            + " epochs; nn train CONFIG --resume RUN_DIR continues it"));
        }
        out.println("nn version: " + orUnknown(info.nnVersion()));
        out.println("created: " + orUnknown(info.created()));
        out.println("seed: " + info.seed());
        out.println("engine: " + orUnknown(info.engine()));
        out.println("platform: " + orUnknown(info.platform()));
        out.println("data checksum: " + orUnknown(info.dataChecksum()));
        out.println("classes: "
                + (info.classNames().isEmpty()
                        ? "none (regression)"
                        : String.join(", ", info.classNames()) + " ("
                                + info.classNames().size() + ")"));
        out.println("preprocessing: " + preprocessing(info.preprocessing().steps()));
        out.println();
        out.print(saved.network().summary());
        out.println();
        if (info.config().isEmpty()) {
            out.println("config: not recorded");
        } else {
            out.println("config (resolved; save it as a .yaml file and nn train it to make this model again):");
            out.println();
            out.print(PipelineConfig.yaml(info.config()));
        }
        return NnCommand.OK;
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "unknown" : value;
    }

    private static String preprocessing(List<FeatureTransform> steps) {
        if (steps.isEmpty()) {
            return "none";
        }
        return String.join(", ", steps.stream().map(FeatureTransform::kind).toList()) + " (fitted on the training data,"
                + " " + steps.get(0).shift().length
                + " features; applied to raw inputs by nn predict and Network.load)";
    }
}
