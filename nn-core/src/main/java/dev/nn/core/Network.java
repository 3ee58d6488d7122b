package dev.nn.core;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Context;
import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.FeatureTransform;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import dev.nn.api.Parameter;
import dev.nn.api.Preprocessing;
import dev.nn.api.Spec;
import dev.nn.api.TableEncoding;
import dev.nn.api.TrainedOutputs;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.internal.Batches;
import dev.nn.core.io.ModelArchive;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A feed-forward network: an ordered list of layers and the loss it is trained on.
 *
 * <p>Build one with {@link #builder(int)}; every layer is created through the
 * {@link PluginRegistry} from a {@link Spec}, and every size is checked when the network is built.
 * {@link #forward} and {@link #backward} are the whole of backpropagation: each layer keeps what
 * its backward pass needs, and the gradient flows through the layers in reverse.
 */
public final class Network {
    private static final int EVAL_BATCH = 1024;

    private final int inputSize;
    private final List<Layer> layers;
    private final List<String> labels;
    private final List<Spec> specs;
    // Set once more by fitLossTo when the training data decides some of the loss's options.
    private Loss loss;
    private Spec lossSpec;
    private final PluginRegistry registry;
    private final String lossPath;
    private final long seed;
    private final Engine engine;
    private final List<Parameter> parameters;
    private final List<Parameter> buffers;
    private final Preprocessing preprocessing;
    private final int firstTrainable;

    private Network(
            int inputSize,
            List<Layer> layers,
            List<String> labels,
            List<Spec> specs,
            Loss loss,
            Spec lossSpec,
            PluginRegistry registry,
            String lossPath,
            long seed,
            Engine engine,
            Preprocessing preprocessing) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        this.labels = List.copyOf(labels);
        this.specs = List.copyOf(specs);
        this.loss = loss;
        this.lossSpec = lossSpec;
        this.registry = registry;
        this.lossPath = lossPath;
        this.seed = seed;
        this.engine = engine;
        List<Parameter> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.parameters()));
        this.parameters = Collections.unmodifiableList(all);
        List<Parameter> kept = new ArrayList<>();
        layers.forEach(layer -> kept.addAll(layer.buffers()));
        this.buffers = Collections.unmodifiableList(kept);
        this.preprocessing = preprocessing;
        int first = -1;
        for (int i = 0; i < this.layers.size() && first < 0; i++) {
            first = this.layers.get(i).parameters().isEmpty() ? -1 : i;
        }
        this.firstTrainable = first;
    }

    /**
     * {@return a builder for a network taking {@code inputSize} features per example}
     *
     * @param inputSize the number of features per example
     */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /**
     * Runs a batch through every layer; layers keep what {@link #backward} needs.
     *
     * @return the network's output for the batch
     * @param input a batch, one example per row, as the layers see it
     * @param ctx   the engine, mode, random source and buffers
     */
    public Matrix forward(Matrix input, Context ctx) {
        Matrix x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, ctx);
        }
        return x;
    }

    /**
     * Backpropagates dLoss/dOutput of the last {@link #forward}, adding into every parameter's
     * gradient. The gradient stops at the first layer with parameters: nothing needs what lies
     * before it, so that layer is asked for its parameter gradients only.
     *
     * @param gradOutput dLoss/dOutput for the batch of the last training {@link #forward}
     * @param ctx        the engine, mode, random source and buffers
     */
    public void backward(Matrix gradOutput, Context ctx) {
        Matrix g = gradOutput;
        for (int i = layers.size() - 1; i > firstTrainable; i--) {
            g = layers.get(i).backward(g, ctx);
        }
        if (firstTrainable >= 0) {
            layers.get(firstTrainable).backwardToParameters(g, ctx);
        }
    }

    /**
     * Loads a network saved by {@code nn train} or {@link ModelFile#save}, ready to predict from raw
     * features: the preprocessing fitted at training time (recorded in the file) is applied by
     * {@link #predict} and {@link #predictClass}, exactly as {@link SavedModel#predict} does, and
     * predictions of a model trained on scaled targets come out in the targets' units. A model of a
     * table also takes raw rows by column name, {@link #predict(Map)}. Uses the providers on the
     * classpath and every processor.
     *
     * <p>A loaded network serves predictions from many threads at once: each call works in its own
     * buffers, and no lock is taken.
     *
     * @throws dev.nn.api.ConfigException when the file is missing, not a model file, damaged, or from a newer nn
     * @throws IOException                when the file cannot be read
     * @param file the model file (a run's model.zip)
     * @return the network, its preprocessing included
     */
    public static Network load(Path file) throws IOException {
        return ModelFile.load(file).network();
    }

    /**
     * This network with {@code steps} as the preprocessing that {@link #predict} and
     * {@link #predictClass} apply to raw inputs, and with its target scaling
     * ({@link Preprocessing#targetSteps()}, see {@link #withTargetScaling}): the same layers and
     * parameters (shared, not copied). {@link #forward}, {@link #evaluate} and {@link #loss(Dataset)}
     * take inputs as the layers see them and never apply the feature steps.
     * @param steps the fitted preprocessing ({@link Preprocessing#NONE} for none)
     * @return the network with it
     * @throws IllegalArgumentException if the steps were fitted on another number of features than the
     *                                  network takes, or the target steps on another number of targets than it gives
     */
    public Network withPreprocessing(Preprocessing steps) {
        steps.requireFeatures(inputSize);
        steps.requireTargets(outputSize());
        return new Network(inputSize, layers, labels, specs, loss, lossSpec, registry, lossPath, seed, engine, steps);
    }

    /**
     * This network trained and evaluated on scaled regression targets: training (its
     * {@link dev.nn.core.train.TrainingStep}) and {@link #loss(Dataset)} scale each batch's targets
     * with {@code steps} before the loss sees them, and {@link #predict} and {@link #predictions}
     * undo the scaling after the last layer, so every prediction, metric and plot is in the targets'
     * own units. The same layers and parameters (shared, not copied); its other preprocessing stays.
     *
     * @param steps steps fitted on the training part's targets ({@code Split.standardizeTargets}); empty for none
     * @return the network with them
     * @throws IllegalArgumentException if the steps were fitted on another number of targets than the network gives
     */
    public Network withTargetScaling(List<FeatureTransform> steps) {
        return withPreprocessing(preprocessing.withTargetSteps(steps));
    }

    /** {@return the preprocessing {@link #predict} applies to raw inputs, in order, with the target scaling; empty unless set (a loaded network has its own)} */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** {@return the scaling of regression targets training minimises the loss on, which predictions undo; empty for none} */
    public List<FeatureTransform> targetScaling() {
        return preprocessing.targetSteps();
    }

    /**
     * The network's predictions for a batch of raw inputs, one example per row (a new matrix):
     * {@link #preprocessing()}'s feature steps are applied first, then probabilities come out for a
     * loss that takes logits (softmax or sigmoid applied), the output in the targets' units
     * otherwise (any target scaling undone). For a model of a table the rows are encoded already
     * ({@link TableEncoding}'s features); {@link #predict(Map)} takes raw rows. Safe to call from
     * many threads at once, as long as nothing trains the network meanwhile.
     *
     * @param input raw inputs, one example per row
     * @return the predictions, one row per example
     */
    public Matrix predict(Matrix input) {
        requireInputs(input);
        return predictLayerInputs(preprocessing.apply(input));
    }

    /**
     * {@return the predictions for a dataset as the layers see it (preprocessed, like
     * {@link #evaluate}'s and {@link #loss(Dataset)}'s), one row per example: probabilities for a
     * classifier, values in the targets' units (any target scaling undone) for regression}
     *
     * @param data the examples, as the layers see them
     * @since SPI 1.4
     */
    public Matrix predictions(Dataset data) {
        requireInputs(data.features());
        return predictLayerInputs(data.features());
    }

    /**
     * {@return the outputs of one raw row of a table, by column name: probabilities for a classifier,
     * values in the targets' units for regression}
     * Values are Strings (read as the table's cells were), Numbers, Booleans, or null for a missing
     * cell, which is filled in as in training (a column whose missing cells were dropped or refused
     * cannot fill it, and says so); columns the model does not know are ignored.
     *
     * @param row the row's values by column name
     * @throws IllegalStateException    when the network has no table encoding
     * @throws IllegalArgumentException naming the column, for a column missing from {@code row} or a
     *                                  value that does not fit it
     * @since SPI 1.4
     */
    public float[] predict(Map<String, ?> row) {
        TableEncoding table = preprocessing.table();
        if (table == null) {
            throw new IllegalStateException(
                    "the network was not trained on a table, so it takes features, not named columns; use predict(float[])");
        }
        return predict(table.encode(row));
    }

    /** Forward in batches, then probabilities or the targets' units. */
    private Matrix predictLayerInputs(Matrix x) {
        Workspace inference = new Workspace(engine, seed);
        Matrix out = new Matrix(x.rows(), outputSize());
        for (int from = 0; from < x.rows(); from += EVAL_BATCH) {
            int to = Math.min(x.rows(), from + EVAL_BATCH);
            Matrix batch = inference.buffer(this, "batch", to - from, inputSize);
            Batches.gather(x, null, from, to, batch);
            Matrix y = forward(batch, inference);
            loss.toPrediction(y, inference);
            preprocessing.unscaleTargetsInPlace(y);
            System.arraycopy(y.data(), 0, out.data(), from * outputSize(), y.size());
        }
        return out;
    }

    /**
     * {@return the prediction for one example's raw features, as {@link #predict(Matrix)} makes it}
     *
     * @param features one example's raw features
     */
    public float[] predict(float[] features) {
        return predict(Matrix.wrap(1, features.length, features)).data();
    }

    /**
     * {@return the predicted class of each row: the largest output, or output >= 0.5 for a single-output network}
     *
     * @param input raw inputs, one example per row
     */
    public int[] predictClasses(Matrix input) {
        Matrix p = predict(input);
        int[] classes = new int[p.rows()];
        Batches.classes(p, classes, 0);
        return classes;
    }

    /**
     * {@return the predicted class of one example's raw features (look its name up in the model's class names)}
     *
     * @param features one example's raw features
     */
    public int predictClass(float[] features) {
        return predictClasses(Matrix.wrap(1, features.length, features))[0];
    }

    /**
     * {@return accuracy, loss and per-class metrics on a classification dataset}
     *
     * @param data the examples, as the layers see them
     */
    public Evaluation evaluate(Dataset data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException(data.name() + " is a regression dataset; use evaluateRegression(data)");
        }
        int[] predicted = new int[data.size()];
        return Evaluation.of(data.labels(), predicted, data.classNames(), meanLoss(data, predicted, null));
    }

    /**
     * {@return R², MAE, MSE, RMSE and explained variance, per output and averaged, and the loss, on a regression dataset}
     * The predictions are {@link #predict}'s (in the targets' units), of the features as the layers
     * see them, as {@link #evaluate} takes them: the preprocessing {@link #predict} applies to raw
     * inputs is not applied again. Outputs are named by {@link Dataset#targetNames()}.
     *
     * @param data the examples, as the layers see them
     * @throws IllegalArgumentException if the data has classes, or does not fit the network
     */
    public RegressionEvaluation evaluateRegression(Dataset data) {
        if (data.isClassification()) {
            throw new IllegalArgumentException(data.name() + " is a classification dataset; use evaluate(data)");
        }
        // One pass: the loss of each batch, then its outputs in the targets' units.
        Matrix predicted = new Matrix(data.size(), outputSize());
        double meanLoss = meanLoss(data, null, predicted);
        return RegressionEvaluation.of(data.targets(), predicted, data.targetNames(), meanLoss);
    }

    /**
     * {@return the mean loss over a dataset (classification or regression)} With target scaling
     * ({@link #withTargetScaling}) it is the loss on the scaled targets, which training minimises.
     *
     * @param data the examples, as the layers see them
     */
    public double loss(Dataset data) {
        return meanLoss(data, null, null);
    }

    /**
     * The mean loss over {@code data}, in batches; also fills {@code predicted} with the classes, or
     * {@code outputs} with the predictions (as {@link #predictions} makes them), when given.
     */
    private double meanLoss(Dataset data, int[] predicted, Matrix outputs) {
        String mismatch = Batches.mismatch(data, inputSize, outputSize());
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        String targets = targetsProblem(data);
        if (targets != null) {
            throw new IllegalArgumentException(targets);
        }
        int n = data.size();
        double sum = 0;
        Workspace inference = new Workspace(engine, seed);
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            Matrix x = inference.buffer(this, "batch", to - from, inputSize);
            Matrix t = inference.buffer(this, "targets", to - from, outputSize());
            Batches.gather(data.features(), null, from, to, x);
            Batches.targets(data, outputSize(), null, from, to, t);
            preprocessing.scaleTargetsInPlace(t);
            Matrix y = forward(x, inference);
            sum += (double) loss.forward(y, t, inference) * (to - from);
            if (predicted != null || outputs != null) {
                loss.toPrediction(y, inference);
            }
            if (predicted != null) {
                Batches.classes(y, predicted, from);
            }
            if (outputs != null) {
                preprocessing.unscaleTargetsInPlace(y);
                System.arraycopy(y.data(), 0, outputs.data(), from * outputSize(), y.size());
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Why this network's loss cannot train its outputs on {@code data}, with what to change, or null:
     * the loss decides ({@link Loss#cannotTrain}) from the output width, the range the layers say
     * their outputs have, and the data's classes. Sizes that do not fit the data at all are
     * {@link Batches#mismatch}'s to report, and are checked first by those who call this.
     *
     * @param data the data the network is to be trained on
     * @return what is wrong and what to change, or null when the loss can train the outputs
     */
    public String lossProblem(Dataset data) {
        String targets = targetsProblem(data);
        if (targets != null) {
            return targets;
        }
        OutputRange range = OutputRange.ANY;
        for (Layer layer : layers) {
            range = layer.outputRange(range);
        }
        return loss.cannotTrain(
                new TrainedOutputs(outputSize(), range, data.isClassification() ? data.numClasses() : 0));
    }

    /**
     * Fits the loss to the training data, once, before training: options the data decides
     * ({@code class_weights: balanced}) become explicit values ({@link LossProvider#fittedOptions}),
     * which {@link #lossSpec()} and so the model file then record, so that a loaded model computes the
     * same loss without the data. A loss with no such option stays as it is. {@link dev.nn.core.train.Trainer#fit} and
     * {@code nn train} call it; calling it again changes nothing, as the options are explicit by then.
     *
     * @param train the training data
     * @throws ConfigException naming the loss's option that the data does not fit
     */
    public void fitLossTo(Dataset train) {
        LossProvider provider = registry.provider(ComponentKind.LOSS, lossSpec.name(), lossPath);
        Options options = registry.options(ComponentKind.LOSS, lossSpec, lossPath);
        Map<String, Object> fitted = provider.fittedOptions(options, train);
        if (fitted != null) {
            Spec spec = Spec.of(lossSpec.name(), fitted);
            loss = provider.create(registry.options(ComponentKind.LOSS, spec, lossPath));
            lossSpec = spec;
        }
    }

    /** Why the target scaling cannot apply to {@code data}'s targets, or null. */
    private String targetsProblem(Dataset data) {
        if (preprocessing.scalesTargets() && data.isClassification()) {
            return "the network scales regression targets (" + kinds(preprocessing.targetSteps()) + "), but "
                    + data.name() + " has class labels; target scaling is for regression only";
        }
        return null;
    }

    private static String kinds(List<FeatureTransform> steps) {
        return String.join(", ", steps.stream().map(FeatureTransform::kind).toList());
    }

    private void requireInputs(Matrix input) {
        if (input.cols() != inputSize) {
            throw new IllegalArgumentException(
                    "the network takes " + inputSize + " inputs per example, got " + input.cols());
        }
    }

    /**
     * {@return this network's {@code model:} section in the pipeline's YAML: its layers, with the
     * options they were given, and its loss} Put in a config (for the same dataset and seed), nn
     * builds it into this network again: the same layers and the same initial weights. The input
     * size is not part of it; the dataset gives it.
     *
     * @throws IllegalArgumentException when an option holds a value YAML cannot hold (naming where it is)
     */
    public String toYaml() {
        return ModelArchive.modelSection(specs, lossSpec);
    }

    /** {@return a table of the layers with their output sizes and parameter counts, like Keras' summary} */
    public String summary() {
        int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(Locale.ROOT, "%3s  %-" + width + "s  %8s  %12s%n", "#", "layer", "output", "parameters"));
        sb.append(String.format(Locale.ROOT, "%3s  %-" + width + "s  %8d  %12s%n", "", "input", inputSize, ""));
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            long count = layers.get(i).parameters().stream()
                    .mapToLong(p -> p.value().size())
                    .sum();
            total += count;
            sb.append(String.format(
                    Locale.ROOT,
                    "%3d  %-" + width + "s  %8d  %,12d%n",
                    i + 1,
                    labels.get(i),
                    layers.get(i).outputSize(),
                    count));
        }
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d%n", total));
        sb.append("Loss: ").append(describe(lossSpec)).append('\n');
        return sb.toString();
    }

    /** {@return total number of trainable values} */
    public long parameterCount() {
        return parameters.stream().mapToLong(p -> p.value().size()).sum();
    }

    static String describe(Spec spec) {
        if (spec.options().isEmpty()) {
            return spec.name();
        }
        StringBuilder sb = new StringBuilder(spec.name()).append('(');
        String sep = "";
        for (Map.Entry<String, Object> e : spec.options().entrySet()) {
            Object v = e.getValue() instanceof Spec s ? describe(s) : e.getValue();
            sb.append(sep).append(e.getKey()).append('=').append(v);
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    /** {@return the number of features per example} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return the number of outputs per example} */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** {@return the layers in order (activation shorthands expanded into their own layers)} */
    public List<Layer> layers() {
        return layers;
    }

    /** {@return each layer of {@link #layers()} as {@link #summary()} names it ({@code dense(units=100)}, {@code relu})} */
    public List<String> layerLabels() {
        return labels;
    }

    /** {@return the layer specs as given to the builder, in order} */
    public List<Spec> layerSpecs() {
        return specs;
    }

    /**
     * {@return the registry the network's components were resolved in: it knows which jar each
     * provider came from ({@link PluginRegistry#source}), for messages about a plugin's layer}
     */
    public PluginRegistry registry() {
        return registry;
    }

    /** {@return the loss it trains with} */
    public Loss loss() {
        return loss;
    }

    /** {@return the loss as it was named, with its options} */
    public Spec lossSpec() {
        return lossSpec;
    }

    /** {@return the seed that initialised the weights (and the default seed for training)} */
    public long seed() {
        return seed;
    }

    /** {@return the engine it computes with} */
    public Engine engine() {
        return engine;
    }

    /** {@return every trainable parameter, layer by layer} */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** {@return every layer's buffers (running statistics), layer by layer; see {@link Layer#buffers()}} */
    public List<Parameter> buffers() {
        return buffers;
    }

    /** {@return what the layers' penalties ({@link Layer#penalty()}) add to the training loss now} */
    public double penalty() {
        double sum = 0;
        for (int i = 0; i < layers.size(); i++) {
            sum += layers.get(i).penalty();
        }
        return sum;
    }

    /**
     * Lets every layer put its parameters back inside its constraint after an optimizer step
     * ({@link Layer#afterStep}).
     *
     * @param ctx the context the step ran in
     */
    public void afterStep(Context ctx) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).afterStep(ctx);
        }
    }

    /**
     * {@return the first layer that mixes the rows of a training batch ({@link Layer#mixesRows()}), as
     * "layer N (name)", or null when every row is computed on its own}
     */
    public String rowMixingLayer() {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).mixesRows()) {
                return "layer " + (i + 1) + " (" + labels.get(i) + ")";
            }
        }
        return null;
    }

    /**
     * {@return why training batches of {@code rows} examples cannot train this network, or null}
     * Names the first layer that needs more ({@link Layer#minimumTrainingBatch()}).
     *
     * @param rows the examples in the smallest batch of an epoch
     */
    public String cannotTrainBatchOf(int rows) {
        for (int i = 0; i < layers.size(); i++) {
            int least = layers.get(i).minimumTrainingBatch();
            if (rows < least) {
                return "layer " + (i + 1) + " (" + labels.get(i) + ") needs at least " + least
                        + " examples per training batch";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Network " + inputSize + " -> " + String.join(" -> ", labels) + " (" + describe(lossSpec) + ")";
    }

    /**
     * Builds a {@link Network} from layer specs; {@link Spec}s from the factories in nn-plugins
     * ({@code dense(100)}) and names with options ({@code add("dense", Map.of("units", 100))})
     * are the same thing and resolve through the same registry.
     */
    public static final class Builder {
        private final int inputSize;
        private final List<Spec> specs = new ArrayList<>();
        private Spec loss;
        private long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Engine engine;
        private PluginRegistry registry;
        private String path = "";
        private Path baseDir = Path.of("").toAbsolutePath();
        private List<FeatureTransform> targetScaling = List.of();

        private Builder(int inputSize) {
            this.inputSize = inputSize;
        }

        /**
         * Adds a layer.
         *
         * @return this builder
         * @param layer the layer's name and options
         */
        public Builder add(Spec layer) {
            specs.add(layer);
            return this;
        }

        /**
         * Adds a layer by provider name, with default options ({@code "relu"}).
         *
         * @return this builder
         * @param name the layer's provider name
         */
        public Builder add(String name) {
            return add(Spec.of(name));
        }

        /**
         * Adds a layer by provider name with options ({@code "dense", Map.of("units", 100)}).
         *
         * @return this builder
         * @param name    the layer's provider name
         * @param options its options
         */
        public Builder add(String name, Map<String, ?> options) {
            return add(Spec.of(name, options));
        }

        /**
         * The loss to train with.
         *
         * @param lossSpec the new value
         * @return this builder
         */
        public Builder loss(Spec lossSpec) {
            this.loss = lossSpec;
            return this;
        }

        /**
         * The loss to train with, by name ({@code "softmax_cross_entropy"}).
         *
         * @param name the new value
         * @return this builder
         */
        public Builder loss(String name) {
            return loss(Spec.of(name));
        }

        /**
         * The seed for initial weights (default 0): the same seed gives the same network, bit for bit.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Threads for the default engine (default: all processors).
         *
         * @return this builder
         * @param count the number of threads
         */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /**
         * A specific engine instead of the registry's best available one.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder engine(Engine value) {
            this.engine = value;
            return this;
        }

        /**
         * The registry to resolve names in (default: {@link PluginRegistry#defaultRegistry()}).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder registry(PluginRegistry value) {
            this.registry = value;
            return this;
        }

        /**
         * The option path of this model in a config ({@code "model"}), used to say where errors are.
         *
         * @param optionPath the new value
         * @return this builder
         */
        public Builder path(String optionPath) {
            this.path = optionPath == null ? "" : optionPath;
            return this;
        }

        /**
         * Trains on scaled regression targets and predicts in their units, as
         * {@link Network#withTargetScaling} says ({@code .targetScaling(split.preprocessing().targetSteps())}).
         *
         * @param steps steps fitted on the training part's targets; empty for none (the default)
         * @return this builder
         * @since SPI 1.4
         */
        public Builder targetScaling(List<FeatureTransform> steps) {
            this.targetScaling = List.copyOf(steps);
            return this;
        }

        /**
         * The folder that relative paths in options are resolved against.
         *
         * @param folder the new value
         * @return this builder
         */
        public Builder baseDir(Path folder) {
            this.baseDir = folder;
            return this;
        }

        /**
         * Creates every layer, checking each one's options and that its input size matches the
         * previous layer's output.
         *
         * @throws ConfigException listing every problem found, each with its option path
         * @return the network
         */
        public Network build() {
            PluginRegistry reg = registry != null ? registry : PluginRegistry.defaultRegistry();
            String prefix = path.isEmpty() ? "" : path + ".";
            List<Problem> problems = new ArrayList<>();
            if (inputSize < 1) {
                problems.add(new Problem(prefix + "input", "the network needs at least 1 input, got " + inputSize));
            }
            if (specs.isEmpty()) {
                problems.add(new Problem(
                        prefix + "layers", "the network has no layers; add at least one (for example dense)"));
            }
            InitContext init = reg.initContext(new SplittableRandom(seed), prefix + "init");
            List<Layer> layers = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            int size = inputSize;
            boolean sizeKnown = inputSize >= 1;
            for (int i = 0; i < specs.size(); i++) {
                String where = prefix + "layers[" + i + "]";
                Spec spec = specs.get(i);
                Options options = reg.check(ComponentKind.LAYER, spec, where, baseDir, problems);
                if (options == null || !sizeKnown) {
                    sizeKnown = false;
                    continue;
                }
                LayerProvider provider = reg.provider(ComponentKind.LAYER, spec.name(), where);
                Layer layer = create(provider, options, size, init, where + "." + spec.name(), problems);
                if (layer == null) {
                    sizeKnown = false;
                    continue;
                }
                layers.add(layer);
                labels.add(describe(shown(spec, provider)));
                size = layer.outputSize();
                Spec activation = activationOf(provider, options);
                if (activation != null) {
                    String at = where + "." + spec.name() + ".activation";
                    LayerProvider act = reg.provider(ComponentKind.LAYER, activation.name(), at);
                    Options actOptions = reg.options(ComponentKind.LAYER, activation, at, baseDir);
                    Layer actLayer = create(act, actOptions, size, init, at, problems);
                    if (actLayer == null) {
                        sizeKnown = false;
                        continue;
                    }
                    layers.add(actLayer);
                    labels.add(describe(shown(activation, act)));
                    size = actLayer.outputSize();
                }
            }
            Loss lossFunction = null;
            if (loss == null) {
                problems.add(new Problem(
                        prefix + "loss", "the network has no loss; set one (for example softmax_cross_entropy)"));
            } else {
                Options options = reg.check(ComponentKind.LOSS, loss, prefix + "loss", baseDir, problems);
                if (options != null) {
                    try {
                        lossFunction = reg.<dev.nn.api.LossProvider>provider(
                                        ComponentKind.LOSS, loss.name(), prefix + "loss")
                                .create(options);
                    } catch (ConfigException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            Preprocessing preprocessing = Preprocessing.NONE;
            try {
                preprocessing = Preprocessing.NONE.withTargetSteps(targetScaling);
                if (problems.isEmpty()) {
                    preprocessing.requireTargets(layers.get(layers.size() - 1).outputSize());
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(prefix + "target scaling", e.getMessage()));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            Engine eng = engine != null ? engine : reg.engine(null, threads);
            return new Network(
                    inputSize,
                    layers,
                    labels,
                    specs,
                    lossFunction,
                    loss,
                    reg,
                    prefix + "loss",
                    seed,
                    eng,
                    preprocessing);
        }

        private static Layer create(
                LayerProvider provider,
                Options options,
                int size,
                InitContext init,
                String where,
                List<Problem> problems) {
            try {
                Layer layer = provider.create(options, size, init);
                if (layer.inputSize() != size) {
                    problems.add(new Problem(
                            where,
                            provider.name() + " expects " + layer.inputSize() + " inputs but the previous layer gives "
                                    + size));
                    return null;
                }
                if (layer.outputSize() < 1) {
                    problems.add(new Problem(where, provider.name() + " has no outputs"));
                    return null;
                }
                return layer;
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                return null;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(where, e.getMessage()));
                return null;
            } catch (OutOfMemoryError e) {
                // One layer's parameters larger than the heap: its options ask for too much, and the
                // allocation that failed left nothing behind.
                problems.add(new Problem(
                        where,
                        provider.name() + " needs more memory than Java has left for it (" + e.getMessage()
                                + "); make it smaller, or give Java more heap (JAVA_OPTS=-Xmx8g)"));
                return null;
            }
        }

        /** The SPI's shorthand: a layer option {@code activation} of kind LAYER adds that layer after this one. */
        private static Spec activationOf(LayerProvider provider, Options options) {
            for (OptionSpec option : provider.options()) {
                if (option.name().equals("activation")
                        && option.type() == OptionSpec.Type.COMPONENT
                        && option.componentKind() == ComponentKind.LAYER
                        && options.has("activation")) {
                    return options.component("activation");
                }
            }
            return null;
        }

        /**
         * The spec as the summary shows it: options left at their defaults are omitted (a config
         * fills them all in), and the activation shorthand appears as its own row instead.
         */
        private static Spec shown(Spec spec, LayerProvider provider) {
            Map<String, Object> rest = new java.util.LinkedHashMap<>(spec.options());
            rest.remove("activation");
            for (OptionSpec option : provider.options()) {
                if (rest.containsKey(option.name()) && sameValue(rest.get(option.name()), option.defaultValue())) {
                    rest.remove(option.name());
                }
            }
            return Spec.of(spec.name(), rest);
        }

        private static boolean sameValue(Object value, Object defaultValue) {
            if (value instanceof Number a && defaultValue instanceof Number b) {
                return a.doubleValue() == b.doubleValue();
            }
            if (value instanceof Spec s && defaultValue instanceof String name) {
                return s.name().equals(name) && s.options().isEmpty();
            }
            return value != null && value.equals(defaultValue);
        }
    }
}
