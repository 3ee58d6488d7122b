package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import dev.nn.core.eval.RegressionEvaluation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression run end to end, through the real command line on the shipped configs of the
 * bundled diabetes (one output, with validation) and linnerud (three named outputs) tables: the
 * figures in metrics.json, the end-of-run line, history.csv, report.txt, report.html, the plots,
 * predictions.csv, {@code nn report}, {@code nn compare} and {@code nn evaluate}.
 */
class RegressionRunTest {
    private static final Path TABULAR = TrainCommandTest.CONFIGS.resolve("tabular");

    @TempDir
    static Path tmp;

    static Path diabetes;
    static Path linnerud;
    static Path iris;
    static String diabetesOut;

    @BeforeAll
    static void train() {
        diabetes = tmp.resolve("diabetes-run");
        Cli d = Cli.run(
                "train",
                TABULAR.resolve("diabetes.yaml").toString(),
                "--out",
                diabetes.toString(),
                "--set",
                "train.epochs=30");
        assertThat(d.exitCode()).as(d.err()).isZero();
        diabetesOut = d.out();
        linnerud = tmp.resolve("linnerud-run");
        Cli l = Cli.run(
                "train",
                TABULAR.resolve("linnerud.yaml").toString(),
                "--out",
                linnerud.toString(),
                "--set",
                "train.epochs=50");
        assertThat(l.exitCode()).as(l.err()).isZero();
        iris = tmp.resolve("iris-run");
        Cli i = Cli.run(
                "train", TABULAR.resolve("iris.yaml").toString(), "--out", iris.toString(), "--set", "train.epochs=20");
        assertThat(i.exitCode()).as(i.err()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** predictions.csv of a regression run: {row, actual..., predicted...} per test example. */
    private static List<String[]> predictions(Path run) throws IOException {
        return Files.readAllLines(run.resolve("predictions.csv")).stream()
                .map(l -> l.split(","))
                .toList();
    }

    /** The figures of predictions.csv, recomputed here. */
    private static RegressionEvaluation recomputed(Path run, List<String> names) throws IOException {
        List<String[]> rows = predictions(run);
        int k = names.size();
        Matrix actual = new Matrix(rows.size() - 1, k);
        Matrix predicted = new Matrix(rows.size() - 1, k);
        for (int i = 1; i < rows.size(); i++) {
            for (int j = 0; j < k; j++) {
                actual.set(i - 1, j, Float.parseFloat(rows.get(i)[1 + j]));
                predicted.set(i - 1, j, Float.parseFloat(rows.get(i)[1 + k + j]));
            }
        }
        return RegressionEvaluation.of(actual, predicted, names, Double.NaN);
    }

    @Test
    void metricsJsonHasTheUniformAveragesAndEachOutputsFiguresUnderItsName() throws IOException {
        Map<String, Object> metrics = TrainCommandTest.json(linnerud.resolve("metrics.json"));
        Map<String, Object> test = section(metrics, "test");
        RegressionEvaluation e = recomputed(linnerud, List.of("Weight", "Waist", "Pulse"));

        assertThat(metrics.get("task")).isEqualTo("regression");
        assertThat(test)
                .containsOnlyKeys("examples", "loss", "r2", "mae", "mse", "rmse", "explained_variance", "outputs");
        assertThat(test.get("examples")).isEqualTo(5);
        assertThat(number(test, "r2")).isEqualTo(e.r2());
        assertThat(number(test, "mae")).isEqualTo(e.mae());
        assertThat(number(test, "mse")).isEqualTo(e.mse());
        assertThat(number(test, "rmse")).isEqualTo(e.rmse());
        assertThat(number(test, "explained_variance")).isEqualTo(e.explainedVariance());
        Map<String, Object> outputs = section(test, "outputs");
        assertThat(outputs).containsOnlyKeys("Weight", "Waist", "Pulse");
        for (int j = 0; j < 3; j++) {
            Map<String, Object> output = section(outputs, e.outputNames().get(j));
            assertThat(output).containsOnlyKeys("r2", "mae", "mse", "rmse", "explained_variance");
            assertThat(number(output, "r2")).isEqualTo(e.r2(j));
            assertThat(number(output, "mae")).isEqualTo(e.mae(j));
            assertThat(number(output, "rmse")).isEqualTo(e.rmse(j));
        }
        // The mean of the outputs' own figures, as scikit-learn's uniform_average.
        double meanR2 = (e.r2(0) + e.r2(1) + e.r2(2)) / 3;
        assertThat(number(test, "r2")).isEqualTo(meanR2);
        assertThat(section(metrics, "train")).containsOnlyKeys("loss");
    }

    @Test
    void theValidationPartHasR2AndMaeAndTheEndOfRunLineShowsTheTestR2AndMae() throws IOException {
        Map<String, Object> metrics = TrainCommandTest.json(diabetes.resolve("metrics.json"));
        Map<String, Object> test = section(metrics, "test");

        assertThat(section(metrics, "validation")).containsOnlyKeys("loss", "r2", "mae");
        assertThat(section(section(test, "outputs"), "progression")).containsKey("r2");
        assertThat(diabetesOut)
                .contains(String.format(
                        Locale.ROOT,
                        "Test R2 %.4f, MAE %.4g, loss %.4f (%d examples)%n",
                        number(test, "r2"),
                        number(test, "mae"),
                        number(test, "loss"),
                        88));
        assertThat(Files.readString(diabetes.resolve("run.log")))
                .containsPattern("epoch 30/30  loss [0-9.]+  val_loss [0-9.]+  val_r2 -?[0-9.]+  val_mae [0-9.]+");
    }

    @Test
    void historyCsvHasEachEpochsValidationR2AndMae() throws IOException {
        List<String> lines = Files.readAllLines(diabetes.resolve("history.csv"));
        Map<String, Object> metrics = TrainCommandTest.json(diabetes.resolve("metrics.json"));
        int best = ((Number) metrics.get("best_epoch")).intValue();

        assertThat(lines.get(0)).isEqualTo("epoch,loss,val_loss,val_r2,val_mae,learning_rate,seconds");
        assertThat(lines).hasSize(1 + ((Number) metrics.get("epochs")).intValue());
        String[] kept = lines.get(best).split(",");
        Map<String, Object> validation = section(metrics, "validation");
        assertThat(Double.parseDouble(kept[3]))
                .isCloseTo(number(validation, "r2"), org.assertj.core.data.Offset.offset(5e-6));
        assertThat(Double.parseDouble(kept[4]))
                .isCloseTo(number(validation, "mae"), org.assertj.core.data.Percentage.withPercentage(1e-3));
        // The linnerud run has no validation part: the validation columns are empty.
        assertThat(Files.readAllLines(linnerud.resolve("history.csv")).get(1))
                .matches("1,[0-9.e+]+,,,,[0-9.]+,[0-9.]+");
    }

    @Test
    void reportTxtHasTheRegressionTableInsteadOfTheClassificationReport() throws IOException {
        String report = Files.readString(linnerud.resolve("report.txt"));

        assertThat(report)
                .contains("Test set (5 examples)")
                .containsPattern("\\n +r2 +mae +mse +rmse +explained_variance\\n")
                .containsPattern("\\nWeight +-?[0-9]")
                .containsPattern("\\nPulse +-?[0-9]")
                .containsPattern("\\naverage +-?[0-9]")
                .doesNotContain("precision")
                .doesNotContain("Confusion");
    }

    @Test
    void reportHtmlShowsTheRegressionTableAndCards() throws IOException {
        Document page = Jsoup.parse(linnerud.resolve("report.html").toFile());
        Map<String, Object> test = section(TrainCommandTest.json(linnerud.resolve("metrics.json")), "test");

        Element table = page.getElementById("regression");
        assertThat(table).isNotNull();
        assertThat(page.getElementById("classification")).isNull();
        List<String> rows =
                table.select("tbody tr th").stream().map(Element::text).toList();
        assertThat(rows).containsExactly("Weight", "Waist", "Pulse", "average");
        Element average = table.select("tbody tr").last();
        assertThat(average.select("td").first().text())
                .isEqualTo(String.format(Locale.ROOT, "%.4f", number(test, "r2")));
        assertThat(page.select(".card .label").stream().map(Element::text)).contains("test R\u00b2", "test MAE");
        assertThat(page.select("#metrics thead th").stream().map(Element::text))
                .containsExactly("part", "loss", "R\u00b2", "MAE", "examples");
        assertThat(page.select("#plots img").stream().map(e -> e.attr("src")))
                .contains("./predicted.png", "./residuals.png");
    }

    @Test
    void autoDrawsTheLossTheValidationR2ThePredictionsAndTheResiduals() throws IOException {
        Pngs.assertDrawn(diabetes.resolve("loss.png"), 600, 350);
        Pngs.assertDrawn(diabetes.resolve("r2.png"), 600, 350);
        var predicted = Pngs.assertDrawn(diabetes.resolve("predicted.png"), 500, 400);
        var residuals = Pngs.assertDrawn(diabetes.resolve("residuals.png"), 500, 400);
        // The points and the bars are drawn in the first palette colour.
        assertThat(Pngs.colours(predicted).size()).isGreaterThan(20);
        assertThat(Pngs.colours(residuals).size()).isGreaterThan(5);
        // One chart per output, side by side.
        var three = Pngs.assertDrawn(linnerud.resolve("predicted.png"), 1500, 400);
        assertThat(three.getWidth()).isEqualTo(3 * predicted.getWidth());
        assertThat(Pngs.read(linnerud.resolve("residuals.png")).getWidth()).isEqualTo(three.getWidth());
        assertThat(linnerud.resolve("r2.png"))
                .as("no validation part, no validation curve")
                .doesNotExist();
        assertThat(diabetes.resolve("accuracy.png")).doesNotExist();
        assertThat(diabetes.resolve("confusion.png")).doesNotExist();
    }

    @Test
    void nnReportDrawsTheRegressionPlotsAndPageAgainWithTheSameFigures(@TempDir Path other) throws IOException {
        Path copy = other.resolve("copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(linnerud)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        for (String drawn : List.of("predicted.png", "residuals.png", "loss.png", "report.html")) {
            Files.delete(copy.resolve(drawn));
        }
        String metricsBefore = Files.readString(copy.resolve("metrics.json"));

        Cli cli = Cli.run("report", copy.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("WARN");
        for (String drawn : List.of("predicted.png", "residuals.png", "loss.png")) {
            assertThat(Pngs.read(copy.resolve(drawn)).getWidth())
                    .as(drawn)
                    .isEqualTo(Pngs.read(linnerud.resolve(drawn)).getWidth());
        }
        assertThat(Files.readString(copy.resolve("metrics.json"))).isEqualTo(metricsBefore);
        Document again = Jsoup.parse(copy.resolve("report.html").toFile());
        Document first = Jsoup.parse(linnerud.resolve("report.html").toFile());
        assertThat(again.getElementById("regression").text())
                .isEqualTo(first.getElementById("regression").text());
    }

    @Test
    void nnCompareShowsTheRegressionFiguresAveragedAndPerOutput() {
        Cli cli = Cli.run("compare", linnerud.toString(), diabetes.toString(), "--no-plot");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> labels =
                cli.out().lines().map(l -> l.split("  ")[0].strip()).toList();
        assertThat(labels)
                .contains(
                        "validation R2",
                        "test R2",
                        "test MAE",
                        "test MSE",
                        "test RMSE",
                        "test explained variance",
                        "test R2 (Weight)",
                        "test MAE (Pulse)",
                        "test RMSE (progression)")
                .doesNotContain("test accuracy", "train accuracy", "test macro F1");
        String weight = cli.out()
                .lines()
                .filter(l -> l.startsWith("test R2 (Weight)"))
                .findFirst()
                .orElseThrow();
        assertThat(weight).endsWith(" -").as("diabetes has no output Weight");
        Cli mixed = Cli.run("compare", iris.toString(), diabetes.toString(), "--no-plot");
        assertThat(mixed.out()).contains("test accuracy").contains("test R2 (progression)");
    }

    @Test
    void predictionsCsvNamesTheTablesRowsOfTheTestPart() throws IOException {
        List<String[]> rows = predictions(diabetes);
        List<String> table = bundled("diabetes");

        assertThat(rows.get(0)).containsExactly("row", "progression", "progression_predicted");
        assertThat(rows).hasSize(89);
        for (String[] row : rows.subList(1, rows.size())) {
            String[] source = table.get(1 + Integer.parseInt(row[0])).split(",");
            assertThat(Float.parseFloat(row[1])).isEqualTo(Float.parseFloat(source[source.length - 1]));
        }
        // A classification run's: the class names, and the accuracy metrics.json has.
        List<String[]> classes = predictions(iris);
        List<String> irisTable = bundled("iris");
        assertThat(classes.get(0)).containsExactly("row", "actual", "predicted");
        int right = 0;
        for (String[] row : classes.subList(1, classes.size())) {
            String[] source = irisTable.get(1 + Integer.parseInt(row[0])).split(",");
            assertThat(row[1]).isEqualTo(source[source.length - 1]);
            right += row[1].equals(row[2]) ? 1 : 0;
        }
        double accuracy = number(section(TrainCommandTest.json(iris.resolve("metrics.json")), "test"), "accuracy");
        assertThat((double) right / (classes.size() - 1)).isEqualTo(accuracy);
    }

    @Test
    void theTestRowsAreTheRowsTheSplitTookForAnyTaskStratifiedOrWithAFixedTestSplit() {
        for (String config : List.of("iris.yaml", "diabetes.yaml", "linnerud.yaml")) {
            PipelineSession session = PipelineSession.open(TABULAR.resolve(config), List.of(), List.of());
            dev.nn.api.Dataset all = session.registry.dataset(
                    session.config.data().dataset(), "data.dataset", TABULAR, session.config.seed());
            dev.nn.api.Dataset test = session.pipeline.rawData().test();
            int[] rows = session.pipeline.testRows();

            assertThat(rows).as(config).hasSize(test.size());
            for (int i = 0; i < rows.length; i++) {
                assertThat(test.features().row(i))
                        .as("%s: test example %d is row %d", config, i, rows[i])
                        .containsExactly(all.features().row(rows[i]));
            }
            assertThat(rows).as(config).doesNotHaveDuplicates();
        }
        PipelineSession fixed =
                PipelineSession.open(Path.of("src/test/resources/good-configs/idx.yaml"), List.of(), List.of());
        int[] rows = fixed.pipeline.testRows();
        assertThat(rows).hasSize(fixed.pipeline.rawData().test().size());
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i]).as("the fixed test split's own order").isEqualTo(i);
        }
    }

    private static List<String> bundled(String table) throws IOException {
        try (InputStream in =
                RegressionRunTest.class.getResourceAsStream("/dev/nn/plugins/data/tabular/" + table + ".csv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void nnEvaluatePrintsTheRegressionReportOfTheSavedModel() throws IOException {
        Cli cli = Cli.run(
                "evaluate",
                linnerud.resolve("model.zip").toString(),
                TABULAR.resolve("linnerud.yaml").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String report = Files.readString(linnerud.resolve("report.txt"));
        // The table report.txt has (the same model, the same test part), without its note.
        String table = report.substring(report.indexOf("Test set (5 examples)") + "Test set (5 examples)".length());
        List<String> expected =
                new ArrayList<>(table.lines().filter(l -> !l.isBlank()).toList());
        expected.removeIf(l -> l.startsWith("(average"));
        assertThat(cli.out()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .map(String::strip)
                        .toList())
                .isEqualTo(expected.stream().map(String::strip).toList());
    }

    @Test
    void theSameSeedGivesTheSameRunForOneTwoAndThreeThreads(@TempDir Path runs) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (int threads = 1; threads <= 3; threads++) {
            Path run = runs.resolve("t" + threads);
            Cli cli = Cli.run(
                    "train",
                    TABULAR.resolve("diabetes.yaml").toString(),
                    "--threads",
                    Integer.toString(threads),
                    "--set",
                    "train.epochs=15",
                    "--out",
                    run.toString());
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            folders.add(run);
        }
        Path one = folders.get(0);
        for (Path other : folders.subList(1, 3)) {
            assertThat(KillAndResumeTest.params(other)).as(other.toString()).isEqualTo(KillAndResumeTest.params(one));
            assertThat(TrainCommandTest.json(other.resolve("metrics.json")).get("test"))
                    .isEqualTo(
                            TrainCommandTest.json(one.resolve("metrics.json")).get("test"));
            assertThat(withoutSeconds(other)).isEqualTo(withoutSeconds(one));
            assertThat(Files.readString(other.resolve("predictions.csv")))
                    .isEqualTo(Files.readString(one.resolve("predictions.csv")));
        }
    }

    private static List<String> withoutSeconds(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }
}
