package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nn-runner's class path has no nn-spark: a config with {@code distributed: {spark: ...}} is refused by
 * {@code nn validate} and {@code nn train} in one line at {@code distributed.spark} that says how to get
 * Spark, and nothing is written.
 */
class DistributedWithoutSparkCliTest {
    private static final Path CONFIG = Path.of(
                    "src", "test", "resources", "bad-configs", "distributed-without-spark.yaml")
            .toAbsolutePath();
    private static final String LINE = "nn: " + CONFIG + ":11:3: distributed.spark: training on Spark needs nn-spark"
            + " and Spark on the class path, and this nn has neither: run bin/nn train from a clone of nn's sources (it"
            + " builds nn-spark and adds Spark for a config with distributed:), or spark-submit --class"
            + " dev.nn.spark.Train nn-spark-<version>-all.jar CONFIG; or remove distributed: to train on this machine";

    @TempDir
    Path dir;

    @Test
    void validateRefusesADistributedConfigInOneLineSayingHowToGetSpark() {
        Cli cli = Cli.run("validate", CONFIG.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(LINE);
    }

    @Test
    void trainRefusesItBeforeTheRunFolderIsMade() {
        Path out = dir.resolve("run");

        Cli cli = Cli.run("train", CONFIG.toString(), "--out", out.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(LINE);
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutTheSectionTheSameConfigTrainsHere() throws IOException {
        String text = Files.readString(CONFIG);
        Path local = Files.writeString(dir.resolve("local.yaml"), text.substring(0, text.indexOf("distributed:")));
        Path out = dir.resolve("local");

        Cli cli = Cli.run("train", local.toString(), "--out", out.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out.resolve("model.zip")).exists();
    }
}
