package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn info}: how a model (or checkpoint) was made, enough to make it again. */
class InfoCommandTest {
    @TempDir
    static Path tmp;

    private static Path run;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        Cli cli = Cli.run(
                "train",
                TrainCommandTest.CONFIGS.resolve("digits.yaml").toString(),
                "--out",
                run.toString(),
                "--set",
                "train.epochs=2",
                "--set",
                "train.checkpoint=true",
                "--set",
                "report.plots=[]",
                "--seed",
                "9");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    @Test
    void printsTheProvenanceTheNetworkAndAConfigThatTrainsTheSameModelAgain() throws IOException {
        Cli cli = Cli.run("info", run.resolve("model.zip").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(run.resolve("model.zip") + ": nn model file, format 3");
        assertThat(lines)
                .contains(
                        "nn version: 0.1.0-SNAPSHOT",
                        "seed: 9",
                        "classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 (10)",
                        "preprocessing: standardize (fitted on the training data, 64 features; applied to raw inputs by nn predict"
                                + " and Network.load)");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("engine: (vector|scalar)"));
        assertThat(lines)
                .contains("platform: Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("data checksum: sha256:[0-9a-f]{64}"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("created: 20\\d\\d-\\d\\d-\\d\\dT.*Z"));
        assertThat(cli.out()).contains("  1  dense(units=100)       100         6,500\n", "Total parameters: 7,510\n");

        // The config it prints is the run's: saved as a file, it trains the same model again.
        String yaml = cli.out().substring(cli.out().indexOf("\n\n", cli.out().indexOf("config (resolved")) + 2);
        Path again = tmp.resolve("again.yaml");
        Files.writeString(again, yaml);
        Cli retrain =
                Cli.run("train", again.toString(), "--out", tmp.resolve("again").toString());
        assertThat(retrain.exitCode()).as(retrain.err()).isZero();
        assertThat(KillAndResumeTest.params(tmp.resolve("again"))).isEqualTo(KillAndResumeTest.params(run));
    }

    @Test
    void aCheckpointSaysWhereTrainingStands() {
        Cli cli = Cli.run("info", run.resolve("checkpoint.zip").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out())
                .startsWith(run.resolve("checkpoint.zip") + ": nn checkpoint file, format 3\n"
                        + "training: all 2 epochs done\n");
    }

    @Test
    void aMissingOrDamagedModelIsOneLineAndExitTwo() throws IOException {
        Cli missing = Cli.run("info", tmp.resolve("none.zip").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("nn: " + tmp.resolve("none.zip") + ": no such model file; check the path\n");
        byte[] bytes = Files.readAllBytes(run.resolve("model.zip"));
        Path cut = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        Cli damaged = Cli.run("info", cut.toString());
        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.err().lines().toList()).hasSize(1);
        assertThat(damaged.err())
                .startsWith("nn: " + cut
                        + ": the zip archive is truncated or damaged (it ends before the zip's table of contents");
        assertThat(damaged.out()).isEmpty();
    }
}
