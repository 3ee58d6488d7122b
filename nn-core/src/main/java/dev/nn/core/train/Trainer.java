package dev.nn.core.train;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.api.Schedule;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.internal.Batches;
import dev.nn.core.internal.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Trains a {@link Network} by mini-batch gradient descent: seeded shuffling, an optimizer and
 * optional learning-rate schedule (after an optional warm-up) and gradient clipping, validation after each epoch, early
 * stopping with the best weights restored, checkpoints to resume from, and a stop with a clear
 * message when the loss or a gradient stops being finite.
 *
 * <p>The same seed gives the same weights, bit for bit, whatever the engine's thread count, and a
 * run resumed from a checkpoint ends with the same bits as one that was never interrupted: every
 * epoch's shuffle and every batch's dropout come from their own stream, seeded from the run's seed
 * and the epoch (and batch), so no generator state needs saving.
 *
 * <p>The learning rate is set at the start of every epoch, or before every batch for a schedule that
 * says {@link Schedule#perBatch()}; an epoch's reported rate ({@link EpochStats#learningRate()}) is
 * the rate its last batch ran at. A schedule that reacts to results is told each epoch's figures
 * after early stopping has seen them, and its state is saved with every checkpoint.
 */
public final class Trainer {
    private static final long SHUFFLE = 1;
    private static final long DROPOUT = 2;

    private final TrainerBuilder.Settings settings;

    Trainer(TrainerBuilder.Settings settings) {
        this.settings = settings;
    }

    /** {@return a builder with the defaults} */
    public static TrainerBuilder builder() {
        return new TrainerBuilder();
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
     * @throws TrainingInterruptedException if a stop was requested (see {@link TrainerBuilder#stopWhen})
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

    /**
     * Checks, without training, what {@link #fit} checks first: that the data fits the network and
     * its loss, that early stopping has the data it monitors, and that every batch is large enough
     * for the network's layers. A runner calls it before it writes anything.
     *
     * @param net        the network
     * @param train      the training data
     * @param validation the validation data, or null
     * @throws ConfigException naming the option or section of each problem
     */
    public void check(Network net, Dataset train, Dataset validation) {
        Schedule schedule = schedule();
        settings.checkData(net, train, validation, schedule == null ? null : schedule.monitor());
    }

    /** {@return a new schedule from the settings, or null for none} */
    private Schedule schedule() {
        return settings.schedule() == null
                ? null
                : settings.registry().schedule(settings.schedule(), settings.prefix() + "schedule");
    }

    /** One call of fit or resume: the objects it trains with and where it stands. */
    private final class Run {
        private final Network net;
        private final Dataset train;
        private final Dataset validation;
        private final Optimizer opt;
        private final Schedule lrSchedule;
        /** The rates of the run, or null when the optimizer's rate stays. */
        private final RatePlan rates;

        private final long runSeed;
        private final List<Parameter> params;
        /** What early stopping keeps of the best epoch: the parameters, then the layers' buffers. */
        private final List<Parameter> kept;

        private final TrainingStep step;
        private final int n;
        private final int batches;
        /** Rows per batch: the batch size, or the whole data when that is smaller. */
        private final int rows;

        private final Rounds rounds;
        private final EarlyStopper stopper = new EarlyStopper(settings.earlyStopping());
        private final List<EpochStats> history = new ArrayList<>();
        // Where the run stands: the epoch in progress, batches of it done, and what they added up to.
        private int epoch = 1;
        private int batch;
        private double lossSum;
        private long correct;
        private double epochSeconds;
        private double secondsBefore;
        private int savedEpoch = -1;
        private int savedBatch = -1;

        Run(Network net, Dataset train, Dataset validation, TrainingState from) {
            this.lrSchedule = schedule();
            settings.checkData(net, train, validation, lrSchedule == null ? null : lrSchedule.monitor());
            net.fitLossTo(train);
            this.net = net;
            this.train = train;
            this.validation = validation;
            this.opt = settings.registry().optimizer(settings.optimizer(), settings.prefix() + "optimizer");
            this.runSeed = settings.seed() != null ? settings.seed() : net.seed();
            this.params = net.parameters();
            List<Parameter> all = new ArrayList<>(params);
            all.addAll(net.buffers());
            this.kept = List.copyOf(all);
            Workspace ctx = new Workspace(net.engine(), runSeed).training(true);
            this.step = new TrainingStep(net, opt, ctx, settings.clipNorm(), settings.shardRows());
            this.n = train.size();
            // A batch larger than the data is the whole data (and must not size buffers, or overflow the count).
            this.rows = Math.min(settings.batchSize(), Math.max(n, 1));
            this.rounds = settings.rounds() == null
                    ? new LocalRounds(ctx)
                    : settings.rounds()
                            .start(new Rounds.Run(
                                    net, opt, settings.optimizer(), step, train, runSeed, rows, settings.shuffle()));
            this.batches = rounds.batches();
            this.rates = lrSchedule == null && settings.warmup() == null
                    ? null
                    : new RatePlan(lrSchedule, settings.warmup(), settings.epochs(), batches, opt.learningRate());
            settings.requireCheckpointable(opt, params);
            if (from != null) {
                continueFrom(from);
            }
        }

        History train() {
            try (rounds) {
                return trainRounds();
            }
        }

        private History trainRounds() {
            settings.listeners().forEach(l -> l.onTrainStart(net, settings.epochs(), batches));
            net.engine().expectWork(settings.expectedWork(params, n, validation, epoch));
            long start = System.nanoTime();
            while (epoch <= settings.epochs() && !stopper.stopped()) {
                runEpoch(start);
                if (settings.checkpoints() != null) {
                    save(start);
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
            int bestEpoch = stopper.finish(kept, history.size());
            History result = new History(history, stopper.stopped(), bestEpoch, seconds, (long) history.size() * n);
            settings.listeners().forEach(l -> l.onTrainEnd(result));
            return result;
        }

        private void runEpoch(long start) {
            long epochStart = System.nanoTime();
            boolean perBatch = rates != null && rates.perBatch();
            if (rates != null && !perBatch) {
                opt.setLearningRate(rates.rate(epoch - 1, 0));
            }
            List<TrainingListener> listeners = settings.listeners();
            listeners.forEach(l -> l.onEpochStart(epoch));
            int e = epoch;
            IntToDoubleFunction rate = perBatch ? b -> rates.rate(e - 1, b) : null;
            while (batch < batches) {
                if (settings.stopRequested().getAsBoolean()) {
                    epochSeconds += (System.nanoTime() - epochStart) / 1e9;
                    throw interrupted(start);
                }
                Rounds.Round round = rounds.run(epoch, batch, rate);
                int last = round.batches() - 1;
                if (!round.updated()) {
                    throw TrainingDivergedException.of(
                            round.losses()[last],
                            epoch,
                            batch + last + 1,
                            settings.prefix(),
                            settings.optimizer().name(),
                            opt.learningRate(),
                            settings.clipNorm(),
                            savedEpoch < 0 || settings.checkpoints() == null
                                    ? null
                                    : TrainingState.position(savedEpoch, savedBatch));
                }
                correct += round.correct();
                for (int i = 0; i <= last; i++) {
                    float batchLoss = round.losses()[i];
                    lossSum += (double) batchLoss * round.rows()[i];
                    for (int l = 0; l < listeners.size(); l++) {
                        listeners.get(l).onBatchEnd(epoch, batch + i + 1, batchLoss);
                    }
                }
                batch += round.batches();
            }
            EpochStats stats = EpochStats.of(
                    net,
                    epoch,
                    lossSum / n,
                    train.isClassification() ? (double) correct / n : Double.NaN,
                    validation,
                    opt.learningRate(),
                    epochSeconds + (System.nanoTime() - epochStart) / 1e9);
            history.add(stats);
            listeners.forEach(l -> l.onEpochEnd(stats));
            stopper.update(stats, kept);
            if (lrSchedule != null) {
                lrSchedule.epochEnded(epoch - 1, figures(stats));
            }
            epoch++;
            batch = 0;
            lossSum = 0;
            correct = 0;
            epochSeconds = 0;
        }

        /** The rounds of this machine: one batch each, gathered from the training data and run by the step. */
        private final class LocalRounds implements Rounds {
            private final Workspace ctx;
            private final int[] order = new int[n];
            private final int[] predicted = new int[rows];
            private final Batches.Gatherer gatherer;
            private int arranged;

            LocalRounds(Workspace ctx) {
                this.ctx = ctx;
                this.gatherer = new Batches.Gatherer(net.engine());
            }

            @Override
            public int batches() {
                return (n + rows - 1) / rows;
            }

            @Override
            public Round run(int epoch, int batch, IntToDoubleFunction rates) {
                if (arranged != epoch) {
                    epochOrder(order, settings.shuffle(), runSeed, epoch);
                    arranged = epoch;
                }
                if (rates != null) {
                    opt.setLearningRate(rates.applyAsDouble(batch));
                }
                int from = batch * rows;
                int to = Math.min(n, from + rows);
                Matrix x = ctx.buffer(this, "inputs", to - from, net.inputSize());
                Matrix t = ctx.buffer(this, "targets", to - from, net.outputSize());
                gatherer.gather(train.features(), order, from, to, x);
                Batches.targets(train, net.outputSize(), order, from, to, t);
                float loss = step.run(x, t, batchSeed(runSeed, epoch, batch));
                int right = step.updated() && train.isClassification()
                        ? step.correct(train.labels(), order, from, predicted)
                        : 0;
                return new Round(new float[] {loss}, new int[] {to - from}, right, step.updated());
            }
        }

        private static Map<String, Double> figures(EpochStats stats) {
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("loss", stats.loss());
            figures.put("accuracy", stats.accuracy());
            figures.put("val_loss", stats.validationLoss());
            figures.put("val_accuracy", stats.validationAccuracy());
            figures.put("val_r2", stats.validationR2());
            figures.put("val_mae", stats.validationMae());
            return figures;
        }

        private void save(long start) {
            TrainingState state = new TrainingState(
                    runSeed,
                    settings.epochs(),
                    settings.batchSize(),
                    n,
                    epoch,
                    batch,
                    new TrainingState.PartialEpoch(lossSum, correct, epochSeconds),
                    history,
                    secondsBefore + (System.nanoTime() - start) / 1e9,
                    stopper.state(),
                    opt.learningRate(),
                    opt.state(params).orElseThrow(),
                    lrSchedule == null ? Map.of() : lrSchedule.state());
            try {
                settings.checkpoints().write(net, state);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot write the checkpoint at " + state.position() + ": " + e.getMessage(), e);
            }
            savedEpoch = epoch;
            savedBatch = batch;
        }

        private TrainingInterruptedException interrupted(long start) {
            boolean saving = settings.checkpoints() != null;
            if (saving && (savedEpoch != epoch || savedBatch != batch)) {
                save(start);
            }
            return TrainingInterruptedException.at(epoch, batch, saving);
        }

        /** Puts the run where {@code from} left it, after checking it is this run's state. */
        private void continueFrom(TrainingState from) {
            from.requireFits(runSeed, settings.epochs(), settings.batchSize(), n, batches, kept.size());
            try {
                opt.restoreState(params, from.optimizer());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new ConfigException(
                        "checkpoint",
                        "the checkpoint's optimizer state does not fit optimizer '"
                                + settings.optimizer().name() + "': " + e.getMessage());
            }
            if (lrSchedule != null) {
                try {
                    lrSchedule.restore(from.schedule());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(
                            "checkpoint",
                            "the checkpoint's schedule state does not fit schedule '"
                                    + settings.schedule().name() + "': " + e.getMessage());
                }
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
            stopper.restore(from.stopping(), kept);
            savedEpoch = epoch;
            savedBatch = batch;
        }
    }

    /**
     * Puts epoch {@code epoch}'s order of the training examples into {@code order}: the examples
     * shuffled from the run's seed and the epoch, or in their order when {@code shuffle} is off. Batch
     * {@code b} of the epoch is {@code order[b * rows ...]}; distributed rounds compute the same order.
     *
     * @param order   room for every example's index, filled in place
     * @param shuffle whether the run reshuffles every epoch
     * @param seed    the run's seed
     * @param epoch   the epoch, from 1
     */
    public static void epochOrder(int[] order, boolean shuffle, long seed, int epoch) {
        Batches.arrange(order, shuffle ? new SplittableRandom(Seeds.stream(seed, SHUFFLE, epoch, 0)) : null);
    }

    /**
     * {@return the seed of batch {@code batch} of epoch {@code epoch}'s random stream (its dropout)}
     *
     * @param seed  the run's seed
     * @param epoch the epoch, from 1
     * @param batch the batch, from 0
     */
    public static long batchSeed(long seed, int epoch, int batch) {
        return Seeds.stream(seed, DROPOUT, epoch, batch);
    }

    /** {@return the number of epochs planned} */
    public int epochs() {
        return settings.epochs();
    }

    /** {@return the number of examples per mini-batch} */
    public int batchSize() {
        return settings.batchSize();
    }
}
