package dev.nn.runner.pipeline;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.api.Split;
import dev.nn.core.SavedModel;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.runner.config.JsonReader;
import dev.nn.runner.report.RunResult;
import dev.nn.runner.report.RunTimings;
import dev.nn.runner.report.StandardReports;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run folder that {@code nn train} wrote back into what its report writers need: the
 * history from history.csv, the figures from metrics.json, and, with the config and model, the
 * whole {@link RunResult}. Problems are one-line {@link ConfigException}s naming the file.
 */
public final class FinishedRun {
    private static final Logger LOG = LoggerFactory.getLogger(FinishedRun.class);

    private FinishedRun() {}

    /**
     * Checks that {@code runDir} is a folder holding {@code files}.
     *
     * @throws ConfigException naming the folder or the first missing file, or one that is not a regular file
     * @param runDir the run folder
     * @param files  the files it must hold
     */
    public static void require(Path runDir, List<String> files) {
        if (!Files.isDirectory(runDir)) {
            throw new ConfigException(
                    runDir.toString(),
                    Files.exists(runDir)
                            ? "not a folder; give a run folder written" + " by nn train"
                            : "run folder not found");
        }
        for (String name : files) {
            InputFiles.refuseNonRegular(runDir.resolve(name), "the " + name + " that nn train writes");
            if (!Files.isRegularFile(runDir.resolve(name))) {
                throw new ConfigException(
                        runDir.resolve(name).toString(),
                        "missing; " + runDir + " does not look like a finished run folder of nn train");
            }
        }
    }

    /**
     * {@return metrics.json as plain values}
     *
     * @param runDir the run folder
     */
    public static Map<String, Object> metrics(Path runDir) {
        return JsonReader.readObject(runDir.resolve("metrics.json"));
    }

    /**
     * {@return history.csv, one {@link EpochStats} per row, in either layout nn writes (a classification
     * run's or a regression run's); empty cells (figures an epoch lacks) read as NaN}
     *
     * @param runDir the run folder
     */
    public static List<EpochStats> epochs(Path runDir) {
        Path file = runDir.resolve("history.csv");
        List<EpochStats> epochs = new ArrayList<>();
        boolean regression = false;
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord row :
                    CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
                String where = file + ":" + row.getRecordNumber();
                if (row.getRecordNumber() == 1) {
                    String header = String.join(",", row.toList());
                    if (header.equals(StandardReports.HistoryCsv.REGRESSION)) {
                        regression = true;
                    } else if (!header.equals(StandardReports.HistoryCsv.CLASSIFICATION)) {
                        throw new ConfigException(
                                where,
                                "expected the header " + StandardReports.HistoryCsv.CLASSIFICATION + " (or, for"
                                        + " regression, " + StandardReports.HistoryCsv.REGRESSION + ")");
                    }
                    continue;
                }
                if (row.size() != 7) {
                    throw new ConfigException(where, "expected 7 values, got " + row.size());
                }
                double[] v = new double[7];
                for (int i = 0; i < 7; i++) {
                    v[i] = number(row.get(i), where, i);
                }
                epochs.add(
                        regression
                                ? new EpochStats((int) v[0], v[1], Double.NaN, v[2], Double.NaN, v[5], v[6], v[3], v[4])
                                : new EpochStats((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
            }
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ConfigException(
                    file.toString(), "cannot read: " + e.getCause().getMessage());
        }
        if (epochs.isEmpty()) {
            throw new ConfigException(file.toString(), "no epochs recorded");
        }
        return epochs;
    }

    private static double number(String text, String where, int column) {
        if (text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(where, "column " + (column + 1) + " is not a number: '" + text + "'");
        }
    }

    /**
     * The run in {@code runDir} as its report writers see it: the data split again by {@code pipeline}
     * (built from the run's config.yaml) and preprocessed with the model's fitted steps (a table
     * encoded first), the saved
     * network, the history with metrics.json's timings, and the test set evaluated again.
     *
     * @param runDir   the run folder
     * @param pipeline the run's pipeline, from its config.yaml
     * @param model    the run's model.zip
     * @return the run, as {@link Pipeline#run} returned it
     */
    public static RunResult read(Path runDir, Pipeline pipeline, SavedModel model) {
        Split split = pipeline.rawData().then(model.info().preprocessing());
        Map<String, Object> metrics = metrics(runDir);
        List<EpochStats> epochs = epochs(runDir);
        History history = new History(
                epochs,
                Boolean.TRUE.equals(metrics.get("stopped_early")),
                intOr(metrics.get("best_epoch"), epochs.size()),
                doubleOr(metrics.get("train_seconds"), 0),
                (long) epochs.size() * split.train().size());
        Evaluation test = split.test() != null && split.test().isClassification()
                ? model.network().evaluate(split.test())
                : null;
        RegressionEvaluation regression = split.test() != null && !split.test().isClassification()
                ? model.network().evaluateRegression(split.test())
                : null;
        if (test != null) {
            warnWhenChanged("accuracy", test.accuracy(), metrics);
        }
        if (regression != null) {
            warnWhenChanged("r2", regression.r2(), metrics);
        }
        return new RunResult(
                pipeline.config(),
                runDir,
                split,
                model.network(),
                history,
                test,
                model.info().dataChecksum(),
                RunTimings.fromJson(metrics),
                regression,
                null);
    }

    /** Warns when the test {@code figure} is not the one metrics.json recorded: the data has changed since. */
    private static void warnWhenChanged(String figure, double now, Map<String, Object> metrics) {
        if (metrics.get("test") instanceof Map<?, ?> recorded
                && recorded.get(figure) instanceof Number then
                && Math.abs(then.doubleValue() - now) > 1e-9) {
            LOG.warn(
                    "The test {} is {} now but {} when the run finished: the data has changed since",
                    figure.equals("r2") ? "R2" : figure,
                    String.format(Locale.ROOT, "%.4f", now),
                    String.format(Locale.ROOT, "%.4f", then.doubleValue()));
        }
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static double doubleOr(Object value, double fallback) {
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
