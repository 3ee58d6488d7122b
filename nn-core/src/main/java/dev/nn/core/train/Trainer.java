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
import dev.nn.core.Seeds;
import dev.nn.core.Workspace;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.internal.Batches;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains a {@link Network} by mini-batch gradient descent: seeded shuffling, an optimizer and
 * optional learning-rate schedule and gradient clipping, validation after each epoch, early
 * stopping with the best weights restored, checkpoints to resume from, and a stop with a clear
 * message when the loss or a gradient stops being finite.
 *
 * <p>The same seed gives the same weights, bit for bit, whatever the engine's thread count, and a
 * run resumed from a checkpoint ends with the same bits as one that was never interrupted: every
 * epoch's shuffle and every batch's dropout come from their own stream, seeded from the run's seed
 * and the epoch (and batch), so no generator state needs saving.
 */
public final class Trainer {
    private static final long SHUFFLE = 1;
    private static final long DROPOUT = 2;

    private final Spec optimizer;
    private final Spec schedule;
    private final int batchSize;
    private final int epochs;
    private final boolean shuffle;
    private final Long seed;
    private final double clipNorm;
    private final EarlyStopping earlyStopping;
    private final List<TrainingListener> listeners;
    private final CheckpointWriter checkpoints;
    private final BooleanSupplier stopRequested;
    private final PluginRegistry registry;
    private final String path;

    private Trainer(Builder b, PluginRegistry registry) {
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.clipNorm = b.clipNorm == null ? 0 : b.clipNorm;
        this.earlyStopping = b.earlyStopping;
        this.listeners = List.copyOf(b.listeners);
        this.checkpoints = b.checkpoints;
        this.stopRequested = b.stopRequested;
        this.registry = registry;
        this.path = b.path;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains on {@code train} with no validation data.
     *
     * @return the history of the run
     * @param net   the network, trained in place
     * @param train the training data
     */
    public History fit(Network net, Dataset train) {
        return fit(net, train, null);
    }

    /**
     * Trains {@code net} in place on {@code train}, validating on {@code validation} (may be null)
     * after every epoch.
     *
     * @throws ConfigException              if the data does not fit the network, early stopping needs missing
     *                                      validation data, or checkpoints are asked of an optimizer that cannot save its state
     * @throws TrainingDivergedException    if the loss or a gradient becomes NaN or infinite
     * @throws TrainingInterruptedException if a stop was requested (see {@link Builder#stopWhen})
     * @param net        the network, trained in place
     * @param train      the training data
     * @param validation the validation data, or null
     * @return every epoch's figures
     */
    public History fit(Network net, Dataset train, Dataset validation) {
        return new Run(net, train, validation, null).train();
    }

    /**
     * Continues the run {@code state} was saved from. {@code net} must already hold the parameters
     * saved with it (as {@code Checkpoint#restore} puts them back), and this trainer, the network
     * and the data must be those of the interrupted run: the result is then the same, bit for bit,
     * as if it had never stopped. The history returned covers the whole run.
     *
     * @throws ConfigException when {@code state} was saved with another seed, epoch count, batch
     *                         size, training set size or optimizer
     * @param net        the network, its parameters restored from the checkpoint
     * @param train      the training data
     * @param validation the validation data, or null
     * @param state      where the run stopped
     * @return every epoch's figures, those before the stop included
     */
    public History resume(Network net, Dataset train, Dataset validation, TrainingState state) {
        return new Run(net, train, validation, Objects.requireNonNull(state, "state")).train();
    }

    /** One call of fit or resume: the objects it trains with and where it stands. */
    private final class Run {
        private final Network net;
        private final Dataset train;
        private final Dataset validation;
        private final Optimizer opt;
        private final Schedule lrSchedule;
        private final double baseRate;
        private final long runSeed;
        private final List<Parameter> params;
        private final Workspace ctx;
        private final TrainingStep step;
        private final int n;
        private final int batches;
        private final int[] order;
        private final Batches.Gatherer gatherer;
        /** Rows per batch: the batch size, or the whole data when that is smaller. */
        private final int rows;
        private final int[] predicted;
        // Where the run stands: the epoch in progress, batches of it done, and what they added up to.
        private int epoch = 1;
        private int batch;
        private double lossSum;
        private long correct;
        private double epochSeconds;
        private double secondsBefore;
        private final List<EpochStats> history = new ArrayList<>();
        private double bestValue = Double.NaN;
        private int bestEpoch;
        private int sinceBest;
        private boolean stopped;
        private float[][] best;
        private int savedEpoch = -1;
        private int savedBatch = -1;

        Run(Network net, Dataset train, Dataset validation, TrainingState from) {
            checkData(net, train, validation);
            this.net = net;
            this.train = train;
            this.validation = validation;
            this.opt = registry.optimizer(optimizer, prefix() + "optimizer");
            this.lrSchedule = schedule == null ? null : registry.schedule(schedule, prefix() + "schedule");
            this.baseRate = opt.learningRate();
            this.runSeed = seed != null ? seed : net.seed();
            this.params = net.parameters();
            this.ctx = new Workspace(net.engine(), runSeed).training(true);
            this.step = new TrainingStep(net, opt, ctx, clipNorm);
            this.n = train.size();
            // A batch larger than the data is the whole data (and must not size buffers, or overflow the count).
            this.rows = Math.min(batchSize, Math.max(n, 1));
            this.batches = (n + rows - 1) / rows;
            this.predicted = new int[rows];
            this.order = new int[n];
            this.gatherer = new Batches.Gatherer(net.engine());
            if (checkpoints != null && opt.state(params).isEmpty()) {
                throw new ConfigException(prefix() + "checkpoint", "optimizer '" + optimizer.name()
                        + "' cannot save its state, so a checkpoint could not resume it exactly; turn checkpoints off"
                        + " or use an optimizer that can (sgd, adam, rmsprop)");
            }
            if (from != null) {
                continueFrom(from);
            }
        }

        History train() {
            listeners.forEach(l -> l.onTrainStart(net, epochs, batches));
            net.engine().expectWork(expectedWork());
            long start = System.nanoTime();
            while (epoch <= epochs && !stopped) {
                runEpoch(start);
                if (checkpoints != null) {
                    save(start);
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
            if (best != null && bestEpoch != history.size()) {
                restore(params, best);
            } else {
                bestEpoch = history.size();
            }
            History result = new History(history, stopped, bestEpoch, seconds, (long) history.size() * n);
            listeners.forEach(l -> l.onTrainEnd(result));
            return result;
        }

        /**
         * The multiply-adds of the epochs still to run, roughly: three per weight per example (the
         * forward product and backward's two), over the training rows and once over the validation rows.
         */
        private long expectedWork() {
            long weights = 0;
            for (Parameter p : params) {
                weights += p.value().size();
            }
            long rowsPerEpoch = 3L * n + (validation == null ? 0 : validation.size());
            try {
                return Math.multiplyExact(Math.multiplyExact(weights, rowsPerEpoch), Math.max(0, epochs - epoch + 1));
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE; // a job past a long's range is a large one, not a negative one
            }
        }

        private void runEpoch(long start) {
            long epochStart = System.nanoTime();
            if (lrSchedule != null) {
                opt.setLearningRate(lrSchedule.learningRate(epoch - 1, epochs, baseRate));
            }
            arrange(order, shuffle ? new SplittableRandom(Seeds.stream(runSeed, SHUFFLE, epoch, 0)) : null);
            for (TrainingListener l : listeners) {
                l.onEpochStart(epoch);
            }
            Loss loss = net.loss();
            int inputs = net.inputSize();
            int outputs = net.outputSize();
            for (; batch < batches; batch++) {
                if (stopRequested.getAsBoolean()) {
                    epochSeconds += (System.nanoTime() - epochStart) / 1e9;
                    throw interrupted(start);
                }
                int from = batch * rows;
                int to = Math.min(n, from + rows);
                Matrix x = ctx.buffer(this, "inputs", to - from, inputs);
                Matrix t = ctx.buffer(this, "targets", to - from, outputs);
                gatherer.gather(train.features(), order, from, to, x);
                Batches.targets(train, outputs, order, from, to, t);
                ctx.reseed(Seeds.stream(runSeed, DROPOUT, epoch, batch));
                float batchLoss = step.run(x, t);
                if (!step.updated()) {
                    throw diverged(batchLoss);
                }
                if (train.isClassification()) {
                    correct += correct(step.output(), loss, ctx, train.labels(), order, from, predicted);
                }
                lossSum += (double) batchLoss * (to - from);
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onBatchEnd(epoch, batch + 1, batchLoss);
                }
            }
            EpochStats stats = epochStats(net, epoch, lossSum / n, train.isClassification() ? (double) correct / n : Double.NaN,
                    validation, opt.learningRate(), epochSeconds + (System.nanoTime() - epochStart) / 1e9);
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
            epoch++;
            batch = 0;
            lossSum = 0;
            correct = 0;
            epochSeconds = 0;
        }

        /** The state at this moment; {@code elapsed} is this session's training time so far. */
        private TrainingState state(double elapsed) {
            List<float[]> bestWeights = best == null ? List.of() : List.of(best);
            return new TrainingState(runSeed, epochs, batchSize, n, epoch, batch,
                    new TrainingState.PartialEpoch(lossSum, correct, epochSeconds), history, secondsBefore + elapsed,
                    new TrainingState.Stopping(bestValue, bestEpoch, sinceBest, stopped, bestWeights), opt.learningRate(),
                    opt.state(params).orElseThrow());
        }

        private void save(long start) {
            try {
                checkpoints.write(net, state((System.nanoTime() - start) / 1e9));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint at " + TrainingState.position(epoch, batch) + ": "
                        + e.getMessage(), e);
            }
            savedEpoch = epoch;
            savedBatch = batch;
        }

        private TrainingInterruptedException interrupted(long start) {
            boolean saving = checkpoints != null;
            if (saving && (savedEpoch != epoch || savedBatch != batch)) {
                save(start);
            }
            String at = batch == 0 ? "before epoch " + epoch : "after batch " + batch + " of epoch " + epoch;
            return new TrainingInterruptedException("training stopped " + at + (saving
                    ? "; a checkpoint of this point was saved" : "; no checkpoint was saved"), epoch, batch, saving);
        }

        /** Puts the run where {@code from} left it, after checking it is this run's state. */
        private void continueFrom(TrainingState from) {
            List<String> wrong = new ArrayList<>();
            compare(wrong, "seed", from.seed(), runSeed);
            compare(wrong, "epochs", from.epochs(), epochs);
            compare(wrong, "batch size", from.batchSize(), batchSize);
            compare(wrong, "training examples", from.examples(), n);
            if (from.epoch() > epochs + 1 || from.batch() >= Math.max(batches, 1)) {
                wrong.add("it stands at " + from.position() + " of a run of " + epochs + " epochs of " + batches + " batches");
            }
            if (!from.stopping().bestWeights().isEmpty() && from.stopping().bestWeights().size() != params.size()) {
                wrong.add("it keeps best weights for " + from.stopping().bestWeights().size() + " parameters, the network has "
                        + params.size());
            }
            if (!wrong.isEmpty()) {
                throw new ConfigException("checkpoint", "the checkpoint does not belong to this training run: "
                        + String.join("; ", wrong));
            }
            try {
                opt.restoreState(params, from.optimizer());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new ConfigException("checkpoint", "the checkpoint's optimizer state does not fit optimizer '"
                        + optimizer.name() + "': " + e.getMessage());
            }
            if (!Double.isNaN(from.learningRate()) && !Double.isNaN(opt.learningRate())) {
                opt.setLearningRate(from.learningRate());
            }
            epoch = from.epoch();
            batch = from.batch();
            lossSum = from.partial().lossSum();
            correct = from.partial().correct();
            epochSeconds = from.partial().seconds();
            secondsBefore = from.seconds();
            history.addAll(from.history());
            TrainingState.Stopping s = from.stopping();
            bestValue = s.bestValue();
            bestEpoch = s.bestEpoch();
            sinceBest = s.sinceBest();
            stopped = s.stopped();
            if (!s.bestWeights().isEmpty()) {
                best = new float[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    if (s.bestWeights().get(i).length != params.get(i).value().size()) {
                        throw new ConfigException("checkpoint", "the checkpoint's best weights of parameter " + i
                                + " have " + s.bestWeights().get(i).length + " values, the network's "
                                + params.get(i).value().size());
                    }
                    best[i] = s.bestWeights().get(i).clone();
                }
            }
            savedEpoch = epoch;
            savedBatch = batch;
        }

        private TrainingDivergedException diverged(float batchLoss) {
            double lr = opt.learningRate();
            String what = Float.isFinite(batchLoss) ? "a gradient became NaN or infinite (the loss was "
                    + String.format(Locale.ROOT, "%g", batchLoss) + ")" : "the loss became " + (Float.isNaN(batchLoss) ? "NaN" : "infinite");
            String kept = savedEpoch < 0 || checkpoints == null ? "" : "; the last checkpoint, at "
                    + TrainingState.position(savedEpoch, savedBatch) + ", is kept";
            return new TrainingDivergedException(String.format(Locale.ROOT,
                    "training diverged: %s at epoch %d, batch %d; lower the learning rate (%soptimizer.%s.lr%s) or clip"
                            + " gradients with %s; standardized inputs help too%s",
                    what, epoch, batch + 1, prefix(), optimizer.name(),
                    Double.isNaN(lr) ? "" : String.format(Locale.ROOT, ", now %g", lr),
                    clipNorm > 0 ? prefix() + "clip_norm below " + clipNorm : prefix() + "clip_norm (1.0 is a common start)",
                    kept));
        }
    }

    private static void compare(List<String> wrong, String what, long saved, long now) {
        if (saved != now) {
            wrong.add("it was saved with " + what + " " + saved + ", this run has " + now);
        }
    }

    private void checkData(Network net, Dataset train, Dataset validation) {
        List<Problem> problems = new ArrayList<>();
        if (train.size() == 0) {
            problems.add(new Problem("data", train.name() + " has no examples to train on"));
        }
        String mismatch = Batches.mismatch(train, net.inputSize(), net.outputSize());
        String lossProblem = mismatch == null ? net.lossProblem(train) : null;
        if (mismatch != null) {
            problems.add(new Problem("data", mismatch));
        } else if (lossProblem != null) {
            problems.add(new Problem("loss", lossProblem));
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

    /** {@code order} as 0, 1, ..., n - 1, then shuffled by {@code random} (when not null). */
    private static void arrange(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random == null) {
            return;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private String prefix() {
        return path.isEmpty() ? "" : path + ".";
    }

    /** {@return the number of epochs planned} */
    public int epochs() {
        return epochs;
    }

    /** {@return the number of examples per mini-batch} */
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
        private Double clipNorm;
        private EarlyStopping earlyStopping;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private CheckpointWriter checkpoints;
        private BooleanSupplier stopRequested = () -> false;
        private PluginRegistry registry;
        private String path = "";

        private Builder() {
        }

        /**
         * The optimizer (default {@code sgd} with its defaults).
         *
         * @param spec the new value
         * @return this builder
         */
        public Builder optimizer(Spec spec) {
            this.optimizer = spec;
            return this;
        }

        /**
         * {@return the optimizer by name with options ({@code "adam", Map.of("lr", 0.01)})}
         *
         * @param name    the provider name
         * @param options its options
         */
        public Builder optimizer(String name, Map<String, ?> options) {
            return optimizer(Spec.of(name, options));
        }

        /**
         * A learning-rate schedule applied at the start of each epoch (default: none, the rate stays).
         *
         * @param spec the new value
         * @return this builder
         */
        public Builder schedule(Spec spec) {
            this.schedule = spec;
            return this;
        }

        /**
         * Examples per mini-batch (default 32); 1 is plain stochastic gradient descent.
         *
         * @return this builder
         * @param size the number of examples
         */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /**
         * Passes over the training data (default 10).
         *
         * @return this builder
         * @param count the number of epochs
         */
        public Builder epochs(int count) {
            this.epochs = count;
            return this;
        }

        /**
         * Whether to reshuffle the training data every epoch (default true).
         *
         * @param on the new value
         * @return this builder
         */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /**
         * The seed for shuffling and dropout (default: the network's seed).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Global gradient-norm clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}: when the
         * L2 norm of all gradients together exceeds {@code maxNorm}, every gradient is scaled by
         * {@code maxNorm / (norm + 1e-6)} before the update. Must be above 0; default: no clipping.
         * @param maxNorm the largest global norm, or 0 for none
         * @return this builder
         */
        public Builder clipNorm(double maxNorm) {
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Stop when a metric stops improving; see {@link EarlyStopping}.
         *
         * @return this builder
         * @param value the rule, or null for none
         */
        public Builder earlyStopping(EarlyStopping value) {
            this.earlyStopping = value;
            return this;
        }

        /**
         * Stop when {@code monitor} has not improved for {@code patience} epochs, restoring the best weights.
         *
         * @return this builder
         * @param monitor  the metric to watch
         * @param patience epochs without improvement before stopping
         */
        public Builder earlyStopping(String monitor, int patience) {
            return earlyStopping(EarlyStopping.of(monitor, patience));
        }

        /**
         * Adds a listener, called in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * Saves a checkpoint through {@code writer} after every epoch and when a stop is requested
         * ({@code Checkpoint.writer(file, info)} writes a file). The optimizer must be able to save
         * its state ({@link dev.nn.api.Optimizer#state}); default: no checkpoints.
         * @param writer saves each checkpoint
         * @return this builder
         */
        public Builder checkpoint(CheckpointWriter writer) {
            this.checkpoints = writer;
            return this;
        }

        /**
         * Asked before every batch: when it answers true, training stops there (after the batch in
         * progress, never inside one), saves a checkpoint if {@link #checkpoint} is set, and throws
         * {@link TrainingInterruptedException}. The CLI sets it on Ctrl-C. Keep it cheap.
         * @param requested asked after every batch
         * @return this builder
         */
        public Builder stopWhen(BooleanSupplier requested) {
            this.stopRequested = Objects.requireNonNull(requested, "requested");
            return this;
        }

        /**
         * Sets the registry that resolves the optimizer and schedule names (default: the class path's).
         *
         * @param value the registry
         * @return this builder
         */
        public Builder registry(PluginRegistry value) {
            this.registry = value;
            return this;
        }

        /**
         * The option path of these settings in a config ({@code "train"}), used in error messages.
         *
         * @param optionPath the new value
         * @return this builder
         */
        public Builder path(String optionPath) {
            this.path = optionPath == null ? "" : optionPath;
            return this;
        }

        /**
         * Checks every setting (including the optimizer's and schedule's options).
         *
         * @throws ConfigException listing every problem
         * @return the trainer
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
            if (clipNorm != null && !(clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY)) {
                problems.add(new Problem(prefix + "clip_norm", "clip_norm must be above 0, got " + clipNorm));
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
