package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code nn train} end to end: real config files, the real Guice wiring, a real run folder. */
class TrainCommandTest {
    static final Path CONFIGS = Path.of("..", "configs");

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) throws IOException {
        // JSON is YAML: read metrics.json with a safe YAML loader.
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    /**
     * metrics.json's timings: the four phases are there, the three parts add up to the whole (to
     * the millisecond rounding of each), and the end-of-run line prints the same figures.
     */
    @SuppressWarnings("unchecked")
    static void assertTimingsAddUp(Map<String, Object> metrics, String out) {
        Map<String, Object> t = (Map<String, Object>) metrics.get("timings");
        assertThat(t).containsOnlyKeys("startup_seconds", "train_seconds", "report_seconds", "wall_seconds");
        double startup = ((Number) t.get("startup_seconds")).doubleValue();
        double train = ((Number) t.get("train_seconds")).doubleValue();
        double report = ((Number) t.get("report_seconds")).doubleValue();
        double wall = ((Number) t.get("wall_seconds")).doubleValue();
        assertThat(startup)
                .as("the test JVM started before this run's first batch")
                .isPositive();
        assertThat(train).isPositive().isEqualTo(((Number) metrics.get("train_seconds")).doubleValue());
        assertThat(report).isPositive();
        // The parts are measured back to back; what falls between them is the trainer's set-up.
        assertThat(startup + train + report).isCloseTo(wall, org.assertj.core.data.Offset.offset(0.1));
        assertThat(out)
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "Start-up %.2f s, training %.2f s, evaluation and reports %.2f s: %.2f s in all",
                        startup,
                        train,
                        report,
                        wall));
    }

    @Test
    void trainingTheDefaultDigitsPipelineWritesTheRunFolderAndReaches97Percent(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        Cli cli = Cli.run("train", CONFIGS.resolve("digits.yaml").toString(), "--out", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Test accuracy").contains("Run folder: " + run);
        for (String file :
                List.of("config.yaml", "metrics.json", "history.csv", "report.txt", "model.zip", "run.log")) {
            assertThat(run.resolve(file)).isNotEmptyFile();
        }
        Map<String, Object> metrics = json(run.resolve("metrics.json"));
        assertThat(metrics).containsEntry("name", "digits").containsEntry("epochs", 30);
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        assertThat(((Number) test.get("accuracy")).doubleValue()).isGreaterThanOrEqualTo(0.97);
        assertThat(((Number) metrics.get("examples_per_second")).doubleValue()).isPositive();
        assertTimingsAddUp(metrics, cli.out());
        assertThat(Files.readAllLines(run.resolve("history.csv")))
                .hasSize(31)
                .first()
                .isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds");
        assertThat(Files.readString(run.resolve("report.txt")))
                .contains("weighted avg")
                .contains("Confusion matrix");

        // The resolved config runs again as it is.
        Cli again = Cli.run("validate", run.resolve("config.yaml").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();

        // The saved model evaluates to the same test accuracy and predicts from a CSV.
        Cli eval = Cli.run(
                "evaluate",
                run.resolve("model.zip").toString(),
                CONFIGS.resolve("digits.yaml").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains(String.format(java.util.Locale.ROOT, "%.2f", ((Number) test.get("accuracy")).doubleValue()));
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(
                csv,
                "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n");
        Cli predict = Cli.run("predict", run.resolve("model.zip").toString(), csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines().toList()).hasSize(2);
        assertThat(predict.out().lines().toList().get(1)).startsWith("0,");
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalResults(@TempDir Path tmp) throws IOException {
        String config = CONFIGS.resolve("moons.yaml").toString();
        Cli one = Cli.run(
                "train",
                config,
                "--threads",
                "1",
                "--set",
                "train.epochs=15",
                "--out",
                tmp.resolve("a").toString());
        Cli two = Cli.run(
                "train",
                config,
                "--threads",
                "2",
                "--set",
                "train.epochs=15",
                "--out",
                tmp.resolve("b").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(json(tmp.resolve("a/metrics.json")).get("test"))
                .isEqualTo(json(tmp.resolve("b/metrics.json")).get("test"));
        assertThat(losses(tmp.resolve("a/history.csv"))).isEqualTo(losses(tmp.resolve("b/history.csv")));
    }

    private static List<String> losses(Path history) throws IOException {
        // Every column but the last (seconds).
        return Files.readAllLines(history).stream()
                .map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }

    @Test
    void anOutputLayerThatDoesNotFitTheClassesIsReportedAtItsLineAndNothingIsWritten(@TempDir Path tmp)
            throws IOException {
        Path config = tmp.resolve("wrong-output.yaml");
        Files.writeString(config, """
                data:
                  dataset: digits
                model:
                  layers:
                    - dense: {units: 20, activation: relu}
                    - dense: {units: 3}
                  loss: softmax_cross_entropy
                """);
        Path out = tmp.resolve("run");
        Cli cli = Cli.run("train", config.toString(), "--out", out.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines().toList()).hasSize(1);
        assertThat(cli.err())
                .startsWith("nn: " + config + ":6:")
                .contains("model.layers[1]: the network has 3 outputs but digits/train has 10 classes");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExistingRunFolderIsNeverOverwritten(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve("metrics.json"), "{\"keep\": true}");
        Cli cli = Cli.run(
                "train", CONFIGS.resolve("digits.yaml").toString(), "--out", out.toString(), "--set", "train.epochs=1");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("already exists and is not an empty folder");
        assertThat(Files.readString(out.resolve("metrics.json"))).isEqualTo("{\"keep\": true}");
    }

    @Test
    void aDivergingRunExitsWithOneAndSaysWhatToTry(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("diverge.yaml");
        Files.writeString(config, """
                data: {dataset: digits}
                model:
                  layers: [{dense: {units: 10}}]
                  loss: mse
                train:
                  optimizer: {sgd: {lr: 10}}
                  epochs: 5
                """);
        Cli cli =
                Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("training diverged").contains("lower the learning rate");
    }
}
