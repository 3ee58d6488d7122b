package dev.nn.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged nn.jar, run as bin/nn runs it: a plain shade would let the service files of
 * nn-core and nn-plugins overwrite each other and silently lose providers.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "nn.jar");

    private static String run(Path workDir, String... args) throws IOException, InterruptedException {
        Result result = exec(workDir, args);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {}

    private static Result exec(Path workDir, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(
                java.toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void aPluginJarLoadedByTheShadedJarSeesTheApiButNoneOfTheLibrariesBundledWithIt(@TempDir Path dir)
            throws Exception {
        String provider = "com.example.ScalerProvider";
        new PluginJarBuilder()
                .source(provider, PluginJarBuilder.scaler(provider, "scaler", "", ""))
                .service(dev.nn.api.LayerProvider.class, provider)
                .build(dir.resolve("plugins/scaler.jar"));
        assertThat(run(dir, "plugins", "--kind", "layer", "--plugins", "plugins"))
                .contains("  scaler - multiplies every value by a factor  ["
                        + dir.resolve("plugins/scaler.jar").toRealPath() + "]");

        // nn.jar bundles SnakeYAML; a plugin that reaches for it without bringing its own does not find it.
        new PluginJarBuilder()
                .compiledAgainst(org.yaml.snakeyaml.Yaml.class)
                .source(provider, PluginJarBuilder.scaler(provider, "scaler", "", "new org.yaml.snakeyaml.Yaml();"))
                .service(dev.nn.api.LayerProvider.class, provider)
                .build(dir.resolve("borrows/scaler.jar"));
        Result borrows = exec(dir, "plugins", "--plugins", "borrows");
        assertThat(borrows.exitCode()).as(borrows.output()).isEqualTo(2);
        assertThat(borrows.output()).contains("class org.yaml.snakeyaml.Yaml is missing");
    }

    @Test
    void theShadedJarFindsEveryProviderOfEveryModule(@TempDir Path dir) throws Exception {
        String plugins = run(dir, "plugins");
        for (String name : List.of(
                "dense", "relu", "softmax_cross_entropy", "sgd", "he_normal", "cosine", "digits", "idx", "scalar")) {
            assertThat(plugins).contains("  " + name + " - ");
        }
    }

    @Test
    void theShadedJarTrainsTheDefaultPipeline(@TempDir Path dir) throws Exception {
        Path config = Path.of("..", "configs", "digits.yaml").toAbsolutePath();
        String output = run(dir, "train", config.toString(), "--out", "run", "--set", "train.epochs=3");
        assertThat(output).contains("Test accuracy");
        assertThat(dir.resolve("run/metrics.json")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("run/run.log"))).contains("epoch 3/3");
        // The plots draw in the packaged jar (which leaves XChart's PDF and SVG back ends out) without a display.
        for (String plot : List.of("loss", "accuracy", "confusion", "weights")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                    dir.resolve("run/" + plot + ".png").toFile());
            assertThat(image).as(plot).isNotNull();
            assertThat(image.getWidth()).as(plot).isGreaterThan(300);
        }
        assertThat(Files.readString(dir.resolve("run/report.html"))).contains("<img src=\"./loss.png\"");
        assertThat(run(dir, "report", "run")).contains("Report: run");
    }
}
