package dev.nn.runner.report;

import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.api.Preprocessing;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.internal.SafeYaml;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.runner.config.JsonWriter;
import dev.nn.runner.config.PipelineConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The files every run folder has: config.yaml, history.csv, metrics.json, report.txt and model.zip. */
public final class StandardReports {
    /** nn's version, from the jar manifest when packaged. */
    public static final String VERSION = versionOf();

    private StandardReports() {}

    private static String versionOf() {
        String v = StandardReports.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** config.yaml: the resolved configuration, loadable again with {@code nn train}. */
    public static final class Config implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            String header = "# The resolved configuration of run " + r.runDir().getFileName()
                    + " (defaults filled in); rerun it with: nn train " + "config.yaml\n";
            RunFiles.writeString(
                    r.runDir().resolve("config.yaml"),
                    header + SafeYaml.dumpBlock(r.config().resolved()));
        }
    }

    /**
     * history.csv: one row per epoch, with the figures of the task: {@link #CLASSIFICATION} (as it always
     * was) or {@link #REGRESSION}.
     */
    public static final class HistoryCsv implements ReportWriter {
        /** The header of a classification run's history (and of any run before regression had figures). */
        public static final String CLASSIFICATION = "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds";

        /** The header of a regression run's history. */
        public static final String REGRESSION = "epoch,loss,val_loss,val_r2,val_mae,learning_rate,seconds";

        @Override
        public void write(RunResult r) throws IOException {
            boolean regression = r.isRegression();
            StringBuilder sb = new StringBuilder(regression ? REGRESSION : CLASSIFICATION).append('\n');
            for (EpochStats e : r.history().epochs()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%d,%s,%s,%s,%s,%s,%.4f%n",
                        e.epoch(),
                        num(e.loss()),
                        num(regression ? e.validationLoss() : e.accuracy()),
                        num(regression ? e.validationR2() : e.validationLoss()),
                        num(regression ? e.validationMae() : e.validationAccuracy()),
                        num(e.learningRate()),
                        e.seconds()));
            }
            RunFiles.writeString(r.runDir().resolve("history.csv"), sb.toString());
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
        }
    }

    /** metrics.json: the run's figures for machines. */
    public static final class Metrics implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            RunFiles.writeString(r.runDir().resolve("metrics.json"), JsonWriter.write(metrics(r)));
        }

        static Map<String, Object> metrics(RunResult r) {
            History h = r.history();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.config().name());
            m.put("task", r.isRegression() ? "regression" : "classification");
            m.put("seed", r.config().seed());
            m.put("epochs", h.epochs().size());
            m.put("best_epoch", h.bestEpoch());
            m.put("stopped_early", h.stoppedEarly());
            m.put(RunTimings.TRAIN, RunTimings.toMillisecond(h.seconds()));
            m.put("examples_per_second", Math.round(h.examplesPerSecond()));
            m.put("engine", r.network().engine().name());
            m.put("threads", r.network().engine().threads());
            m.put("parameters", r.network().parameterCount());
            m.put("timings", r.timings().toJson(h.seconds()));
            if (!h.epochs().isEmpty()) {
                EpochStats last = h.epochs().get(h.bestEpoch() - 1);
                Map<String, Object> train = new LinkedHashMap<>();
                train.put("loss", last.loss());
                if (!r.isRegression()) {
                    train.put("accuracy", last.accuracy());
                }
                m.put("train", train);
                if (!Double.isNaN(last.validationLoss())) {
                    Map<String, Object> val = new LinkedHashMap<>();
                    val.put("loss", last.validationLoss());
                    if (r.isRegression()) {
                        val.put("r2", last.validationR2());
                        val.put("mae", last.validationMae());
                    } else {
                        val.put("accuracy", last.validationAccuracy());
                    }
                    m.put("validation", val);
                }
            }
            Evaluation e = r.test();
            if (e != null) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("examples", e.size());
                test.put("accuracy", e.accuracy());
                test.put("loss", e.loss());
                test.put("macro_f1", e.macroF1());
                test.put("weighted_f1", e.weightedF1());
                m.put("test", test);
            }
            if (r.regression() != null) {
                m.put("test", regression(r.regression()));
            }
            m.put("java", System.getProperty("java.version"));
            m.put("nn_version", VERSION);
            return m;
        }
    }

    /**
     * The {@code test} section of a regression run: the figures averaged uniformly over the outputs,
     * then {@code outputs}, each output's own figures under its name (a name given twice is suffixed
     * {@code _2}, {@code _3}, ... so that every key is unique).
     */
    static Map<String, Object> regression(RegressionEvaluation e) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("examples", e.size());
        test.put("loss", e.loss());
        test.put("r2", e.r2());
        test.put("mae", e.mae());
        test.put("mse", e.mse());
        test.put("rmse", e.rmse());
        test.put("explained_variance", e.explainedVariance());
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (int j = 0; j < e.outputs(); j++) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("r2", e.r2(j));
            figures.put("mae", e.mae(j));
            figures.put("mse", e.mse(j));
            figures.put("rmse", e.rmse(j));
            figures.put("explained_variance", e.explainedVariance(j));
            String name = e.outputNames().get(j);
            String key = name;
            for (int n = 2; outputs.containsKey(key); n++) {
                key = name + "_" + n;
            }
            outputs.put(key, figures);
        }
        test.put("outputs", outputs);
        return test;
    }

    /** report.txt: the network summary, and the classification report and confusion matrix or the regression report. */
    public static final class TextReport implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            StringBuilder sb = new StringBuilder();
            sb.append("Run ")
                    .append(r.config().name())
                    .append(" (seed ")
                    .append(r.config().seed())
                    .append(")\n\n");
            sb.append(r.network().summary());
            Inputs.lines(r.split()).forEach(line -> sb.append(line).append('\n'));
            sb.append('\n');
            History h = r.history();
            sb.append(String.format(
                    Locale.ROOT,
                    "Trained %d epochs in %.2f s (%,.0f examples/s, engine %s, %d threads)%s%n%n",
                    h.epochs().size(),
                    h.seconds(),
                    h.examplesPerSecond(),
                    r.network().engine().name(),
                    r.network().engine().threads(),
                    h.stoppedEarly() ? ", stopped early; best epoch " + h.bestEpoch() : ""));
            if (r.test() != null) {
                sb.append("Test set (").append(r.test().size()).append(" examples)\n\n");
                sb.append(r.test().classificationReport()).append('\n');
                sb.append("Confusion matrix\n\n").append(r.test().confusionMatrixText());
            } else if (r.regression() != null) {
                sb.append("Test set (").append(r.regression().size()).append(" examples)\n\n");
                sb.append(r.regression().regressionReport());
                if (r.regression().outputs() > 1) {
                    sb.append(
                            "\n(average: the mean over the outputs, as scikit-learn's multioutput='uniform_average')\n");
                }
            } else {
                sb.append("No test set: set data.test above 0 to hold some examples out.\n");
            }
            RunFiles.writeString(r.runDir().resolve("report.txt"), sb.toString());
        }
    }

    /**
     * predictions.csv: the test part, one row per example in the test part's order, with what the
     * network predicted. Its first column {@code row} is the example's row in the data as loaded
     * (0 for the first row of the source's file; the row of the fixed test split for data that has
     * one), so the same test rows can be picked out of the source again (bench/tabular_sklearn.py
     * does). Then, for classes, {@code actual} and {@code predicted} (class names); for regression
     * targets, each output's actual value under its name, then each one's prediction under
     * {@code <name>_predicted}. No file without a test part.
     */
    public static final class Predictions implements ReportWriter {
        /** The file's name in the run folder. */
        public static final String FILE = "predictions.csv";

        @Override
        public void write(RunResult r) throws IOException {
            Dataset test = r.split().test();
            if (test == null || (r.test() == null && r.regression() == null)) {
                return;
            }
            int[] rows = r.testRows();
            List<String> header = new ArrayList<>();
            if (rows != null) {
                header.add("row");
            }
            StringBuilder text = new StringBuilder();
            try (CSVPrinter csv = new CSVPrinter(
                    text, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
                if (r.regression() != null) {
                    RegressionEvaluation e = r.regression();
                    header.addAll(e.outputNames());
                    e.outputNames().forEach(name -> header.add(name + "_predicted"));
                    csv.printRecord(header);
                    Matrix actual = e.actual();
                    Matrix predicted = e.predicted();
                    for (int i = 0; i < e.size(); i++) {
                        List<String> cells = new ArrayList<>();
                        if (rows != null) {
                            cells.add(Integer.toString(rows[i]));
                        }
                        for (int j = 0; j < e.outputs(); j++) {
                            cells.add(Float.toString(actual.get(i, j)));
                        }
                        for (int j = 0; j < e.outputs(); j++) {
                            cells.add(Float.toString(predicted.get(i, j)));
                        }
                        csv.printRecord(cells);
                    }
                } else {
                    header.addAll(List.of("actual", "predicted"));
                    csv.printRecord(header);
                    int[] predicted =
                            r.network().withPreprocessing(Preprocessing.NONE).predictClasses(test.features());
                    List<String> names = test.classNames();
                    for (int i = 0; i < test.size(); i++) {
                        List<String> cells = new ArrayList<>();
                        if (rows != null) {
                            cells.add(Integer.toString(rows[i]));
                        }
                        cells.add(names.get(test.labels()[i]));
                        cells.add(names.get(predicted[i]));
                        csv.printRecord(cells);
                    }
                }
            }
            RunFiles.writeString(r.runDir().resolve(FILE), text.toString());
        }
    }

    /** model.zip: the trained network with its preprocessing and provenance. */
    public static final class Model implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            ModelFile.save(
                    r.network(),
                    modelInfo(r.config(), r.split(), r.network().engine(), r.dataChecksum()),
                    r.runDir().resolve("model.zip"));
        }
    }

    /**
     * {@return what a run's model file (and checkpoint) records besides the network: classes, preprocessing, provenance}
     *
     * @param config       the run's config
     * @param split        the data, with its fitted preprocessing
     * @param engine       the engine it trained on
     * @param dataChecksum the checksum of the data as loaded
     */
    public static ModelInfo modelInfo(PipelineConfig config, Split split, Engine engine, String dataChecksum) {
        List<String> classes = split.train().isClassification() ? split.train().classNames() : List.of();
        return new ModelInfo(
                classes,
                split.preprocessing(),
                config.resolved(),
                VERSION,
                config.seed(),
                engine.name(),
                dataChecksum,
                Instant.now().toString());
    }
}
