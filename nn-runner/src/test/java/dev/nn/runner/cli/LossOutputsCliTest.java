package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nn validate} refuses a loss that cannot train the network's outputs on the data (the
 * {@code loss-*.yaml} files of the bad-configs corpus, which {@code BadConfigsCliTest} also runs
 * through {@code nn train}) with the line each file expects, and accepts every combination that trains.
 */
class LossOutputsCliTest {
    private static final Path CORPUS =
            Path.of("src", "test", "resources", "bad-configs").toAbsolutePath();

    static Stream<Path> refused() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Path> loss = files.filter(f -> f.getFileName().toString().startsWith("loss-"))
                    .sorted()
                    .toList();
            assertThat(loss).hasSizeGreaterThanOrEqualTo(9);
            return loss.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void validateRefusesALossThatCannotTrainTheOutputsWithTheLineTheFileExpects(Path file) throws IOException {
        String expected = Files.readString(file)
                .lines()
                .filter(l -> l.startsWith("# expect-build: "))
                .map(l -> "nn: " + file + ":" + l.substring("# expect-build: ".length()))
                .findFirst()
                .orElseThrow();

        Cli cli = Cli.run("validate", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo(expected + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "moons | [{dense: {units: 2}}] | softmax_cross_entropy",
                "{blobs: {centers: 3}} | [{dense: {units: 3}}] | softmax_cross_entropy",
                "moons | [{dense: {units: 1}}] | binary_cross_entropy",
                "moons | [{dense: {units: 2}}] | binary_cross_entropy",
                "{blobs: {centers: 3}} | [{dense: {units: 3}}] | binary_cross_entropy",
                "moons | [{dense: {units: 1, activation: sigmoid}}] | {binary_cross_entropy: {from_logits: false}}",
                "{blobs: {centers: 3}} | [{dense: {units: 3}}, softmax] | {binary_cross_entropy: {from_logits: false}}",
                "moons | [{dense: {units: 1, activation: sigmoid}}] | mse",
                "digits | [{dense: {units: 10, activation: sigmoid}}] | mse",
                "digits | [{dense: {units: 10}}, softmax] | quadratic",
            })
    void validateAcceptsEveryCombinationThatTrains(String combination, @TempDir Path tmp) throws IOException {
        String[] parts = combination.split(" \\| ");
        Path config = Files.writeString(
                tmp.resolve("ok.yaml"),
                "data:\n  dataset: " + parts[0] + "\nmodel:\n  layers: " + parts[1] + "\n  loss: " + parts[2] + "\n");

        Cli cli = Cli.run("validate", config.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains(": OK:");
    }
}
