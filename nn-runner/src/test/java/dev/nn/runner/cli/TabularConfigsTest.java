package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configs of the bundled tables, configs/tabular/: each one loads and trains for one
 * epoch, and trained as shipped reaches exactly the test figure its comment states beside
 * scikit-learn's (so the comment cannot go stale when nn or the config changes).
 */
class TabularConfigsTest {
    private static final Path TABULAR = TrainCommandTest.CONFIGS.resolve("tabular");
    /** The comment line with nn's figure: {@code #   nn: test accuracy 0.9667} or {@code #   nn: test R2 0.4573 ...}. */
    private static final Pattern NN_FIGURE = Pattern.compile("(?m)^#   nn: test (accuracy|R2) (-?[0-9.]+)");

    private static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.list(TABULAR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thereIsAConfigForEachBundledTable() throws IOException {
        assertThat(configs().stream().map(p -> p.getFileName().toString()))
                .containsExactly("breast_cancer.yaml", "diabetes.yaml", "iris.yaml", "linnerud.yaml", "wine.yaml");
    }

    @Test
    void everyConfigLoadsAndTrainsForOneEpoch(@TempDir Path tmp) throws IOException {
        for (Path config : configs()) {
            Path run = tmp.resolve(config.getFileName().toString().replace(".yaml", ""));

            Cli cli = Cli.run("train", config.toString(), "--out", run.toString(), "--set", "train.epochs=1");

            assertThat(cli.exitCode()).as(config + ": " + cli.err()).isZero();
            Map<String, Object> metrics = TrainCommandTest.json(run.resolve("metrics.json"));
            assertThat(metrics.get("epochs")).as(config.toString()).isEqualTo(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> test = (Map<String, Object>) metrics.get("test");
            assertThat(test).as(config.toString()).containsKey("examples");
            assertThat(test.containsKey("accuracy") || test.containsKey("r2"))
                    .as(config + ": a test accuracy or R2")
                    .isTrue();
        }
    }

    @Test
    void trainedAsShippedEachConfigReachesTheFigureItsCommentStates(@TempDir Path tmp) throws IOException {
        for (Path config : configs()) {
            String yaml = Files.readString(config);
            Matcher claimed = NN_FIGURE.matcher(yaml);
            assertThat(claimed.find()).as(config + " states nn's test figure").isTrue();
            assertThat(yaml).as(config + " states scikit-learn's").contains("#   scikit-learn 1.2.1: ");
            Path run = tmp.resolve(config.getFileName().toString().replace(".yaml", ""));

            Cli cli = Cli.run("train", config.toString(), "--out", run.toString());

            assertThat(cli.exitCode()).as(config + ": " + cli.err()).isZero();
            Map<?, ?> test = (Map<?, ?>)
                    TrainCommandTest.json(run.resolve("metrics.json")).get("test");
            boolean r2 = claimed.group(1).equals("R2");
            double figure = ((Number) test.get(r2 ? "r2" : "accuracy")).doubleValue();
            double stated = Double.parseDouble(claimed.group(2));
            // The same bits on any thread count; another processor's vector width may round otherwise,
            // so a figure may move by one test example's worth, or R2 by 0.02.
            double tolerance = r2 ? 0.02 : 1.0 / ((Number) test.get("examples")).intValue() + 1e-9;
            assertThat(figure)
                    .as(
                            "%s: nn's figure %s, the comment says %s",
                            config, String.format(Locale.ROOT, "%.4f", figure), stated)
                    .isCloseTo(stated, org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
