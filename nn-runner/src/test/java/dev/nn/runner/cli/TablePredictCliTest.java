package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Spi;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.runner.PluginJarBuilder;
import dev.nn.runner.pipeline.FinishedRun;
import dev.nn.runner.report.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table from its CSV files to {@code nn predict} on raw rows, through the real command line: the
 * raw table comes from a dataset plugin built here (a stand-in for the {@code csv} reader, which
 * gives the same raw table), so the encoding, the target scaling, the model file and the predict
 * command are the real ones. Raw rows with category words, a city the training part never had and
 * empty cells, columns in another order and one extra, give the numbers of the run's own evaluation.
 */
class TablePredictCliTest {
    /** A dataset provider reading houses CSV files into a raw table, as the csv reader would. */
    private static final String TABLE_PROVIDER = """
            package com.example;

            import dev.nn.api.*;
            import java.io.IOException;
            import java.nio.file.*;
            import java.util.*;

            public class HousesTable implements DatasetProvider {
                public String name() { return "houses_table"; }
                public String description() { return "a houses CSV file as a raw table"; }
                public List<OptionSpec> options() {
                    return List.of(
                            OptionSpec.path("path", "the training rows").required(),
                            OptionSpec.path("test_path", "the test rows").required(),
                            OptionSpec.number("classify_above", "classes cheap and dear at this price; 0: regression")
                                    .defaultValue(0.0),
                            OptionSpec.list("missing_values", OptionSpec.string("value", "a text"), "missing cells")
                                    .defaultValue(TableColumn.DEFAULT_MISSING_VALUES));
                }
                public Dataset load(Options options) throws IOException {
                    List<List<String>> train = rows(options.path("path"));
                    List<List<String>> test = rows(options.path("test_path"));
                    List<String> cities = new ArrayList<>();
                    for (List<List<String>> part : List.of(train, test)) {
                        for (List<String> row : part) {
                            String city = row.get(1).trim();
                            if (!city.isEmpty() && !cities.contains(city)) {
                                cities.add(city);
                            }
                        }
                    }
                    List<TableColumn> columns = List.of(
                            new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, null, null),
                            TableColumn.category("city", cities),
                            TableColumn.bool("garden"),
                            TableColumn.number("area"));
                    @SuppressWarnings("unchecked")
                    Set<String> missing = new HashSet<>((List<String>) options.get("missing_values"));
                    double above = options.number("classify_above");
                    return dataset("houses", train, columns, missing, above)
                            .withTest(dataset("houses-test", test, columns, missing, above));
                }
                private static Dataset dataset(
                        String name, List<List<String>> rows, List<TableColumn> columns, Set<String> missing,
                        double above) {
                    Matrix x = new Matrix(rows.size(), 4);
                    Matrix price = new Matrix(rows.size(), 1);
                    int[] labels = new int[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        for (int c = 0; c < 4; c++) {
                            x.set(r, c, columns.get(c).parse(rows.get(r).get(c), missing));
                        }
                        price.set(r, 0, Float.parseFloat(rows.get(r).get(4)));
                        labels[r] = price.get(r, 0) > above ? 1 : 0;
                    }
                    List<String> names = List.of("rooms", "city", "garden", "area");
                    Dataset d = above > 0
                            ? Dataset.classification(name, x, labels, List.of("cheap", "dear")).withNames(names, List.of())
                            : Dataset.regression(name, x, price).withNames(names, List.of("price"));
                    return d.withTable(columns);
                }
                private static List<List<String>> rows(Path file) throws IOException {
                    List<List<String>> rows = new ArrayList<>();
                    List<String> lines = Files.readAllLines(file);
                    for (String line : lines.subList(1, lines.size())) {
                        rows.add(Arrays.asList(line.split(",", -1)));
                    }
                    return rows;
                }
            }
            """;

    @TempDir
    static Path tmp;

    private static Path plugins;

    @BeforeAll
    static void writeDataAndPlugin() throws IOException {
        plugins = tmp.resolve("plugins");
        new PluginJarBuilder()
                .source("com.example.HousesTable", TABLE_PROVIDER)
                .service(DatasetProvider.class, "com.example.HousesTable")
                .manifest(Spi.MANIFEST_ATTRIBUTE, Spi.VERSION)
                .build(plugins.resolve("houses.jar"));
        Files.writeString(tmp.resolve("houses-train.csv"), houses(240, 3, false));
        Files.writeString(tmp.resolve("houses-test.csv"), houses(40, 4, true));
    }

    /**
     * A houses table: rooms (some NA), city (some empty; Lyon only in test rows), garden (yes/no,
     * some empty), area and price.
     */
    static String houses(int n, long seed, boolean lyon) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> cities = List.of("Paris", "Berlin", "Rome", "Lyon");
        double[] cityPrice = {300, 150, 200, 180};
        StringBuilder sb = new StringBuilder("rooms,city,garden,area,price\n");
        for (int r = 0; r < n; r++) {
            int rooms = 1 + random.nextInt(6);
            int city = lyon && r % 4 == 1 ? 3 : random.nextInt(3);
            boolean garden = random.nextBoolean();
            double area = 20 * rooms + 10 * random.nextDouble();
            double price = 50 * rooms + cityPrice[city] + (garden ? 40 : 0) + 0.5 * area + 10 * random.nextGaussian();
            sb.append(r % 7 == 3 ? "NA" : Integer.toString(rooms)).append(',');
            sb.append(r % 11 == 5 ? "" : cities.get(city)).append(',');
            sb.append(r % 5 == 2 ? "" : garden ? "yes" : "no").append(',');
            sb.append(String.format(Locale.ROOT, "%.2f,%.2f%n", area, price));
        }
        return sb.toString();
    }

    /** The test file's rows as someone would give them to predict: columns reordered, an id added, no price. */
    static Path rowsToPredict(Path testFile, Path out) throws IOException {
        List<String> lines = Files.readAllLines(testFile);
        StringBuilder sb = new StringBuilder("id,area,garden,city,rooms\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            sb.append(i)
                    .append(',')
                    .append(c[3])
                    .append(',')
                    .append(c[2])
                    .append(',')
                    .append(c[1])
                    .append(',')
                    .append(c[0])
                    .append('\n');
        }
        return Files.writeString(out, sb.toString());
    }

    private static Path config(String name, String dataset, String extra) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                name: %s
                seed: 5
                data:
                  dataset: %s
                  validation: 0.2
                  preprocess: [standardize]
                %s
                model:
                  layers: [{dense: {units: 16, activation: tanh}}, {dense: {units: %s}}]
                  loss: %s
                train:
                  optimizer: {adam: {lr: 0.01}}
                  epochs: 15
                  batch_size: 16
                report: {plots: []}
                plugins: [plugins/]
                """.formatted(
                        name,
                        dataset,
                        extra,
                        dataset.contains("classify") ? "2" : "1",
                        dataset.contains("classify") ? "softmax_cross_entropy" : "mse"));
    }

    private static Path train(Path config, String... more) {
        Path run = tmp.resolve("runs").resolve(config.getFileName().toString().replace(".yaml", ""));
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--out", run.toString()));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        return run;
    }

    /** The run's own predictions of its test part: its model on its data, as nn report reads the run back. */
    private static Matrix runsOwnPredictions(Path run) throws IOException {
        PipelineSession session = PipelineSession.open(run.resolve("config.yaml"), List.of(), List.of());
        SavedModel model = ModelFile.load(run.resolve("model.zip"));
        RunResult result = FinishedRun.read(run, session.pipeline, model);
        return result.network().predictions(result.split().test());
    }

    @Test
    void predictOnRawRowsGivesTheRunsOwnPricesInTheirUnits() throws IOException {
        Path run = train(config(
                "houses",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv}}",
                "  target_preprocess: [standardize]"));
        // Said while the data loaded, before the run folder existed: run.log holds it from the start.
        assertThat(Files.readString(run.resolve("run.log")))
                .containsSubsequence(
                        "Encoded the table's 4 columns into 6 features: rooms, city=Paris, city=Rome,"
                                + " city=Berlin, garden, area",
                        "Training houses on");

        Path rows = rowsToPredict(tmp.resolve("houses-test.csv"), tmp.resolve("to-predict.csv"));
        Cli predict = Cli.run("predict", run.resolve("model.zip").toString(), rows.toString());

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        Matrix own = runsOwnPredictions(run);
        StringBuilder expected = new StringBuilder("price\n");
        for (int r = 0; r < own.rows(); r++) {
            expected.append(String.format(Locale.ROOT, "%.6g", own.get(r, 0))).append('\n');
        }
        assertThat(predict.out()).isEqualTo(expected.toString());
        // Prices in their own units, within a small part of their spread of the true ones.
        List<String> truth = Files.readAllLines(tmp.resolve("houses-test.csv"));
        double error = 0;
        for (int r = 0; r < own.rows(); r++) {
            error +=
                    Math.abs(own.get(r, 0) - Double.parseDouble(truth.get(r + 1).split(",")[4]));
        }
        assertThat(error / own.rows()).isLessThan(40);
    }

    @Test
    void predictedClassesOfRawRowsHaveTheRunsTestAccuracy() throws IOException {
        Path run = train(config(
                "houses-classes",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv, classify_above: 450}}",
                ""));
        Map<String, Object> metrics = TrainCommandTest.json(run.resolve("metrics.json"));
        @SuppressWarnings("unchecked")
        double accuracy = ((Number) ((Map<String, Object>) metrics.get("test")).get("accuracy")).doubleValue();

        Path rows = rowsToPredict(tmp.resolve("houses-test.csv"), tmp.resolve("to-classify.csv"));
        Cli predict = Cli.run("predict", run.resolve("model.zip").toString(), rows.toString());

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("prediction,p_cheap,p_dear");
        List<String> truth = Files.readAllLines(tmp.resolve("houses-test.csv"));
        int correct = 0;
        for (int r = 1; r < lines.size(); r++) {
            String actual = Double.parseDouble(truth.get(r).split(",")[4]) > 450 ? "dear" : "cheap";
            correct += lines.get(r).startsWith(actual + ",") ? 1 : 0;
        }
        assertThat(lines).hasSize(41);
        assertThat((double) correct / 40).isEqualTo(accuracy);
    }

    @Test
    void oneTwoAndThreeThreadsTrainTheSameModel() throws IOException {
        Path config = config(
                "houses-threads",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv}}",
                "  target_preprocess: [standardize, {scale: {factor: 2}}]");
        List<String> sums = new ArrayList<>();
        for (String threads : List.of("1", "2", "3")) {
            Path run = tmp.resolve("threads-" + threads);
            Cli cli = Cli.run("train", config.toString(), "--out", run.toString(), "--threads", threads);
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            sums.add(modelYaml(run)
                    .lines()
                    .filter(l -> l.startsWith("params_sha256:"))
                    .findFirst()
                    .orElseThrow());
        }
        assertThat(sums).containsOnly(sums.get(0));
    }

    @Test
    void summaryAndInfoShowTheEncodedFeatures() throws IOException {
        Path config = config(
                "houses-summary",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv}}",
                "  target_preprocess: [standardize]");
        Cli summary = Cli.run("summary", config.toString());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out())
                .contains("Input features (6): rooms, city=Paris, city=Rome, city=Berlin, garden, area\n")
                .contains("From the table's 4 columns: rooms (number), city (category), garden (boolean), area"
                        + " (number)\n")
                .contains("Targets scaled for training: [standardize] (predictions in the targets' units)\n");

        Path run = train(config);
        // The run's reports say the same.
        assertThat(Files.readString(run.resolve("report.txt")))
                .contains("Input features (6): rooms, city=Paris, city=Rome, city=Berlin, garden, area\n")
                .contains("From the table's 4 columns: rooms (number), city (category), garden (boolean), area"
                        + " (number)\n");
        assertThat(Files.readString(run.resolve("report.html")))
                .contains("Input features (6): rooms, city=Paris, city=Rome, city=Berlin, garden, area</p>");
        Cli info = Cli.run("info", run.resolve("model.zip").toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out())
                .contains("table: 4 columns, encoded into 6 features (missing cells: '', 'NA', 'N/A', 'NaN', 'null',"
                        + " '?')\n")
                .containsPattern("\n  rooms: number, missing: median \\([0-9.]+\\)\n")
                .containsPattern("\n  city: category, 3 values, missing: most_frequent \\((Paris|Berlin|Rome)\\),"
                        + " unseen: zeros\n")
                .containsPattern("\n  garden: boolean, missing: most_frequent \\((0.0|1.0)\\)\n")
                .contains("features: rooms, city=Paris, city=Rome, city=Berlin, garden, area\n")
                .contains("target scaling: standardize (fitted on the training targets; predictions are in the"
                        + " targets' units)\n");
    }

    @Test
    void rowsThatDoNotFitTheTableAreOneLineAtTheirFileAndLine() throws IOException {
        Path run = train(
                config("houses-errors", "{houses_table: {path: houses-train.csv, test_path: houses-test.csv}}", ""));
        String model = run.resolve("model.zip").toString();
        Map<String, String> files = Map.of(
                "id,rooms,garden,area\n1,2,yes,50\n",
                ":1: the header has no column 'city', which the model needs (it takes rooms, city, garden, area);"
                        + " the first line must be a header naming the training file's columns",
                "rooms,city,garden,area\n2,Paris,yes,50\nmany,Paris,no,70\n",
                ":3: column 'rooms': value 'many' is not a number",
                "rooms,city,garden,area\n2,Paris,yes,50\n3,Rome,no\n",
                ":3: row has 3 values but the header has 4",
                "rooms,city,garden,area\n2,Paris,perhaps,50\n",
                ":2: column 'garden': value 'perhaps' is not true or false (nor yes/no, y/n, t/f or 1/0)");
        int i = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path rows = Files.writeString(tmp.resolve("bad-" + i++ + ".csv"), file.getKey());
            Cli cli = Cli.run("predict", model, rows.toString());
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).isEqualTo("nn: " + rows + file.getValue() + "\n");
        }
    }

    @Test
    void targetScalingOfClassesIsAnErrorAtItsConfigLine() throws IOException {
        Path config = config(
                "houses-bad",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv, classify_above: 450}}",
                "  target_preprocess: [standardize]");

        Cli cli = Cli.run("validate", config.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("nn: " + config + ":7:3: data.target_preprocess: scales regression targets, but"
                        + " houses_table has class labels (2 classes); remove data.target_preprocess\n");
    }

    /** The same through the {@code csv} dataset, which reads the table the plugin above stands in for. */
    @Test
    void theCsvReadersTableGivesTheSameNumbersToPredict() throws IOException {
        Path run = train(config(
                "houses-csv",
                "{csv: {path: houses-train.csv, test_path: houses-test.csv, target: price, task: regression,"
                        + " columns: {city: {type: category}, garden: {type: boolean}, rooms: {type: number,"
                        + " missing: median}}}}",
                "  target_preprocess: [standardize]"));

        Path rows = rowsToPredict(tmp.resolve("houses-test.csv"), tmp.resolve("csv-to-predict.csv"));
        Cli predict = Cli.run("predict", run.resolve("model.zip").toString(), rows.toString());

        assertThat(predict.exitCode()).as(predict.err()).isZero();
        Matrix own = runsOwnPredictions(run);
        StringBuilder expected = new StringBuilder("price\n");
        for (int r = 0; r < own.rows(); r++) {
            expected.append(String.format(Locale.ROOT, "%.6g", own.get(r, 0))).append('\n');
        }
        assertThat(predict.out()).isEqualTo(expected.toString());
        // The reader's raw table is the plugin's: the same data checksum, encoding and weights.
        Path plugin = train(config(
                "houses-plugin",
                "{houses_table: {path: houses-train.csv, test_path: houses-test.csv}}",
                "  target_preprocess: [standardize]"));
        for (String key : List.of("data_checksum:", "params_sha256:")) {
            assertThat(line(modelYaml(run), key)).isEqualTo(line(modelYaml(plugin), key));
        }
        assertThat(ModelFile.load(run.resolve("model.zip")).info().preprocessing())
                .isEqualTo(ModelFile.load(plugin.resolve("model.zip")).info().preprocessing());
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }

    private static String modelYaml(Path run) throws IOException {
        try (java.util.zip.ZipFile zip =
                new java.util.zip.ZipFile(run.resolve("model.zip").toFile())) {
            return new String(
                    zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
