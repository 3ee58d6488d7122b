package dev.nn.runner.pipeline;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.api.TableColumn;
import dev.nn.api.TableEncoding;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.internal.Batches;
import dev.nn.core.io.AtomicFile;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.History;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.core.train.TrainingListener;
import dev.nn.runner.config.DataConfig;
import dev.nn.runner.config.DistributedConfig;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.config.TrainConfig;
import dev.nn.runner.report.HtmlReport;
import dev.nn.runner.report.Inputs;
import dev.nn.runner.report.PlotReports;
import dev.nn.runner.report.ReportWriter;
import dev.nn.runner.report.RunResult;
import dev.nn.runner.report.RunTimings;
import dev.nn.runner.report.StandardReports;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a YAML pipeline: load and split the data, build the network, train, evaluate and
 * write the run folder. It builds everything through the same builder and registry a Java program
 * uses; YAML only supplies the specs.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PluginRegistry registry;
    private final PipelineConfig config;
    private final Engine engine;
    private final Set<TrainingListener> listeners;
    private final Set<ReportWriter> writers;
    private final HtmlReport html;
    private Dataset dataset;
    private String checksum;
    private Split raw;
    private int[] testRows;
    private Split split;
    private Network network;
    private DistributedTraining distributedTraining;

    @Inject
    Pipeline(
            PluginRegistry registry,
            PipelineConfig config,
            Engine engine,
            Set<TrainingListener> listeners,
            Set<ReportWriter> writers,
            HtmlReport html) {
        this.registry = registry;
        this.config = config;
        this.engine = engine;
        this.listeners = listeners;
        this.writers = writers;
        this.html = html;
    }

    /** {@return the resolved config} */
    public PipelineConfig config() {
        return config;
    }

    /**
     * {@return the data split as the config says, before preprocessing (loaded once, and again after
     * {@link #data} has preprocessed it in place)}
     */
    public Split rawData() {
        if (raw == null) {
            DistributedTraining distributed = distributed();
            if (distributed != null) {
                distributed.configure(config);
            }
            DataConfig data = config.data();
            dataset = registry.dataset(
                    data.dataset(), "data.dataset", config.file().getParent(), config.seed());
            try {
                raw = dataset.split(data.test(), data.validation(), config.seed(), data.stratify());
                if (testRows == null) {
                    testRows = rowsOfTest(dataset, data, config.seed());
                }
            } catch (IllegalArgumentException e) {
                // Fractions that pass their own range check but leave nothing to train on for this data.
                throw new ConfigException(
                        data.test() > 0 || data.validation() == 0 ? "data.test" : "data.validation",
                        e.getMessage() + "; hold out smaller fractions for test and validation, or use more data");
            }
        }
        return raw;
    }

    /**
     * {@return the row of the data as loaded that each example of the test part is, in the test
     * part's order (0 for the first row, as of the source's file); the row of its fixed test split
     * for a dataset that has one; empty without a test part, null for data too large to tell}
     */
    public int[] testRows() {
        if (split == null) {
            rawData(); // once data() has split, the rows are known and the data need not load again
        }
        return testRows == null ? null : testRows.clone();
    }

    /**
     * The test part's rows, found by splitting the same way a dataset whose one feature is the row
     * number: {@link Dataset#split} chooses the rows from the number of examples, the labels (to
     * stratify), the fractions and the seed alone, never from the feature values.
     */
    private static int[] rowsOfTest(Dataset d, DataConfig data, long seed) {
        if (d.test().isPresent()) {
            return java.util.stream.IntStream.range(0, d.test().get().size()).toArray();
        }
        if (d.size() > 1 << 24) {
            return null; // beyond float's exact whole numbers
        }
        dev.nn.api.Matrix row = new dev.nn.api.Matrix(d.size(), 1);
        for (int i = 0; i < d.size(); i++) {
            row.set(i, 0, i);
        }
        Dataset numbered = d.isClassification()
                ? Dataset.classification(d.name(), row, d.labels(), d.classNames())
                : Dataset.regression(d.name(), row, d.targets());
        Dataset test = numbered.split(data.test(), data.validation(), seed, data.stratify())
                .test();
        int[] rows = new int[test == null ? 0 : test.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (int) test.features().get(i, 0);
        }
        return rows;
    }

    /**
     * {@return the data, split and preprocessed as the config says; preprocessing is fitted on the
     * training part}
     *
     * <p>A raw table ({@link Dataset#table()}) is encoded first, by a {@link TableEncoding} fitted on
     * the training part; then {@code data.preprocess}, each step leaving a table's one-hot and boolean
     * features as they are; then {@code data.target_preprocess} is fitted on the training part's
     * regression targets (the parts keep their targets in their own units; the network scales them).
     *
     * <p>The loaded data is this pipeline's alone (a {@link dev.nn.api.DatasetProvider} hands out
     * arrays its caller owns), so preprocessing changes it in place rather than keeping a second copy
     * of every feature matrix; ask for {@link #dataChecksum} first when it will be needed.
     */
    public Split data() {
        if (split == null) {
            Split s = rawData();
            boolean table = !s.train().table().isEmpty();
            if (table) {
                s = encoded(s);
            }
            List<Spec> steps = config.data().preprocess();
            for (int i = 0; i < steps.size(); i++) {
                s = s.thenInPlace(registry.preprocessor(steps.get(i), "data.preprocess[" + i + "]"));
            }
            s = targetsScaled(s);
            split = s;
            if (!steps.isEmpty() || table) {
                // Their arrays hold the preprocessed values now; an encoded table is a copy, and the raw one is let
                // go rather than kept beside it. Either is loaded again if asked for.
                raw = null;
                dataset = null;
            }
        }
        return split;
    }

    /** The raw table's encoding fitted on the training part and applied to every part, with a log line saying what it made. */
    private Split encoded(Split s) {
        Split encoded;
        try {
            encoded = s.encodeTable(missingValues());
        } catch (ConfigException e) {
            throw new ConfigException("data.dataset", e.getMessage());
        }
        TableEncoding table = encoded.preprocessing().table();
        LOG.info(
                "Encoded the table's {} columns into {} features: {}",
                table.columns().size(),
                table.width(),
                Inputs.list(table.featureNames()));
        int dropped = s.train().size() - encoded.train().size();
        if (dropped > 0) {
            LOG.info("Left out {} training rows with a missing cell in a drop_row column", dropped);
        }
        return encoded;
    }

    /**
     * The texts the dataset read as "missing", which the model file records so that rows given to
     * {@code nn predict} read the same: the dataset's {@code missing_values} option when it has one.
     */
    private List<String> missingValues() {
        if (config.data().dataset().options().get("missing_values") instanceof List<?> given) {
            List<String> texts = new ArrayList<>();
            given.forEach(v -> texts.add(String.valueOf(v)));
            return texts;
        }
        return TableColumn.DEFAULT_MISSING_VALUES;
    }

    /** {@code data.target_preprocess} fitted on the training part's targets (regression only). */
    private Split targetsScaled(Split s) {
        List<Spec> steps = config.data().targetPreprocess();
        if (!steps.isEmpty() && s.train().isClassification()) {
            throw new ConfigException(
                    "data.target_preprocess",
                    "scales regression targets, but " + config.data().dataset().name() + " has class labels ("
                            + s.train().numClasses() + " classes); remove data.target_preprocess");
        }
        for (int i = 0; i < steps.size(); i++) {
            String where = "data.target_preprocess[" + i + "]";
            try {
                s = s.thenTargets(registry.preprocessor(steps.get(i), where));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage());
            }
        }
        return s;
    }

    /**
     * {@return the checksum of the data's examples as loaded ({@link dev.nn.api.Dataset#checksum}), which a
     * model and its checkpoints record} Taken once, best before {@link #data}: after it, the data
     * is loaded again for it, as preprocessing changed the loaded arrays.
     */
    public String dataChecksum() {
        if (checksum == null) {
            rawData();
            checksum = dataset.checksum();
        }
        return checksum;
    }

    /**
     * Builds the network for the data's input size, checking that its outputs fit the data's
     * classes or targets, that its loss can train them, and that the training settings fit both.
     *
     * @return the network
     */
    public Network network() {
        if (network != null) {
            return network;
        }
        Split s = data();
        Network.Builder builder = Network.builder(s.inputSize())
                .registry(registry)
                .engine(engine)
                .path("model")
                .baseDir(config.file().getParent())
                .seed(config.seed())
                .loss(config.model().loss());
        config.model().layers().forEach(builder::add);
        Network net = builder.build();
        String mismatch = Batches.mismatch(s.train(), net.inputSize(), net.outputSize());
        if (mismatch != null) {
            throw new ConfigException("model.layers[" + (config.model().layers().size() - 1) + "]", mismatch);
        }
        // Training scales the targets as data.target_preprocess says; predictions come back in their units.
        net = net.withTargetScaling(s.preprocessing().targetSteps());
        String lossProblem = net.lossProblem(s.train());
        if (lossProblem != null) {
            throw new ConfigException("model.loss", lossProblem);
        }
        net.fitLossTo(s.train());
        // What training would refuse at its start (a batch too small for batch_norm), refused before anything is
        // written.
        trainerBuilder().build().check(net, s.train(), s.validation());
        DistributedTraining distributed = distributed();
        if (distributed != null) {
            distributed.check(config, net);
        }
        network = net;
        return net;
    }

    /**
     * The provider of the config's {@code distributed:} section, or null when it has none (training runs
     * on this machine).
     *
     * @throws ConfigException at {@code distributed.spark} when no provider of that name is on the class path
     */
    private DistributedTraining distributed() {
        DistributedConfig wanted = config.distributed();
        if (wanted == null) {
            return null;
        }
        if (distributedTraining == null) {
            distributedTraining = registry.services(DistributedTraining.class).stream()
                    .filter(d -> d.name().equals(wanted.backend()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(wanted.path(), missingProvider(wanted)));
        }
        return distributedTraining;
    }

    /** What to do when the class path has no provider for {@code distributed}: one line. */
    static String missingProvider(DistributedConfig distributed) {
        return "training on Spark needs nn-spark and Spark on the class path, and this nn has neither: run"
                + " bin/nn train from a clone of nn's sources (it builds nn-spark and adds Spark for a config with"
                + " distributed:), or spark-submit --class dev.nn.spark.Train nn-spark-<version>-all.jar CONFIG;"
                + " or remove distributed: to train on this machine";
    }

    /**
     * The plots {@code report.plots} asks for, resolved against the data and network ({@code auto}
     * expanded).
     *
     * @throws ConfigException naming {@code report.plots[i]} for a plot this data cannot have
     * @return the plots
     */
    public List<String> plots() {
        return PlotReports.resolve(config.report(), data(), network());
    }

    /** {@return a trainer with the config's settings and every bound listener} */
    public Trainer trainer() {
        return trainerBuilder().build();
    }

    private TrainerBuilder trainerBuilder() {
        TrainConfig train = config.train();
        TrainerBuilder builder = Trainer.builder()
                .registry(registry)
                .path("train")
                .optimizer(train.optimizer())
                .batchSize(train.batchSize())
                .epochs(train.epochs())
                .shuffle(train.shuffle())
                .shardRows(train.shardRows());
        if (train.schedule() != null) {
            builder.schedule(train.schedule());
        }
        if (train.warmup() != null) {
            builder.warmup(train.warmup());
        }
        if (train.earlyStopping() != null) {
            builder.earlyStopping(train.earlyStopping());
        }
        if (train.clipNorm() != null) {
            builder.clipNorm(train.clipNorm());
        }
        listeners.forEach(builder::listener);
        return builder;
    }

    /**
     * Trains from the start and writes the run folder; see {@link #run(Path, Checkpoint, BooleanSupplier)}.
     *
     * @return what the run produced
     * @param runDir the run folder to write
     * @throws IOException if the run folder cannot be written
     */
    public RunResult run(Path runDir) throws IOException {
        return run(runDir, null, () -> false);
    }

    /**
     * Trains and evaluates, then lets every report writer write into {@code runDir}, and last
     * report.html, which shows what they wrote. Nothing is drawn while training runs. With
     * {@code train.checkpoint}, {@code runDir/checkpoint.zip} is kept after every epoch.
     *
     * @param resumeFrom a checkpoint of this config to continue from (its data must be unchanged), or null
     * @param stop       asked before every batch; true stops training there with a checkpoint (Ctrl-C)
     * @throws dev.nn.core.train.TrainingInterruptedException when {@code stop} said so
     * @param runDir the run folder to write
     * @return what the run produced
     * @throws IOException if the run folder cannot be written
     */
    public RunResult run(Path runDir, Checkpoint resumeFrom, BooleanSupplier stop) throws IOException {
        prepareWriters();
        String checksum = dataChecksum();
        Network net = network();
        Split s = data();
        TrainerBuilder builder = trainerBuilder().stopWhen(stop);
        if (config.train().checkpoint()) {
            builder.checkpoint(Checkpoint.writer(
                    runDir.resolve(Checkpoint.FILE_NAME), StandardReports.modelInfo(config, s, engine, checksum)));
        }
        if (resumeFrom != null) {
            requireSameData(resumeFrom);
        }
        LOG.info(
                "Training {} on {} examples ({} validation, {} test), engine {} with {} threads",
                config.name(),
                s.train().size(),
                s.validation() == null ? 0 : s.validation().size(),
                s.test() == null ? 0 : s.test().size(),
                engine.name(),
                engine.threads());
        Instant started = RunTimings.processStart();
        Instant firstBatch = Instant.now();
        History history;
        // On a cluster for training only: the session is stopped before the test part is evaluated here.
        DistributedTraining distributed = distributed();
        try (DistributedTraining.Session cluster = distributed == null ? null : distributed.open(config)) {
            if (cluster != null) {
                builder.rounds(cluster.rounds());
            }
            Trainer trainer = builder.build();
            if (resumeFrom == null) {
                history = trainer.fit(net, s.train(), s.validation());
            } else {
                resumeFrom.restore(net);
                LOG.info("Resuming from {}", resumeFrom.state().position());
                history = trainer.resume(net, s.train(), s.validation(), resumeFrom.state());
            }
        }
        Instant lastBatch = Instant.now();
        Evaluation test = s.test() != null && s.test().isClassification() ? net.evaluate(s.test()) : null;
        RegressionEvaluation regression =
                s.test() != null && !s.test().isClassification() ? net.evaluateRegression(s.test()) : null;
        RunTimings timings = new RunTimings(RunTimings.between(started, firstBatch), Double.NaN, Double.NaN);
        RunResult result =
                new RunResult(config, runDir, s, net, history, test, checksum, timings, regression, testRows());
        LOG.debug("Evaluated the test part in {} s", RunTimings.between(lastBatch, Instant.now()));
        for (ReportWriter writer : writers) {
            Instant from = Instant.now();
            writer.write(result);
            LOG.debug("{} wrote in {} s", writer.getClass().getSimpleName(), RunTimings.between(from, Instant.now()));
        }
        html.write(result);
        Instant done = Instant.now();
        result = result.withTimings(
                timings.finished(RunTimings.between(lastBatch, done), RunTimings.between(started, done)));
        // metrics.json once more, now with the report's and the whole run's seconds.
        new StandardReports.Metrics().write(result);
        // A run resumed after a kill finishes with none of the killed writes' temporary files.
        AtomicFile.removeLeftovers(runDir);
        return result;
    }

    /**
     * Checks that {@code checkpoint} was saved on this data (the checksum of the examples as loaded),
     * before anything is written into its run folder.
     *
     * @param checkpoint the checkpoint to resume from
     * @throws ConfigException at {@code --resume} when the data has changed
     */
    public void requireSameData(Checkpoint checkpoint) {
        String now = dataChecksum();
        String then = checkpoint.model().info().dataChecksum();
        if (!then.equals(now)) {
            throw new ConfigException(
                    "--resume",
                    "the data has changed since the checkpoint was saved (its checksum was " + then + ", it is " + now
                            + " now); resuming needs the same data: restore it, or start a new run");
        }
    }

    /**
     * Lets every writer do its one-time set-up ({@link ReportWriter#prepare}) on a daemon thread
     * while data loads and training runs, so the last batch is not followed by seconds of class
     * loading. It draws into no file and changes no result; a writer that fails there is left to
     * fail again, with its message, when it writes.
     */
    private void prepareWriters() {
        Thread t = new Thread(
                () -> {
                    for (ReportWriter writer : writers) {
                        try {
                            writer.prepare(config);
                        } catch (RuntimeException | LinkageError ignored) {
                            // See above: write() reports it.
                        }
                    }
                },
                "nn-report-prepare");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Redraws the views of a finished run (plots, report.html and any plugin writer that is
     * {@link ReportWriter#regenerable()}) from {@code result}, as {@link FinishedRun} reads it back;
     * the run's own record is left as it is, and temporary files of killed writes are removed.
     *
     * @param result the finished run
     * @throws IOException if a file cannot be written
     */
    public void report(RunResult result) throws IOException {
        AtomicFile.removeLeftovers(result.runDir());
        for (ReportWriter writer : writers) {
            if (writer.regenerable()) {
                writer.write(result);
            }
        }
        html.write(result);
    }
}
