package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OtherCommandsTest {

    static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.walk(TrainCommandTest.CONFIGS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedConfigValidates() throws IOException {
        boolean fashionInstalled = Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
        List<Path> configs = configs();
        assertThat(configs).hasSizeGreaterThanOrEqualTo(6);
        for (Path config : configs) {
            Cli cli = Cli.run("validate", config.toString());
            if (!fashionInstalled && Files.readString(config).contains("/usr/share/datasets/fashion-mnist/")) {
                // Without Debian's package the error must say how to get it.
                assertThat(cli.exitCode()).as(config.toString()).isEqualTo(2);
                assertThat(cli.err()).contains("apt-get install dataset-fashion-mnist");
            } else {
                assertThat(cli.exitCode()).as(config + ": " + cli.err()).isZero();
                assertThat(cli.out()).contains(": OK:");
            }
        }
    }

    @Test
    void pluginsListsEveryBuiltInProviderWithItsOptions() {
        Cli cli = Cli.run("plugins");
        assertThat(cli.exitCode()).isZero();
        for (String name : List.of("dense", "dropout", "sigmoid", "relu", "leaky_relu", "tanh", "softsign", "softmax", "identity",
                "mse", "quadratic", "softmax_cross_entropy", "binary_cross_entropy", "sgd", "adam", "rmsprop", "uniform",
                "normal", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "zeros", "constant", "step",
                "exponential", "cosine", "digits", "moons", "circles", "blobs", "idx", "csv", "scalar")) {
            assertThat(cli.out()).contains("  " + name + " - ");
        }
        assertThat(cli.out()).contains("units (integer, required, in [1, inf)): number of outputs");
        Cli layers = Cli.run("plugins", "--kind", "layer");
        assertThat(layers.out()).contains("  dense - ").doesNotContain("  sgd - ");
        Cli wrong = Cli.run("plugins", "--kind", "layers2");
        assertThat(wrong.exitCode()).isEqualTo(2);
    }

    @Test
    void summaryPrintsTheNetworkTable() {
        Cli cli = Cli.run("summary", TrainCommandTest.CONFIGS.resolve("digits.yaml").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("dense(units=100)").contains("relu").contains("Total parameters: 7,510");
    }

    @Test
    void helpAndVersionWork() {
        assertThat(Cli.run("--help").out()).contains("train").contains("validate").contains("plugins");
        assertThat(Cli.run("--version").out()).startsWith("nn ");
        assertThat(Cli.run("train", "--help").out()).contains("--set").contains("--out");
        assertThat(Cli.run("trian").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        Cli cli = Cli.run("train", "no/such/file.yaml");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("nn: no/such/file.yaml: config file not found\n");
    }

    @Test
    void dataTooLargeForTheHeapIsOneLineAndExitCode1() {
        // Few enough examples for one array of their 2 features, but their doubles need more than the whole heap.
        long samples = Runtime.getRuntime().maxMemory() / (2 * Double.BYTES) + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(2 * samples <= dev.nn.api.Matrix.MAX_SIZE, "the heap holds any matrix");
        Cli cli = Cli.run("validate", TrainCommandTest.CONFIGS.resolve("moons.yaml").toString(), "--set",
                "data.dataset={moons: {samples: " + samples + "}}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("nn: out of memory (").endsWith("); give Java more heap, for example"
                + " JAVA_OPTS=-Xmx8g bin/nn ..., or use less data or a smaller network\n");
        assertThat(Path.of("runs")).doesNotExist();
    }
}
