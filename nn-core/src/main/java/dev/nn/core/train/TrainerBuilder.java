package dev.nn.core.train;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.Optimizer;
import dev.nn.api.OptionSpec;
import dev.nn.api.Parameter;
import dev.nn.api.Schedule;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.internal.Batches;
import dev.nn.core.registry.OptionChecker;
import dev.nn.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Configures a {@link Trainer} ({@link Trainer#builder()}); every setting has a default except where
 * noted. The defaults, ranges and messages are those of {@link #OPTIONS}, which the pipeline format's
 * {@code train} section is too, so a bad value here is reported as it is in YAML.
 */
public final class TrainerBuilder {
    /** The settings of a training run, as a pipeline's {@code train} section declares them: the one place of their defaults and ranges. */
    public static final OptionSpec OPTIONS = OptionSpec.section(
                    "train",
                    "how the network is trained",
                    OptionSpec.component("optimizer", ComponentKind.OPTIMIZER, "the optimizer")
                            .defaultValue("sgd"),
                    OptionSpec.component(
                            "schedule",
                            ComponentKind.SCHEDULE,
                            "learning-rate schedule, applied at the start of each epoch (before every batch for a"
                                    + " per-batch schedule such as one_cycle); default: none, the rate stays"),
                    Warmup.OPTIONS,
                    OptionSpec.integer("batch_size", "examples per mini-batch; 1 is plain stochastic gradient descent")
                            .defaultValue(32)
                            .atLeast(1),
                    OptionSpec.integer("epochs", "passes over the training data")
                            .defaultValue(10)
                            .atLeast(1),
                    OptionSpec.bool("shuffle", "reshuffle the training data every epoch")
                            .defaultValue(true),
                    OptionSpec.number(
                                    "clip_norm",
                                    "scale the gradients down whenever their global L2 norm exceeds"
                                            + " this, as PyTorch's clip_grad_norm_ (a cure for a diverging loss); default: no clipping")
                            .above(0),
                    OptionSpec.integer(
                                    "shard_rows",
                                    "compute each batch in logical shards of this many rows, their gradients summed in"
                                            + " shard order: the same bits on one machine as in exact distributed training"
                                            + " (distributed.spark.local_steps: 1) over any number of partitions; 0: whole batches")
                            .defaultValue(0)
                            .atLeast(0),
                    EarlyStopping.OPTIONS,
                    OptionSpec.bool(
                                    "checkpoint",
                                    "keep checkpoint.zip in the run folder after every epoch (and at"
                                            + " Ctrl-C), to continue with nn train CONFIG --resume RUN_DIR")
                            .defaultValue(false))
            .defaultValue(Map.of());

    /** The settings of {@link #OPTIONS} given so far, by their YAML names; the checker fills in the rest. */
    private final Map<String, Object> given = new LinkedHashMap<>();

    private Long seed;
    private EarlyStopping earlyStopping;
    private Warmup warmup;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private CheckpointWriter checkpoints;
    private BooleanSupplier stopRequested = () -> false;
    private PluginRegistry registry;
    private String path = "";
    private Rounds.Factory rounds;

    TrainerBuilder() {}

    /**
     * {@return this builder} The optimizer (default {@code sgd} with its defaults).
     *
     * @param spec the new value
     */
    public TrainerBuilder optimizer(Spec spec) {
        return set("optimizer", spec);
    }

    /**
     * {@return the optimizer by name with options ({@code "adam", Map.of("lr", 0.01)})}
     *
     * @param name    the provider name
     * @param options its options
     */
    public TrainerBuilder optimizer(String name, Map<String, ?> options) {
        return optimizer(Spec.of(name, options));
    }

    /**
     * {@return this builder} A learning-rate schedule applied at the start of each epoch, or before every batch for
     * one that says {@link Schedule#perBatch()} (default: none, the rate stays).
     *
     * @param spec the new value
     */
    public TrainerBuilder schedule(Spec spec) {
        return set("schedule", spec);
    }

    /**
     * {@return this builder} A linear warm-up of the learning rate before the schedule; see {@link Warmup}.
     *
     * @param value the warm-up, or null for none (the default)
     */
    public TrainerBuilder warmup(Warmup value) {
        this.warmup = value;
        return this;
    }

    /**
     * {@return this builder} Raises the rate linearly from {@code startFactor} x the rate over the first {@code epochs}
     * epochs, then runs the schedule; see {@link Warmup}.
     *
     * @param epochs      epochs of warm-up, at least 1
     * @param startFactor the fraction of the rate the first epoch runs at, in (0, 1]
     */
    public TrainerBuilder warmup(int epochs, double startFactor) {
        return warmup(new Warmup(epochs, startFactor));
    }

    /**
     * {@return this builder} Examples per mini-batch (default 32); 1 is plain stochastic gradient descent.
     *
     * @param size the number of examples
     */
    public TrainerBuilder batchSize(int size) {
        return set("batch_size", size);
    }

    /**
     * {@return this builder} Passes over the training data (default 10, at least 1).
     *
     * @param count the number of epochs
     */
    public TrainerBuilder epochs(int count) {
        return set("epochs", count);
    }

    /**
     * {@return this builder} Whether to reshuffle the training data every epoch (default true).
     *
     * @param on the new value
     */
    public TrainerBuilder shuffle(boolean on) {
        return set("shuffle", on);
    }

    /**
     * {@return this builder} The seed for shuffling and dropout (default: the network's seed).
     *
     * @param value the new value
     */
    public TrainerBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * {@return this builder} Global gradient-norm clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}: when the
     * L2 norm of all gradients together exceeds {@code maxNorm}, every gradient is scaled by
     * {@code maxNorm / (norm + 1e-6)} before the update. Must be above 0; default: no clipping.
     * @param maxNorm the largest global norm
     */
    public TrainerBuilder clipNorm(double maxNorm) {
        return set("clip_norm", maxNorm);
    }

    /**
     * {@return this builder} Computes each batch of more than {@code rows} rows in logical shards of
     * that many rows, their gradients summed in shard order ({@link TrainingStep}); 0 (the default)
     * computes whole batches. Exact distributed training spreads a batch's shards over machines and
     * gets the bits of a run on one machine with the same setting.
     *
     * @param rows the rows of a shard, or 0
     */
    public TrainerBuilder shardRows(int rows) {
        return set("shard_rows", rows);
    }

    /**
     * {@return this builder} Where the run's batches are computed; by default on this machine, one batch
     * a round. nn-spark's rounds compute them on a Spark cluster.
     *
     * @param factory the rounds of each run, or null for this machine
     */
    public TrainerBuilder rounds(Rounds.Factory factory) {
        this.rounds = factory;
        return this;
    }

    /**
     * {@return this builder} Stop when a metric stops improving; see {@link EarlyStopping}.
     *
     * @param value the rule, or null for none
     */
    public TrainerBuilder earlyStopping(EarlyStopping value) {
        this.earlyStopping = value;
        return this;
    }

    /**
     * {@return this builder} Stop when {@code monitor} has not improved for {@code patience} epochs, restoring the best weights.
     *
     * @param monitor  the metric to watch
     * @param patience epochs without improvement before stopping
     */
    public TrainerBuilder earlyStopping(String monitor, int patience) {
        return earlyStopping(EarlyStopping.of(monitor, patience));
    }

    /**
     * {@return this builder} Adds a listener, called in the order added.
     *
     * @param listener the listener
     */
    public TrainerBuilder listener(TrainingListener listener) {
        this.listeners.add(listener);
        return this;
    }

    /**
     * {@return this builder} Saves a checkpoint through {@code writer} after every epoch and when a stop is requested
     * ({@code Checkpoint.writer(file, info)} writes a file). The optimizer must be able to save
     * its state ({@link dev.nn.api.Optimizer#state}); default: no checkpoints.
     * @param writer saves each checkpoint
     */
    public TrainerBuilder checkpoint(CheckpointWriter writer) {
        this.checkpoints = writer;
        return this;
    }

    /**
     * {@return this builder} Asked before every batch: when it answers true, training stops there (after the batch in
     * progress, never inside one), saves a checkpoint if {@link #checkpoint} is set, and throws
     * {@link TrainingInterruptedException}. The CLI sets it on Ctrl-C. Keep it cheap.
     * @param requested asked after every batch
     */
    public TrainerBuilder stopWhen(BooleanSupplier requested) {
        this.stopRequested = Objects.requireNonNull(requested, "requested");
        return this;
    }

    /**
     * {@return this builder} Sets the registry that resolves the optimizer and schedule names (default: the class path's).
     *
     * @param value the registry
     */
    public TrainerBuilder registry(PluginRegistry value) {
        this.registry = value;
        return this;
    }

    /**
     * {@return this builder} The option path of these settings in a config ({@code "train"}), used in error messages.
     *
     * @param optionPath the new value
     */
    public TrainerBuilder path(String optionPath) {
        this.path = optionPath == null ? "" : optionPath;
        return this;
    }

    private TrainerBuilder set(String key, Object value) {
        given.put(key, value);
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
        Map<String, Object> checked = OptionChecker.checked(reg, OPTIONS, given, path);
        String prefix = path.isEmpty() ? "" : path + ".";
        Spec opt = (Spec) checked.get("optimizer");
        Spec sched = (Spec) checked.get("schedule");
        int epochs = (Integer) checked.get("epochs");
        if ((sched != null || warmup != null)
                && Double.isNaN(reg.optimizer(opt, prefix + "optimizer").learningRate())) {
            throw new ConfigException(
                    prefix + (sched != null ? "schedule" : "warmup"),
                    "optimizer '" + opt.name() + "' has no learning rate to schedule");
        }
        if (warmup != null && sched != null) {
            checkWarmup(reg.schedule(sched, prefix + "schedule"), sched.name(), epochs, prefix);
        }
        return new Trainer(new Settings(
                opt,
                sched,
                (Integer) checked.get("batch_size"),
                epochs,
                (Boolean) checked.get("shuffle"),
                seed,
                checked.get("clip_norm") instanceof Double d ? d : 0,
                (Integer) checked.get("shard_rows"),
                earlyStopping,
                warmup,
                List.copyOf(listeners),
                checkpoints,
                stopRequested,
                reg,
                prefix,
                rounds));
    }

    /** Refuses a warm-up before a schedule it cannot precede, or one that leaves the schedule no epochs. */
    private void checkWarmup(Schedule schedule, String name, int epochs, String prefix) {
        if (schedule.perBatch()) {
            throw new ConfigException(
                    prefix + "warmup",
                    "schedule '" + name + "' sets the rate every batch and shapes its own start (one_cycle warms up"
                            + " through pct_start); remove train.warmup");
        }
        if (schedule.monitor() != null) {
            throw new ConfigException(
                    prefix + "warmup",
                    "schedule '" + name + "' follows " + schedule.monitor()
                            + " rather than the epoch, so a warm-up cannot be chained before it (PyTorch's"
                            + " SequentialLR cannot either); remove train.warmup");
        }
        if (warmup.epochs() >= epochs) {
            throw new ConfigException(
                    prefix + "warmup.epochs",
                    warmup.epochs() + " epochs of warm-up leave none of the " + epochs + " epochs to schedule '" + name
                            + "'; warm up for fewer epochs than train.epochs");
        }
    }

    /** A checked copy of the settings, for one trainer; {@code prefix} is the option path and a dot, or empty. */
    record Settings(
            Spec optimizer,
            Spec schedule,
            int batchSize,
            int epochs,
            boolean shuffle,
            Long seed,
            double clipNorm,
            int shardRows,
            EarlyStopping earlyStopping,
            Warmup warmup,
            List<TrainingListener> listeners,
            CheckpointWriter checkpoints,
            BooleanSupplier stopRequested,
            PluginRegistry registry,
            String prefix,
            Rounds.Factory rounds) {

        /**
         * The multiply-adds of the epochs from {@code epoch} on, roughly: three per weight per example (the
         * forward product and backward's two), over the training rows and once over the validation rows.
         */
        long expectedWork(List<Parameter> params, int n, Dataset validation, int epoch) {
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

        /** Checks that {@code opt} can save its state when these settings save checkpoints. */
        void requireCheckpointable(Optimizer opt, List<Parameter> params) {
            if (checkpoints != null && opt.state(params).isEmpty()) {
                throw new ConfigException(
                        prefix() + "checkpoint",
                        "optimizer '" + optimizer.name()
                                + "' cannot save its state, so a checkpoint could not resume it exactly; turn checkpoints off"
                                + " or use an optimizer that can (sgd, adam, adamw, rmsprop, adagrad, nadam)");
            }
        }

        /**
         * Checks that the data fits the network and these settings (early stopping's monitor, and
         * {@code scheduleMonitor}, the figure the schedule reacts to, or null).
         */
        void checkData(Network net, Dataset train, Dataset validation, String scheduleMonitor) {
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
            int n = train.size();
            int smallest = n % batchSize == 0 || n < batchSize ? Math.min(n, batchSize) : n % batchSize;
            String small = n == 0 ? null : net.cannotTrainBatchOf(smallest);
            if (small != null) {
                problems.add(new Problem(
                        prefix + "batch_size",
                        small + ", but " + n + " examples in batches of " + batchSize + " leave a last batch of "
                                + smallest + "; choose a batch size that leaves none that small"));
            }
            if (earlyStopping != null) {
                EarlyStopping.checkMonitor(
                        "early stopping",
                        earlyStopping.monitor(),
                        train,
                        validation,
                        prefix + "early_stopping.monitor",
                        problems);
            }
            if (scheduleMonitor != null) {
                EarlyStopping.checkMonitor(
                        "schedule '" + schedule.name() + "'",
                        scheduleMonitor,
                        train,
                        validation,
                        prefix + "schedule." + schedule.name() + ".monitor",
                        problems);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
