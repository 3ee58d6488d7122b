package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.runner.PluginJarBuilder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn export}: the model of every shipped config, trained for one epoch, exported and run in
 * ONNX Runtime on the config's test part, gives what {@code nn predict} gives; and the errors a
 * person can make are one line each.
 */
class ExportCommandTest {

    @Test
    void everyShippedConfigsModelExportsAndOnnxRuntimeGivesWhatNnPredicts(@TempDir Path tmp) throws Exception {
        OtherCommandsTest.copyFixtures(tmp);
        List<Path> configs = OtherCommandsTest.configs();
        assertThat(configs).hasSizeGreaterThanOrEqualTo(10);
        List<String> exported = new ArrayList<>();
        for (Path config : configs) {
            // Fashion-MNIST's configs read the tiny copies under data/, so they run whether or not Debian's set is
            // installed.
            String yaml = Files.readString(config).replace("/usr/share/datasets/fashion-mnist/", "data/tiny-");
            String name = config.getFileName().toString().replace(".yaml", "");
            Path copy = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
            Path run = tmp.resolve("runs").resolve(name);
            List<String> overrides = List.of("train.epochs=1", "report.plots=[]");
            List<String> args = new ArrayList<>(List.of("train", copy.toString(), "--out", run.toString()));
            overrides.forEach(o -> args.addAll(List.of("--set", o)));
            Cli train = Cli.run(args.toArray(String[]::new));
            assertThat(train.exitCode()).as(config + ": " + train.err()).isZero();

            Path onnx = tmp.resolve(name + ".onnx");
            Cli export = Cli.run(
                    "export", run.resolve("model.zip").toString(), "--format", "onnx", "--out", onnx.toString());
            assertThat(export.exitCode()).as(config + ": " + export.err()).isZero();
            assertThat(export.out()).startsWith(onnx + ": ONNX model (opset 13, IR 8), input features [batch, ");

            SavedModel saved = ModelFile.load(run.resolve("model.zip"));
            Dataset test = PipelineSession.open(copy, overrides, List.of())
                    .pipeline
                    .rawData()
                    .test();
            Matrix x = saved.network().preprocessing().hasTable()
                    ? saved.network().preprocessing().table().apply(test).features()
                    : test.features();
            Matrix expected = saved.predict(x);
            float[][] actual =
                    run(Files.readAllBytes(onnx), x, saved.info().classNames().isEmpty());
            double worst = 0;
            for (int r = 0; r < x.rows(); r++) {
                for (int c = 0; c < expected.cols(); c++) {
                    double e = expected.get(r, c);
                    worst = Math.max(worst, Math.abs(actual[r][c] - e) / Math.max(1, Math.abs(e)));
                }
            }
            assertThat(worst)
                    .as(config + ": largest difference over " + x.rows() + " test rows")
                    .isLessThanOrEqualTo(1e-5);
            exported.add(name);
        }
        assertThat(exported).contains("digits", "iris", "diabetes", "fashion-mnist-bn");
    }

    /** The float output of the exported model in ONNX Runtime. */
    private static float[][] run(byte[] model, Matrix x, boolean regression) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor input =
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {x.rows(), x.cols()});
                OrtSession.Result result = session.run(Map.of("features", input))) {
            return (float[][]) result.get(regression ? "predictions" : "probabilities")
                    .orElseThrow()
                    .getValue();
        }
    }

    @Test
    void aWrongFormatAMissingModelAndAMissingOutAreOneLineEach(@TempDir Path tmp) {
        Cli format = Cli.run(
                "export",
                "model.zip",
                "--format",
                "tflite",
                "--out",
                tmp.resolve("m.onnx").toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).isEqualTo("nn: --format: 'tflite' is not a format nn exports to; use --format onnx\n");

        Path missing = tmp.resolve("no/such/model.zip");
        Cli model = Cli.run(
                "export", missing.toString(), "--out", tmp.resolve("m.onnx").toString());
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err())
                .startsWith("nn: " + missing)
                .doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(tmp.resolve("m.onnx")).doesNotExist();

        Cli out = Cli.run("export", "model.zip");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).startsWith("Missing required option: '--out=FILE'");
    }

    @Test
    void aModelWithAPluginLayerWithoutAnOnnxDescriptionIsRefusedNamingTheLayerAndItsJar(@TempDir Path tmp)
            throws Exception {
        String provider = "com.example.ScalerProvider";
        Path jar = new PluginJarBuilder()
                .source(provider, PluginJarBuilder.scaler(provider, "scaler", "", ""))
                .service(dev.nn.api.LayerProvider.class, provider)
                .build(tmp.resolve("plugins/scaler.jar"));
        Path config = Files.writeString(tmp.resolve("scaled.yaml"), """
                data:
                  dataset: {moons: {samples: 200}}
                model:
                  layers: [{dense: {units: 4, activation: tanh}}, scaler, {dense: {units: 2}}]
                  loss: softmax_cross_entropy
                train:
                  epochs: 1
                report:
                  plots: []
                """);
        Path plugins = tmp.resolve("plugins");
        Cli train = Cli.run(
                "train",
                config.toString(),
                "--plugins",
                plugins.toString(),
                "--out",
                tmp.resolve("run").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path model = tmp.resolve("run/model.zip");
        Path onnx = tmp.resolve("scaled.onnx");

        Cli export = Cli.run("export", model.toString(), "--plugins", plugins.toString(), "--out", onnx.toString());

        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err())
                .isEqualTo("nn: " + model + ": model.layers[1]: layer 3 of 4 (scaler) has no ONNX description, so the"
                        + " model cannot be exported to ONNX; it comes from "
                        + jar.toAbsolutePath().normalize()
                        + ", whose layer would need to implement dev.nn.api.OnnxExportable (SPI 1.5)\n");
        assertThat(onnx).doesNotExist();
    }
}
