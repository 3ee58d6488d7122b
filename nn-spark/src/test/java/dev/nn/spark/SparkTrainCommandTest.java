package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.runner.cli.NnCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train} of a config with {@code distributed: {spark: ...}}, through the runner's own code on
 * the shared local[2] session: the run folder is a local run's, exact rounds give its model to the
 * bit, and what Spark would refuse is refused before the run folder is made.
 */
class SparkTrainCommandTest {
    static final String DIGITS = """
            name: digits-spark
            seed: 5
            data: {dataset: digits, preprocess: [standardize]}
            model:
              layers: [{dense: {units: 32, activation: relu}}, {dense: {units: 10}}]
              loss: softmax_cross_entropy
            train:
              optimizer: {adam: {lr: 0.005}}
              batch_size: 64
              epochs: 3
              shard_rows: 8
            """;

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {}

    static Run nn(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NnCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path config(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), text);
    }

    static byte[] entry(Path modelZip, String name) throws IOException {
        try (ZipFile zip = new ZipFile(modelZip.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    @BeforeAll
    static void startSpark() {
        SharedSpark.session();
    }

    @Test
    void exactRoundsWriteALocalRunsFolderWithTheBitsOfOneMachine() throws IOException {
        Path local = config("local", DIGITS);
        Path spark = config(
                "spark", DIGITS + "distributed:\n  spark: {master: \"local[2]\", partitions: 3, local_steps: 1}\n");

        Run here =
                nn("train", local.toString(), "--out", dir.resolve("local-run").toString());
        Run there =
                nn("train", spark.toString(), "--out", dir.resolve("spark-run").toString());

        assertThat(here.code()).as(here.err()).isZero();
        assertThat(there.code()).as(there.err()).isZero();
        Path run = dir.resolve("spark-run");
        for (String file :
                new String[] {"config.yaml", "metrics.json", "history.csv", "report.txt", "report.html", "run.log"}) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(entry(run.resolve("model.zip"), "params.bin"))
                .isEqualTo(entry(dir.resolve("local-run/model.zip"), "params.bin"));
        assertThat(withoutSeconds(run.resolve("history.csv")))
                .isEqualTo(withoutSeconds(dir.resolve("local-run/history.csv")));
        // The same report, but for the line of how long training took.
        assertThat(Files.readString(run.resolve("report.txt")).replaceAll("Trained 3 epochs in .*", ""))
                .isEqualTo(
                        Files.readString(dir.resolve("local-run/report.txt")).replaceAll("Trained 3 epochs in .*", ""));
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains("distributed:\n  spark:\n    master: local[2]\n    partitions: 3\n    local_steps: 1\n");
        assertThat(Files.readString(run.resolve("run.log")))
                .contains("Training on Spark: master local[2] (the running session's), 3 partitions, local_steps 1"
                        + " (exact: the bits of one machine)");
        assertThat(there.out()).contains("Run folder: " + run);
    }

    /** history.csv without its last column, the seconds each epoch took. */
    static String withoutSeconds(Path historyCsv) throws IOException {
        return Files.readString(historyCsv).replaceAll(",[^,\n]*\n", "\n");
    }

    @Test
    void averagingRoundsTrainDigitsWell() throws IOException {
        Path spark = config(
                "averaging",
                DIGITS.replace("shard_rows: 8", "shard_rows: 0")
                        + "distributed: {spark: {partitions: 2, local_steps: 4}}\n");

        Run run = nn(
                "train", spark.toString(), "--out", dir.resolve("averaging-run").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(dir.resolve("averaging-run/model.zip")).isNotEmptyFile();
        String metrics = Files.readString(dir.resolve("averaging-run/metrics.json"));
        java.util.regex.Matcher test = java.util.regex.Pattern.compile(
                        "\"test\": \\{\\s*\"examples\": \\d+,\\s*\"accuracy\": ([0-9.]+)")
                .matcher(metrics);
        assertThat(test.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(test.group(1))).as(metrics).isGreaterThan(0.85);
    }

    @Test
    void exactRoundsWithoutShardRowsAreRefusedBeforeTheRunFolderIsMade() throws IOException {
        Path spark = config(
                "no-shards", DIGITS.replace("  shard_rows: 8\n", "") + "distributed:\n  spark: {partitions: 2}\n");
        Path out = dir.resolve("no-shards-run");

        Run run = nn("train", spark.toString(), "--out", out.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("nn: " + spark + ":7:1: train.shard_rows: exact training on Spark (local_steps: 1)"
                        + " spreads each batch's logical shards over the partitions; set train.shard_rows (for"
                        + " example 32), and a run on one machine with the same setting gets the same bits");
        assertThat(out).doesNotExist();
    }

    @Test
    void exactRoundsRefuseBatchNormAtLocalSteps() throws IOException {
        Path spark = config(
                "batch-norm",
                DIGITS.replace("[{dense: {units: 32, activation: relu}}", "[{dense: {units: 32}}, batch_norm, relu")
                        + "distributed:\n  spark:\n    local_steps: 1\n");

        Run run = nn("validate", spark.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("nn: " + spark + ":14:5: distributed.spark.local_steps: exact training (local_steps:"
                        + " 1) spreads a batch's shards over the partitions, but layer 2 (batch_norm) normalises over"
                        + " the whole batch; use local_steps above 1, or layer_norm");
    }

    @Test
    void validateAcceptsADistributedConfig() throws IOException {
        Path spark = config("valid", DIGITS + "distributed: {spark: {partitions: 4}}\n");

        Run run = nn("validate", spark.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(spark + ": OK: 64 inputs -> 10 outputs");
    }
}
