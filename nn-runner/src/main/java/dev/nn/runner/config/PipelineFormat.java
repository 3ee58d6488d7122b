package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.core.registry.PluginRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys of the pipeline format, their types, defaults and descriptions: one table that both the
 * loader checks against and the JSON Schema is generated from, so the two cannot disagree.
 */
final class PipelineFormat {

    /** The plots a run can write; {@code auto} stands for the ones that fit the data (see {@link ReportConfig}). */
    static final List<String> PLOTS = List.of(ReportConfig.AUTO, "loss", "accuracy", "confusion", "boundary", "weights");

    /** The metrics early stopping can watch. */
    static final List<String> MONITORS = List.of("val_loss", "val_accuracy", "loss", "accuracy");

    /** A run name becomes part of a folder name, so it keeps to characters every file system takes. */
    static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    /** What a key holds. */
    enum Shape {
        /** A map of further keys. */
        SECTION,
        /** A whole number that fits an {@code int}. */
        INTEGER,
        /** A whole number that fits a {@code long} (the seed). */
        LONG,
        NUMBER,
        BOOLEAN,
        STRING,
        /** A component reference ({@code relu} or {@code {sgd: {lr: 0.1}}}) of {@link Key#kind()}. */
        COMPONENT,
        /** A list of component references of {@link Key#kind()}. */
        COMPONENT_LIST,
        /** A list of preprocessing steps ({@link #STEPS}). */
        STEP_LIST,
        /** A list of strings from {@link Key#choices()}. */
        CHOICE_LIST,
        /** A list of files or folders, relative to the config's folder. */
        PATH_LIST
    }

    /**
     * One key: what it holds, its default (null: none), whether it must be given, its allowed values.
     * A section with a default (an empty map) is filled in when absent; one without stays absent.
     */
    record Key(String name, Shape shape, String description, Object defaultValue, boolean isRequired,
               Double min, boolean minExclusive, Double max, boolean maxExclusive, List<String> choices,
               String pattern, ComponentKind kind, List<Key> keys) {

        Key {
            choices = choices == null ? List.of() : List.copyOf(choices);
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        static Key of(String name, Shape shape, String description) {
            return new Key(name, shape, description, null, false, null, false, null, false, null, null, null, null);
        }

        static Key section(String name, String description, Key... keys) {
            return new Key(name, Shape.SECTION, description, null, false, null, false, null, false, null, null, null,
                    List.of(keys));
        }

        static Key component(String name, ComponentKind kind, String description) {
            return new Key(name, Shape.COMPONENT, description, null, false, null, false, null, false, null, null, kind, null);
        }

        static Key components(String name, ComponentKind kind, String description) {
            return new Key(name, Shape.COMPONENT_LIST, description, null, false, null, false, null, false, null, null, kind,
                    null);
        }

        Key defaultValue(Object value) {
            return new Key(name, shape, description, value, isRequired, min, minExclusive, max, maxExclusive, choices,
                    pattern, kind, keys);
        }

        Key required() {
            return new Key(name, shape, description, defaultValue, true, min, minExclusive, max, maxExclusive, choices,
                    pattern, kind, keys);
        }

        Key atLeast(double bound) {
            return new Key(name, shape, description, defaultValue, isRequired, bound, false, max, maxExclusive, choices,
                    pattern, kind, keys);
        }

        Key above(double bound) {
            return new Key(name, shape, description, defaultValue, isRequired, bound, true, max, maxExclusive, choices,
                    pattern, kind, keys);
        }

        Key atMost(double bound) {
            return new Key(name, shape, description, defaultValue, isRequired, min, minExclusive, bound, false, choices,
                    pattern, kind, keys);
        }

        Key below(double bound) {
            return new Key(name, shape, description, defaultValue, isRequired, min, minExclusive, bound, true, choices,
                    pattern, kind, keys);
        }

        Key choices(List<String> values) {
            return new Key(name, shape, description, defaultValue, isRequired, min, minExclusive, max, maxExclusive, values,
                    pattern, kind, keys);
        }

        Key pattern(String regex) {
            return new Key(name, shape, description, defaultValue, isRequired, min, minExclusive, max, maxExclusive,
                    choices, regex, kind, keys);
        }

        /** The key named {@code child} of this section, or null. */
        Key key(String child) {
            for (Key key : keys) {
                if (key.name.equals(child)) {
                    return key;
                }
            }
            return null;
        }

        List<String> keyNames() {
            return keys.stream().map(Key::name).toList();
        }

        /** True when {@code v} is within {@link #min()} and {@link #max()}. */
        boolean inRange(double v) {
            if (Double.isNaN(v)) {
                return min == null && max == null;
            }
            if (min != null && (minExclusive ? v <= min : v < min)) {
                return false;
            }
            return max == null || (maxExclusive ? v < max : v <= max);
        }

        /** The allowed range in words: "at least 1", "above 0", "in [0, 1)". */
        String rangeText() {
            if (min != null && max != null) {
                return "in " + (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + (maxExclusive ? ")" : "]");
            }
            if (min != null) {
                return (minExclusive ? "above " : "at least ") + format(min);
            }
            return max == null ? "" : (maxExclusive ? "below " : "at most ") + format(max);
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** A preprocessing step ({@code data.preprocess}): not a plugin kind, so its few forms are listed here. */
    record Step(String name, String description, List<Key> options) {
    }

    static final List<Step> STEPS = List.of(
            new Step("standardize", "zero mean and unit variance per feature, fitted on the training part", List.of()),
            new Step("minmax", "each feature scaled to [0, 1] by the training part's minimum and maximum", List.of()),
            new Step("scale", "every feature multiplied by a constant factor (1/255 for 8-bit pixels)", List.of(
                    Key.of("factor", Shape.NUMBER, "what every feature is multiplied by, such as 0.00392156862745098 for 1/255").required().above(0))));

    static final Key ROOT = Key.section("", "an nn pipeline: data, model, training and report in one file",
            Key.of("name", Shape.STRING, "name of the run, used in the run folder's name; default: the file's name")
                    .pattern(NAME_PATTERN),
            Key.of("seed", Shape.LONG, "seed of every random choice: initial weights, shuffling, splits, dropout")
                    .defaultValue(42L),
            Key.of("threads", Shape.INTEGER, "worker threads of the compute engine; default: all cores (results do not"
                    + " depend on it)").atLeast(1).atMost(PluginRegistry.MAX_THREADS),
            Key.section("data", "the dataset and how it is split and preprocessed",
                    Key.component("dataset", ComponentKind.DATASET, "the dataset to train and test on").required(),
                    Key.of("test", Shape.NUMBER, "fraction held out for testing, when the dataset has no fixed test split")
                            .defaultValue(0.2).atLeast(0).below(1),
                    Key.of("validation", Shape.NUMBER, "fraction of the training part held out for validation")
                            .defaultValue(0.0).atLeast(0).below(1),
                    Key.of("stratify", Shape.BOOLEAN, "keep the class proportions in every part").defaultValue(true),
                    Key.of("preprocess", Shape.STEP_LIST, "preprocessing steps, fitted on the training part only: "
                            + "standardize, minmax, {scale: {factor: f}}").defaultValue(List.of()))
                    .required(),
            Key.section("model", "the network: its layers in order and its loss",
                    Key.components("layers", ComponentKind.LAYER, "the layers, input to output; the input size comes"
                            + " from the dataset").required(),
                    Key.component("loss", ComponentKind.LOSS, "the loss function minimised in training").required())
                    .required(),
            Key.section("train", "how the network is trained",
                    Key.component("optimizer", ComponentKind.OPTIMIZER, "the optimizer").defaultValue("sgd"),
                    Key.component("schedule", ComponentKind.SCHEDULE, "learning-rate schedule, applied per epoch;"
                            + " default: none, the rate stays"),
                    Key.of("batch_size", Shape.INTEGER, "examples per mini-batch; 1 is plain stochastic gradient descent")
                            .defaultValue(32).atLeast(1),
                    Key.of("epochs", Shape.INTEGER, "passes over the training data").defaultValue(10).atLeast(1),
                    Key.of("shuffle", Shape.BOOLEAN, "reshuffle the training data every epoch").defaultValue(true),
                    Key.of("clip_norm", Shape.NUMBER, "scale the gradients down whenever their global L2 norm exceeds"
                            + " this, as PyTorch's clip_grad_norm_ (a cure for a diverging loss); default: no clipping")
                            .above(0),
                    Key.section("early_stopping", "stop when a metric stops improving; default: train every epoch",
                            Key.of("monitor", Shape.STRING, "the metric watched").defaultValue("val_loss")
                                    .choices(MONITORS),
                            Key.of("patience", Shape.INTEGER, "epochs without improvement before stopping")
                                    .defaultValue(5).atLeast(0),
                            Key.of("min_delta", Shape.NUMBER, "the smallest change that counts as an improvement")
                                    .defaultValue(0.0).atLeast(0),
                            Key.of("restore_best", Shape.BOOLEAN, "put back the weights of the best epoch at the end")
                                    .defaultValue(true)),
                    Key.of("checkpoint", Shape.BOOLEAN, "keep checkpoint.zip in the run folder after every epoch (and at"
                            + " Ctrl-C), to continue with nn train CONFIG --resume RUN_DIR").defaultValue(false))
                    .defaultValue(Map.of()),
            Key.section("report", "what the run folder shows",
                    Key.of("plots", Shape.CHOICE_LIST, "plots to draw as PNG beside report.html: auto (loss, plus"
                            + " accuracy and confusion for classes, plus boundary for 2-D inputs), loss, accuracy, confusion,"
                            + " boundary (2-D inputs only), weights (square image inputs only); [] for none")
                            .choices(PLOTS).defaultValue(List.of(ReportConfig.AUTO)))
                    .defaultValue(Map.of()),
            Key.of("plugins", Shape.PATH_LIST, "plugin jars or folders of jars, relative to this file")
                    .defaultValue(List.of()));

    private PipelineFormat() {
    }

    /** The preprocessing step named {@code name}, or null. */
    static Step step(String name) {
        for (Step step : STEPS) {
            if (step.name().equals(name)) {
                return step;
            }
        }
        return null;
    }

    static List<String> stepNames() {
        return STEPS.stream().map(Step::name).toList();
    }

    /** "a layer", "an optimizer": the kind's label with its article. */
    static String withArticle(ComponentKind kind) {
        String label = kind.label();
        return ("aeiou".indexOf(label.toLowerCase(Locale.ROOT).charAt(0)) >= 0 ? "an " : "a ") + label;
    }
}
