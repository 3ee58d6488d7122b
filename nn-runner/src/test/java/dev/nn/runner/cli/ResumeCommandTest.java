package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train --resume} refuses, with one line and exit 2, anything it cannot continue exactly:
 * another config, another data set, a damaged, foreign or missing checkpoint; and a diverging run
 * keeps the last good checkpoint. The run folder is left as it was.
 */
class ResumeCommandTest {
    @TempDir
    static Path tmp;

    private static Path config;
    private static Path data;
    private static Path finished;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("points.csv");
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 200; i++) {
            double x = Math.sin(i * 0.7);
            double y = Math.cos(i * 1.3);
            csv.append(x)
                    .append(',')
                    .append(y)
                    .append(',')
                    .append(x * y > 0 ? "a" : "b")
                    .append('\n');
        }
        Files.writeString(data, csv);
        config = tmp.resolve("points.yaml");
        Files.writeString(config, """
                seed: 3
                data:
                  dataset: {csv: {path: points.csv}}
                  validation: 0.2
                model:
                  layers:
                    - dense: {units: 16, activation: tanh}
                    - dense: {units: 2}
                  loss: softmax_cross_entropy
                train:
                  optimizer: {adam: {lr: 0.02}}
                  epochs: 3
                  early_stopping: {patience: 5}
                  checkpoint: true
                report:
                  plots: []
                """);
        finished = tmp.resolve("finished");
        Cli cli = Cli.run("train", config.toString(), "--out", finished.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    /** A copy of the finished run folder to break, and its files' bytes to check nothing changed. */
    private static Path copyOfRun(Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        try (Stream<Path> files = Files.list(finished)) {
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return run;
    }

    private static Map<String, byte[]> contents(Path run) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void assertUnchanged(Path run, Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> after = contents(run);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private static Cli refused(Path run, String... extra) throws IOException {
        Map<String, byte[]> before = contents(run);
        String[] args = Stream.concat(
                        Stream.of("train", config.toString(), "--resume", run.toString()), Arrays.stream(extra))
                .toArray(String[]::new);
        Cli cli = Cli.run(args);
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().lines().toList()).as(cli.err()).hasSize(1);
        assertUnchanged(run, before);
        return cli;
    }

    @Test
    void aFinishedRunResumesToTheSameModel(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        Cli cli = Cli.run("train", config.toString(), "--resume", run.toString(), "--threads", "1");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllBytes(run.resolve("history.csv")).length).isPositive();
        assertThat(KillAndResumeTest.params(run)).isEqualTo(KillAndResumeTest.params(finished));
    }

    @Test
    void anotherConfigIsRefusedWithTheFirstSettingThatDiffers(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        assertThat(refused(run, "--set", "train.epochs=4").err())
                .isEqualTo("nn: --resume: the checkpoint in " + run
                        + " was made with another config: train.epochs is 3 in the checkpoint but 4 now; resume with the config,"
                        + " --set and --seed the run was started with\n");
        assertThat(refused(run, "--seed", "4").err()).contains("seed is 3 in the checkpoint but 4 now");
        assertThat(refused(run, "--set", "model.layers[0].dense.units=17").err())
                .contains("model.layers[0].dense.units is 16 in the checkpoint but 17 now");
    }

    @Test
    void anotherThreadCountIsNotAnotherConfig(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        Cli cli = Cli.run("train", config.toString(), "--resume", run.toString(), "--threads", "2");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    @Test
    void aDamagedCheckpointIsRefusedAndLeftInPlace(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        Path checkpoint = run.resolve("checkpoint.zip");
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(refused(run).err())
                .startsWith("nn: " + checkpoint + ": the zip archive is truncated or damaged (it ends"
                        + " before the zip's table of contents")
                .endsWith("; resume from another checkpoint or train again\n");
    }

    @Test
    void aModelFileInPlaceOfTheCheckpointIsNotACheckpoint(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        Files.copy(run.resolve("model.zip"), run.resolve("checkpoint.zip"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(refused(run).err())
                .isEqualTo(
                        "nn: " + run.resolve("checkpoint.zip") + ": a model file, not a checkpoint:"
                                + " it has no training.bin; resume from the checkpoint.zip a run with train.checkpoint: true keeps\n");
    }

    @Test
    void aRunWithoutCheckpointOrFolderIsNamed(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        Files.delete(run.resolve("checkpoint.zip"));
        assertThat(refused(run).err())
                .isEqualTo(
                        "nn: " + run.resolve("checkpoint.zip") + ": no checkpoint to resume from:"
                                + " the run did not have train.checkpoint: true, or stopped before its first epoch ended; start it again\n");
        Cli missing = Cli.run(
                "train", config.toString(), "--resume", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("nn: " + dir.resolve("nowhere") + ": no such run folder; give the folder nn"
                        + " train wrote (runs/NAME-TIME)\n");
        Cli both = Cli.run(
                "train",
                config.toString(),
                "--resume",
                run.toString(),
                "--out",
                dir.resolve("x").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("nn: --out: --resume continues in the run folder it names; leave out --out\n");
    }

    @Test
    void changedDataIsRefused(@TempDir Path dir) throws IOException {
        Path run = copyOfRun(dir);
        String original = Files.readString(data);
        try {
            Files.writeString(data, original.replaceFirst("\n0\\.", "\n0.5"));
            assertThat(refused(run).err())
                    .startsWith("nn: --resume: the data has changed since the checkpoint was saved"
                            + " (its checksum was sha256:")
                    .endsWith("; resuming needs the same data: restore it, or start a new run\n");
        } finally {
            Files.writeString(data, original);
        }
    }

    @Test
    void aDivergingRunExitsWithOneNamingEpochAndBatchAndKeepsTheLastGoodCheckpoint(@TempDir Path dir)
            throws IOException {
        Path diverging = dir.resolve("diverging.yaml");
        // The learning rate grows a hundredfold every epoch, so an epoch or two go well and then the loss explodes.
        Files.writeString(diverging, """
                seed: 1
                data: {dataset: digits, preprocess: [standardize]}
                model:
                  layers: [{dense: {units: 32, activation: relu}}, {dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train:
                  optimizer: {sgd: {lr: 0.01}}
                  schedule: {exponential: {gamma: 100}}
                  epochs: 6
                  checkpoint: true
                report: {plots: []}
                """);
        Path run = dir.resolve("run");
        Cli cli = Cli.run("train", diverging.toString(), "--out", run.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err().lines().toList()).hasSize(1);
        assertThat(cli.err())
                .matches(
                        "nn: training diverged: the loss became (NaN|infinite) at epoch (\\d), batch \\d+; lower"
                                + " the learning rate \\(train.optimizer.sgd.lr, now [0-9.]+\\) or clip gradients with train.clip_norm \\(1.0"
                                + " is a common start\\); standardized inputs help too; the last checkpoint, at the end of epoch \\d, is kept\n");
        int epoch = Integer.parseInt(cli.err().replaceAll("(?s).* at epoch (\\d),.*", "$1"));
        TrainingState kept = Checkpoint.load(run.resolve("checkpoint.zip")).state();
        assertThat(kept.position()).isEqualTo("the end of epoch " + (epoch - 1));
        assertThat(kept.history())
                .allSatisfy(e -> assertThat(Double.isFinite(e.loss())).isTrue());
        assertThat(run.resolve("model.zip")).doesNotExist();

        // Clipping the gradients lets the same schedule run to the end.
        Path clipped = dir.resolve("clipped");
        Cli again = Cli.run(
                "train",
                diverging.toString(),
                "--set",
                "train.clip_norm=1",
                "--set",
                "train.epochs=3",
                "--out",
                clipped.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(List.of("model.zip", "checkpoint.zip"))
                .allSatisfy(f -> assertThat(clipped.resolve(f)).isNotEmptyFile());
    }
}
