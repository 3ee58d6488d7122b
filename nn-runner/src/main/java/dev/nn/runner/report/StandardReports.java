package dev.nn.runner.report;

import dev.nn.api.Engine;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.internal.SafeYaml;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.runner.config.JsonWriter;
import dev.nn.runner.config.PipelineConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** history.csv: one row per epoch. */
    public static final class HistoryCsv implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            StringBuilder sb = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds\n");
            for (EpochStats e : r.history().epochs()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%d,%s,%s,%s,%s,%s,%.4f%n",
                        e.epoch(),
                        num(e.loss()),
                        num(e.accuracy()),
                        num(e.validationLoss()),
                        num(e.validationAccuracy()),
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
                train.put("accuracy", last.accuracy());
                m.put("train", train);
                if (!Double.isNaN(last.validationLoss())) {
                    Map<String, Object> val = new LinkedHashMap<>();
                    val.put("loss", last.validationLoss());
                    val.put("accuracy", last.validationAccuracy());
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
            m.put("java", System.getProperty("java.version"));
            m.put("nn_version", VERSION);
            return m;
        }
    }

    /** report.txt: the network summary, classification report and confusion matrix. */
    public static final class TextReport implements ReportWriter {
        @Override
        public void write(RunResult r) throws IOException {
            StringBuilder sb = new StringBuilder();
            sb.append("Run ")
                    .append(r.config().name())
                    .append(" (seed ")
                    .append(r.config().seed())
                    .append(")\n\n");
            sb.append(r.network().summary()).append('\n');
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
            } else {
                sb.append("No test set: set data.test above 0 to hold some examples out.\n");
            }
            RunFiles.writeString(r.runDir().resolve("report.txt"), sb.toString());
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
