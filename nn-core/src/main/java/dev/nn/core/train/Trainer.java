package dev.nn.core.train;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.api.Schedule;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link Network} by mini-batch gradient descent: seeded shuffling, an optimizer and
 * optional learning-rate schedule, validation after each epoch, early stopping with the best
 * weights restored, and a stop with a clear message when the loss stops being finite.
 *
 * <p>The same seed gives the same weights, bit for bit, whatever the engine's thread count.
 */
public final class Trainer {
    private final Spec optimizer;
    private final Spec schedule;
    private final int batchSize;
    private final int epochs;
    private final boolean shuffle;
    private final Long seed;
    private final EarlyStopping earlyStopping;
    private final List<TrainingListener> listeners;
    private final PluginRegistry registry;
    private final String path;

    private Trainer(Builder b, PluginRegistry registry) {
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.earlyStopping = b.earlyStopping;
        this.listeners = List.copyOf(b.listeners);
        this.registry = registry;
        this.path = b.path;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trains on {@code train} with no validation data. */
    public History fit(Network net, Dataset train) {
        return fit(net, train, null);
    }

    /**
     * Trains {@code net} in place on {@code train}, validating on {@code validation} (may be null)
     * after every epoch.
     *
     * @throws ConfigException           if the data does not fit the network or early stopping needs missing validation data
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public History fit(Network net, Dataset train, Dataset validation) {
        checkData(net, train, validation);
        Optimizer opt = registry.optimizer(optimizer, prefix() + "optimizer");
        Schedule lrSchedule = schedule == null ? null : registry.schedule(schedule, prefix() + "schedule");
        double baseRate = opt.learningRate();
        long runSeed = seed != null ? seed : net.seed();
        Workspace ctx = new Workspace(net.engine(), mix(runSeed, 1)).training(true);
        SplittableRandom shuffler = new SplittableRandom(mix(runSeed, 2));
        Loss loss = net.loss();
        List<Parameter> params = net.parameters();
        TrainingStep step = new TrainingStep(net, opt, ctx);
        int n = train.size();
        int inputs = net.inputSize();
        int outputs = net.outputSize();
        // A batch larger than the data is the whole data (and must not size buffers, or overflow the count).
        int batch = Math.min(batchSize, Math.max(n, 1));
        int batches = (n + batch - 1) / batch;
        int[] order = new int[n];
        Batches.Gatherer gatherer = new Batches.Gatherer(net.engine());
        int[] predicted = new int[batch];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[][] best = null;
        double bestValue = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stopped = false;
        List<EpochStats> history = new ArrayList<>();
        listeners.forEach(l -> l.onTrainStart(net, epochs, batches));
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs && !stopped; epoch++) {
            long epochStart = System.nanoTime();
            if (lrSchedule != null) {
                opt.setLearningRate(lrSchedule.learningRate(epoch - 1, epochs, baseRate));
            }
            if (shuffle) {
                shuffle(order, shuffler);
            }
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch);
            }
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int to = Math.min(n, from + batch);
                Matrix x = ctx.buffer(this, "inputs", to - from, inputs);
                Matrix t = ctx.buffer(this, "targets", to - from, outputs);
                gatherer.gather(train.features(), order, from, to, x);
                Batches.targets(train, outputs, order, from, to, t);
                float batchLoss = step.run(x, t);
                if (!Float.isFinite(batchLoss)) {
                    throw diverged(epoch, b + 1, batchLoss, opt);
                }
                if (train.isClassification()) {
                    correct += correct(step.output(), loss, ctx, train.labels(), order, from, predicted);
                }
                lossSum += (double) batchLoss * (to - from);
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onBatchEnd(epoch, b + 1, batchLoss);
                }
            }
            EpochStats stats = epochStats(net, epoch, lossSum / n, train.isClassification() ? (double) correct / n : Double.NaN,
                    validation, opt.learningRate(), (System.nanoTime() - epochStart) / 1e9);
            history.add(stats);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(stats);
            }
            if (earlyStopping != null) {
                double value = stats.metric(earlyStopping.monitor());
                if (earlyStopping.improves(value, bestValue)) {
                    bestValue = value;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (earlyStopping.restoreBest()) {
                        best = snapshot(params, best);
                    }
                } else if (++sinceBest > earlyStopping.patience()) {
                    stopped = true;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (best != null && bestEpoch != history.size()) {
            restore(params, best);
        } else {
            bestEpoch = history.size();
        }
        History result = new History(history, stopped, bestEpoch, seconds, (long) history.size() * n);
        listeners.forEach(l -> l.onTrainEnd(result));
        return result;
    }

    private void checkData(Network net, Dataset train, Dataset validation) {
        List<Problem> problems = new ArrayList<>();
        if (train.size() == 0) {
            problems.add(new Problem("data", train.name() + " has no examples to train on"));
        }
        String mismatch = Batches.mismatch(train, net.inputSize(), net.outputSize());
        if (mismatch != null) {
            problems.add(new Problem("data", mismatch));
        }
        if (validation != null && mismatch == null) {
            String v = Batches.mismatch(validation, net.inputSize(), net.outputSize());
            if (v != null) {
                problems.add(new Problem("data.validation", v));
            }
        }
        if (earlyStopping != null && earlyStopping.monitor().startsWith("val_") && validation == null) {
            problems.add(new Problem(prefix() + "early_stopping.monitor", "early stopping monitors "
                    + earlyStopping.monitor() + " but there is no validation data; set a validation split or monitor "
                    + earlyStopping.monitor().substring(4)));
        }
        if (earlyStopping != null && earlyStopping.monitor().endsWith("accuracy") && !train.isClassification()) {
            problems.add(new Problem(prefix() + "early_stopping.monitor", "accuracy is only defined for classification"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private EpochStats epochStats(Network net, int epoch, double loss, double accuracy, Dataset validation,
                                  double learningRate, double seconds) {
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        if (validation != null && validation.size() > 0) {
            if (validation.isClassification()) {
                Evaluation e = net.evaluate(validation);
                valLoss = e.loss();
                valAccuracy = e.accuracy();
            } else {
                valLoss = net.loss(validation);
            }
        }
        return new EpochStats(epoch, loss, accuracy, valLoss, valAccuracy, learningRate, seconds);
    }

    /** How many rows of the batch output {@code y} predict their label (on a copy: {@code y} stays intact for backward). */
    private int correct(Matrix y, Loss loss, Workspace ctx, int[] labels, int[] order, int from, int[] predicted) {
        Matrix p = ctx.buffer(this, "predictions", y.rows(), y.cols());
        p.copyFrom(y);
        loss.toPrediction(p, ctx);
        Batches.classes(p, predicted, 0);
        int correct = 0;
        for (int r = 0; r < y.rows(); r++) {
            correct += predicted[r] == labels[order[from + r]] ? 1 : 0;
        }
        return correct;
    }

    private TrainingDivergedException diverged(int epoch, int batch, float value, Optimizer opt) {
        double lr = opt.learningRate();
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged: the loss became %s at epoch %d, batch %d%s; lower the learning rate, "
                        + "standardize the inputs or check the data for extreme values",
                Float.isNaN(value) ? "NaN" : "infinite", epoch, batch,
                Double.isNaN(lr) ? "" : String.format(Locale.ROOT, " (learning rate %g)", lr)));
    }

    private static float[][] snapshot(List<Parameter> params, float[][] into) {
        float[][] copy = into != null ? into : new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            float[] values = params.get(i).value().data();
            if (copy[i] == null) {
                copy[i] = values.clone();
            } else {
                System.arraycopy(values, 0, copy[i], 0, values.length);
            }
        }
        return copy;
    }

    private static void restore(List<Parameter> params, float[][] saved) {
        for (int i = 0; i < params.size(); i++) {
            float[] values = params.get(i).value().data();
            System.arraycopy(saved[i], 0, values, 0, values.length);
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Independent streams for dropout and shuffling from one seed. */
    private static long mix(long seed, long stream) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * stream).nextLong();
    }

    private String prefix() {
        return path.isEmpty() ? "" : path + ".";
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Configures a {@link Trainer}; every setting has a default except where noted. */
    public static final class Builder {
        private Spec optimizer = Spec.of("sgd");
        private Spec schedule;
        private int batchSize = 32;
        private int epochs = 10;
        private boolean shuffle = true;
        private Long seed;
        private EarlyStopping earlyStopping;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private PluginRegistry registry;
        private String path = "";

        private Builder() {
        }

        /** The optimizer (default {@code sgd} with its defaults). */
        public Builder optimizer(Spec spec) {
            this.optimizer = spec;
            return this;
        }

        /** The optimizer by name with options ({@code "adam", Map.of("lr", 0.01)}). */
        public Builder optimizer(String name, Map<String, ?> options) {
            return optimizer(Spec.of(name, options));
        }

        /** A learning-rate schedule applied at the start of each epoch (default: none, the rate stays). */
        public Builder schedule(Spec spec) {
            this.schedule = spec;
            return this;
        }

        /** Examples per mini-batch (default 32); 1 is plain stochastic gradient descent. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Passes over the training data (default 10). */
        public Builder epochs(int count) {
            this.epochs = count;
            return this;
        }

        /** Whether to reshuffle the training data every epoch (default true). */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** The seed for shuffling and dropout (default: the network's seed). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Stop when a metric stops improving; see {@link EarlyStopping}. */
        public Builder earlyStopping(EarlyStopping value) {
            this.earlyStopping = value;
            return this;
        }

        /** Stop when {@code monitor} has not improved for {@code patience} epochs, restoring the best weights. */
        public Builder earlyStopping(String monitor, int patience) {
            return earlyStopping(EarlyStopping.of(monitor, patience));
        }

        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        public Builder registry(PluginRegistry value) {
            this.registry = value;
            return this;
        }

        /** The option path of these settings in a config ({@code "train"}), used in error messages. */
        public Builder path(String optionPath) {
            this.path = optionPath == null ? "" : optionPath;
            return this;
        }

        /**
         * Checks every setting (including the optimizer's and schedule's options).
         *
         * @throws ConfigException listing every problem
         */
        public Trainer build() {
            PluginRegistry reg = registry != null ? registry : PluginRegistry.defaultRegistry();
            String prefix = path.isEmpty() ? "" : path + ".";
            List<Problem> problems = new ArrayList<>();
            if (batchSize < 1) {
                problems.add(new Problem(prefix + "batch_size", "batch_size must be at least 1, got " + batchSize));
            }
            if (epochs < 0) {
                problems.add(new Problem(prefix + "epochs", "epochs must be at least 0, got " + epochs));
            }
            Path here = Path.of("").toAbsolutePath();
            reg.check(ComponentKind.OPTIMIZER, optimizer, prefix + "optimizer", here, problems);
            if (schedule != null) {
                reg.check(ComponentKind.SCHEDULE, schedule, prefix + "schedule", here, problems);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            if (schedule != null && Double.isNaN(reg.optimizer(optimizer, prefix + "optimizer").learningRate())) {
                throw new ConfigException(prefix + "schedule", "optimizer '" + optimizer.name()
                        + "' has no learning rate to schedule");
            }
            return new Trainer(this, reg);
        }
    }
}
