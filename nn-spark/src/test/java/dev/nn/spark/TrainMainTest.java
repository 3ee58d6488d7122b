package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.nn.spark.Train}, spark-submit's main class, in a JVM of its own started as spark-submit
 * starts a driver ({@code -Dspark.master}): it is {@code nn train}, on spark-submit's master, with one
 * logging backend; and {@code nn validate} of the same config starts no Spark at all.
 */
class TrainMainTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result java(Class<?> main, List<String> properties, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(properties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = dir.resolve(main.getSimpleName() + ".out");
        Path err = dir.resolve(main.getSimpleName() + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("it ended").isTrue();
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path config() throws IOException {
        return Files.writeString(
                dir.resolve("digits.yaml"),
                SparkTrainCommandTest.DIGITS.replace("epochs: 3", "epochs: 1")
                        + "distributed:\n  spark: {master: \"local[1]\", partitions: 2}\n");
    }

    @Test
    void trainsOnSparkSubmitsMasterIntoTheRunFolderWithOneLoggingBackend() throws Exception {
        Path out = dir.resolve("run");

        Result train =
                java(Train.class, List.of("-Dspark.master=local[2]"), config().toString(), "--out", out.toString());

        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Test accuracy", "Run folder: " + out);
        assertThat(out.resolve("model.zip")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("run.log")))
                .contains("Training on Spark: master local[2] (from spark-submit), 2 partitions, local_steps 1");
        assertThat(train.err().lines())
                .as("standard error")
                .noneMatch(line -> line.startsWith("SLF4J"))
                .noneMatch(line -> line.contains("StatusLogger"))
                .noneMatch(line -> line.startsWith("INFO ") || line.contains(" INFO "));
    }

    @Test
    void validateChecksADistributedConfigWithoutStartingSpark() throws Exception {
        Path config = config();

        Result validate = java(ValidateWithoutSpark.class, List.of(), config.toString());

        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).contains(config + ": OK: 64 inputs -> 10 outputs", "exit 0, spark running false");
    }

    @Test
    void aBadConfigExitsWithTwoAndOneLine() throws Exception {
        Path config = Files.writeString(
                dir.resolve("bad.yaml"), SparkTrainCommandTest.DIGITS + "distributed: {spark: {partitions: 0}}\n");

        Result train = java(
                Train.class,
                List.of(),
                config.toString(),
                "--out",
                dir.resolve("bad-run").toString());

        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err().lines().filter(l -> l.startsWith("nn: ")))
                .containsExactly("nn: " + config + ":12:23: distributed.spark.partitions: must be at least 1, got 0");
        assertThat(dir.resolve("bad-run")).doesNotExist();
    }
}
