package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.OptionSpec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.TrainerBuilder;
import java.util.List;
import java.util.Map;

/**
 * The keys of the pipeline format, their types, defaults and descriptions, declared as
 * {@link OptionSpec}s like any provider's options: one table that the loader checks against (with
 * the registry's {@code OptionChecker}) and the JSON Schema is generated from, so the two cannot
 * disagree. The {@code train} section is the trainer's own ({@link TrainerBuilder#OPTIONS}).
 */
final class PipelineFormat {

    /** The plots a run can write; {@code auto} stands for the ones that fit the data (see {@link ReportConfig}). */
    static final List<String> PLOTS = List.of(
            ReportConfig.AUTO, "loss", "accuracy", "confusion", "boundary", "weights", "r2", "predicted", "residuals");

    /** A run name becomes part of a folder name, so it keeps to characters every file system takes. */
    static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    /** The run's name: its default (the file's name) and its message are the loader's. */
    static final OptionSpec NAME = OptionSpec.string(
                    "name", "name of the run, used in the run folder's name; default:" + " the file's name")
            .pattern(NAME_PATTERN);

    /** A plugin jar or folder: checked as a file by the loader. */
    static final OptionSpec PLUGIN = OptionSpec.path("plugin", "a plugin jar or a folder of jars");

    /** Training on a cluster; absent: on this machine. */
    static final OptionSpec DISTRIBUTED = OptionSpec.section(
            "distributed",
            "train on a cluster instead of this machine alone; the run folder, reports, checkpoints and --resume"
                    + " are those of a local run",
            OptionSpec.section(
                            "spark",
                            "train on Apache Spark (needs nn-spark and Spark on the class path: bin/nn adds them for"
                                    + " such a config, spark-submit runs dev.nn.spark.Train)",
                            OptionSpec.string(
                                            "master",
                                            "the Spark master: local[N], local[*], yarn, spark://host:port...; a session"
                                                    + " already running (spark-submit's) keeps its own")
                                    .defaultValue("local[*]"),
                            OptionSpec.integer("partitions", "partitions (Spark tasks) of every training round")
                                    .defaultValue(2)
                                    .atLeast(1),
                            OptionSpec.integer(
                                            "local_steps",
                                            "1: exact rounds, bit-identical to one machine (needs train.shard_rows);"
                                                    + " H > 1: each partition takes H local steps, then parameters and"
                                                    + " optimizer state are averaged")
                                    .defaultValue(1)
                                    .atLeast(1),
                            OptionSpec.string("app_name", "the Spark application's name; default: the run's name"))
                    .required());

    static final OptionSpec ROOT = OptionSpec.section(
            "",
            "an nn pipeline: data, model, training and report in one file",
            NAME,
            OptionSpec.longInteger("seed", "seed of every random choice: initial weights, shuffling, splits, dropout")
                    .defaultValue(42L),
            OptionSpec.integer(
                            "threads",
                            "worker threads of the compute engine; default: all cores (results do not"
                                    + " depend on it)")
                    .atLeast(1)
                    .atMost(PluginRegistry.MAX_THREADS),
            OptionSpec.section(
                            "data",
                            "the dataset and how it is split and preprocessed",
                            OptionSpec.component("dataset", ComponentKind.DATASET, "the dataset to train and test on")
                                    .required(),
                            OptionSpec.number(
                                            "test",
                                            "fraction held out for testing, when the dataset has no fixed test split")
                                    .defaultValue(0.2)
                                    .atLeast(0)
                                    .below(1),
                            OptionSpec.number("validation", "fraction of the training part held out for validation")
                                    .defaultValue(0.0)
                                    .atLeast(0)
                                    .below(1),
                            OptionSpec.bool("stratify", "keep the class proportions in every part")
                                    .defaultValue(true),
                            OptionSpec.list(
                                            "preprocess",
                                            OptionSpec.component(
                                                    "step", ComponentKind.PREPROCESSOR, "a preprocessing step"),
                                            "preprocessing steps, fitted on the training part only: "
                                                    + "standardize, minmax, {scale: {factor: f}} or a plugin's; a table's"
                                                    + " one-hot and boolean features stay 0/1")
                                    .defaultValue(List.of()),
                            OptionSpec.list(
                                            "target_preprocess",
                                            OptionSpec.component(
                                                    "step", ComponentKind.PREPROCESSOR, "a preprocessing step"),
                                            "steps for regression targets, fitted on the training part's targets"
                                                    + " (standardize, minmax, {scale: {factor: f}}): training minimises"
                                                    + " the loss on the scaled targets; predictions, metrics and plots"
                                                    + " are in the targets' own units")
                                    .defaultValue(List.of()))
                    .required(),
            OptionSpec.section(
                            "model",
                            "the network: its layers in order and its loss",
                            OptionSpec.list(
                                            "layers",
                                            OptionSpec.component("layer", ComponentKind.LAYER, "a layer"),
                                            "the layers, input to output; the input size comes from the dataset")
                                    .required(),
                            OptionSpec.component("loss", ComponentKind.LOSS, "the loss function minimised in training")
                                    .required())
                    .required(),
            TrainerBuilder.OPTIONS,
            OptionSpec.section(
                            "report",
                            "what the run folder shows",
                            OptionSpec.list(
                                            "plots",
                                            OptionSpec.string("plot", "a plot").choices(PLOTS.toArray(String[]::new)),
                                            "plots to draw as PNG beside report.html: auto (loss, plus accuracy and confusion for"
                                                    + " classes, plus boundary for 2-D inputs; plus r2, predicted and residuals for"
                                                    + " regression), loss, accuracy, confusion, boundary (2-D inputs only), weights"
                                                    + " (square image inputs only), r2 (validation R2 per epoch), predicted (against"
                                                    + " actual, per output), residuals (histogram of predicted - actual); [] for none")
                                    .defaultValue(List.of(ReportConfig.AUTO)))
                    .defaultValue(Map.of()),
            OptionSpec.list("plugins", PLUGIN, "plugin jars or folders of jars, relative to this file")
                    .defaultValue(List.of()),
            DISTRIBUTED);

    private PipelineFormat() {}
}
