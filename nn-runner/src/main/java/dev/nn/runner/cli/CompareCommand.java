package dev.nn.runner.cli;

import dev.nn.core.train.EpochStats;
import dev.nn.runner.pipeline.FinishedRun;
import dev.nn.runner.report.Charts;
import dev.nn.runner.report.PlotReports;
import dev.nn.runner.report.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Print the metrics of several finished runs side by side (from each one's metrics.json) and draw"
                    + " their loss curves in one plot (from each one's history.csv): training solid, validation dashed."
        })
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run folders written by nn train.")
    List<Path> runs;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the combined loss plot (PNG);"
                    + " default: compare-loss.png in the current folder.")
    Path out = Path.of("compare-loss.png");

    @Option(names = "--no-plot", description = "Only print the table.")
    boolean noPlot;

    @Spec
    CommandSpec spec;

    /** One row of the table: its label and how to read it from metrics.json. */
    private record Row(String label, Function<Map<String, Object>, String> value) {}

    private static final List<Row> FIRST = List.of(
            new Row("name", m -> text(m.get("name"))),
            new Row("epochs", m -> text(m.get("epochs"))),
            new Row("best epoch", m -> text(m.get("best_epoch"))),
            new Row("train loss", m -> number(section(m, "train").get("loss"))));

    private static final List<Row> CLASSIFICATION = List.of(
            new Row("train accuracy", m -> number(section(m, "train").get("accuracy"))),
            new Row("validation loss", m -> number(section(m, "validation").get("loss"))),
            new Row("validation accuracy", m -> number(section(m, "validation").get("accuracy"))),
            new Row("test loss", m -> number(section(m, "test").get("loss"))),
            new Row("test accuracy", m -> number(section(m, "test").get("accuracy"))),
            new Row("test macro F1", m -> number(section(m, "test").get("macro_f1"))));

    /** The regression figures of metrics.json ({@code test.r2}, ...): uniform averages over the outputs. */
    private static final List<Row> REGRESSION = List.of(
            new Row("validation loss", m -> number(section(m, "validation").get("loss"))),
            new Row("validation R2", m -> number(section(m, "validation").get("r2"))),
            new Row("validation MAE", m -> number(section(m, "validation").get("mae"))),
            new Row("test loss", m -> number(section(m, "test").get("loss"))),
            new Row("test R2", m -> number(section(m, "test").get("r2"))),
            new Row("test MAE", m -> number(section(m, "test").get("mae"))),
            new Row("test MSE", m -> number(section(m, "test").get("mse"))),
            new Row("test RMSE", m -> number(section(m, "test").get("rmse"))),
            new Row("test explained variance", m -> number(section(m, "test").get("explained_variance"))));

    /** Each output's figures, {@code test.outputs.<name>.<figure>}. */
    private static final List<String[]> PER_OUTPUT =
            List.of(new String[] {"R2", "r2"}, new String[] {"MAE", "mae"}, new String[] {"RMSE", "rmse"});

    private static final List<Row> LAST = List.of(
            new Row("parameters", m -> text(m.get("parameters"))),
            new Row("train seconds", m -> text(m.get("train_seconds"))),
            new Row("examples/s", m -> text(m.get("examples_per_second"))),
            new Row("engine", m -> text(m.get("engine"))),
            new Row("threads", m -> text(m.get("threads"))),
            new Row("java", m -> text(m.get("java"))));

    /**
     * The rows for these runs: the classification figures when some run has classes (every run
     * before regression existed had), the regression figures, averaged and then per output (every
     * output name of any run, in order), when some run has regression targets.
     */
    private static List<Row> rows(List<Map<String, Object>> metrics) {
        boolean regression = metrics.stream().anyMatch(CompareCommand::isRegression);
        boolean classification = metrics.stream().anyMatch(m -> !isRegression(m));
        List<Row> rows = new ArrayList<>(FIRST);
        if (classification) {
            rows.addAll(CLASSIFICATION);
        }
        if (regression) {
            rows.addAll(
                    classification
                            ? REGRESSION.stream()
                                    .filter(r -> !r.label().endsWith(" loss"))
                                    .toList()
                            : REGRESSION);
            java.util.Set<String> outputs = new java.util.LinkedHashSet<>();
            for (Map<String, Object> m : metrics) {
                outputs.addAll(section(section(m, "test"), "outputs").keySet());
            }
            for (String output : outputs) {
                for (String[] figure : PER_OUTPUT) {
                    rows.add(new Row(
                            "test " + figure[0] + " (" + output + ")",
                            m -> number(section(section(section(m, "test"), "outputs"), output)
                                    .get(figure[1]))));
                }
            }
        }
        rows.addAll(LAST);
        return rows;
    }

    private static boolean isRegression(Map<String, Object> m) {
        return "regression".equals(m.get("task"));
    }

    @Override
    public Integer call() {
        // Read everything first: a bad folder stops the command before anything is printed or written.
        List<Map<String, Object>> metrics = new ArrayList<>();
        List<List<EpochStats>> histories = new ArrayList<>();
        for (Path run : runs) {
            FinishedRun.require(run, List.of("metrics.json", "history.csv"));
            metrics.add(FinishedRun.metrics(run));
            histories.add(FinishedRun.epochs(run));
        }
        List<String> headers = headers();
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(headers);
        table.add(header);
        for (Row row : rows(metrics)) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            metrics.forEach(m -> cells.add(row.value().apply(m)));
            table.add(cells);
        }
        print(table, spec.commandLine().getOut());
        if (!noPlot) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                curves.add(
                        PlotReports.curve(headers.get(i) + " training", histories.get(i), EpochStats::loss, i, false));
                curves.add(PlotReports.curve(
                        headers.get(i) + " validation", histories.get(i), EpochStats::validationLoss, i, true));
            }
            try {
                RunFiles.writePng(out.toAbsolutePath(), Charts.curves("Loss per epoch", "loss", curves, true, 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Loss curves: " + out);
        }
        return NnCommand.OK;
    }

    /** Each run's folder name, or its path where two folders share a name. */
    private List<String> headers() {
        Set<String> seen = new HashSet<>();
        boolean clash = runs.stream()
                .map(p -> String.valueOf(p.toAbsolutePath().normalize().getFileName()))
                .anyMatch(n -> !seen.add(n));
        return runs.stream()
                .map(p -> clash
                        ? p.toString()
                        : String.valueOf(p.toAbsolutePath().normalize().getFileName()))
                .toList();
    }

    private static void print(List<List<String>> table, PrintWriter out) {
        int columns = table.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : table) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width[0] + "s", row.get(0)));
            for (int c = 1; c < columns; c++) {
                line.append("  ").append(String.format(Locale.ROOT, "%" + width[c] + "s", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> m, String key) {
        return m.get(key) instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    }

    private static String text(Object v) {
        return v == null ? "-" : String.valueOf(v);
    }

    private static String number(Object v) {
        return v instanceof Number n && Double.isFinite(n.doubleValue())
                ? String.format(Locale.ROOT, "%.4f", n.doubleValue())
                : "-";
    }
}
