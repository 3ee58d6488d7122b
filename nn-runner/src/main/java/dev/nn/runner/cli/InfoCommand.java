package dev.nn.runner.cli;

import dev.nn.api.ColumnType;
import dev.nn.api.FeatureTransform;
import dev.nn.api.TableEncoding;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.TrainingState;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.report.Inputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
                + " a table's columns and encoded features, preprocessing, target scaling, the network and the"
                + " resolved config that trains it again. Reads checkpoints too.")
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
        TableEncoding table = info.preprocessing().table();
        if (table != null) {
            out.println("table: " + table.columns().size() + " columns, encoded into " + table.width() + " features"
                    + " (missing cells: "
                    + String.join(
                            ", ",
                            table.missingValues().stream()
                                    .map(v -> "'" + v + "'")
                                    .toList()) + ")");
            for (TableEncoding.Column c : table.columns()) {
                out.println("  " + column(c));
            }
            out.println("features: " + Inputs.list(table.featureNames()));
        }
        out.println("preprocessing: " + preprocessing(info.preprocessing().steps()));
        if (info.preprocessing().scalesTargets()) {
            out.println("target scaling: "
                    + String.join(
                            ", ",
                            info.preprocessing().targetSteps().stream()
                                    .map(FeatureTransform::kind)
                                    .toList())
                    + " (fitted on the training targets; predictions are in the targets' units)");
        }
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

    /** One column of a table as info shows it: {@code city: category, 3 values, missing: most_frequent (Paris), unseen: zeros}. */
    private static String column(TableEncoding.Column c) {
        String type = c.type().name().toLowerCase(Locale.ROOT);
        String missing = c.missing().name().toLowerCase(Locale.ROOT);
        String fill = c.fillLevel() != null ? c.fillLevel() : Float.isNaN(c.fill()) ? null : Float.toString(c.fill());
        String text = c.name() + ": " + type;
        if (c.type() == ColumnType.CATEGORY) {
            text += ", " + c.vocabulary().size() + " values";
        }
        text += ", missing: " + missing + (fill == null ? "" : " (" + fill + ")");
        if (c.type() == ColumnType.CATEGORY) {
            text += ", unseen: " + c.unseen().name().toLowerCase(Locale.ROOT);
        }
        return text;
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
