package dev.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in layer, activation, output kind and preprocessing kind, trained briefly on small data
 * and exported: ONNX Runtime's outputs on the test part equal {@code Network.predict}'s within 1e-5,
 * and its labels equal {@code predictClasses}.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;
    private static final Path EXPORTS = Path.of("target", "onnx-exports");

    /** A model to train: its data, its layers and loss. */
    record Case(String name, Data data, List<Spec> layers, Spec loss) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Data and the preprocessing fitted on it. */
    enum Data {
        BLOBS_STANDARDIZE(true, s -> s.standardize()),
        BLOBS_MINMAX(true, s -> s.minmax()),
        BLOBS_SCALE(true, s -> s.scale(0.25)),
        BLOBS_STANDARDIZE_THEN_SCALE(true, s -> s.standardize().scale(2)),
        BLOBS_NONE(true, s -> s),
        MOONS(true, s -> s.standardize()),
        DIABETES(false, s -> s.standardize()),
        DIABETES_SCALED_TARGETS(false, s -> s.standardize().standardizeTargets()),
        LINNERUD_SCALED_TARGETS(false, s -> s.minmax().standardizeTargets());

        final boolean classification;
        final UnaryOperator<Split> preprocess;

        Data(boolean classification, UnaryOperator<Split> preprocess) {
            this.classification = classification;
            this.preprocess = preprocess;
        }

        Split raw() {
            Dataset d = switch (this) {
                case MOONS -> Datasets.moons(240, 0.2, 5);
                case DIABETES, DIABETES_SCALED_TARGETS -> Datasets.diabetes();
                case LINNERUD_SCALED_TARGETS -> Datasets.linnerud();
                default -> Datasets.blobs(240, 3, 4, 1.5, 5);
            };
            return d.split(0.25, 11);
        }
    }

    private static Spec spec(String name, Object... options) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return Spec.of(name, map);
    }

    private static final Spec SOFTMAX_CE = spec("softmax_cross_entropy");

    /** dense(8), the layer, dense(3), softmax cross-entropy, on standardised blobs. */
    private static Case hidden(String label, Spec layer) {
        return new Case(
                label,
                Data.BLOBS_STANDARDIZE,
                List.of(spec("dense", "units", 8), layer, spec("dense", "units", 3)),
                SOFTMAX_CE);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String activation : List.of(
                "relu",
                "sigmoid",
                "tanh",
                "softsign",
                "softmax",
                "log_softmax",
                "identity",
                "silu",
                "selu",
                "mish",
                "hard_sigmoid",
                "relu6",
                "leaky_relu",
                "elu",
                "gelu",
                "softplus")) {
            cases.add(hidden(activation, spec(activation)));
        }
        cases.add(hidden("leaky_relu slope 0.2", spec("leaky_relu", "slope", 0.2)));
        cases.add(hidden("elu alpha 0.5", spec("elu", "alpha", 0.5)));
        cases.add(hidden("gelu tanh", spec("gelu", "approximate", "tanh")));
        cases.add(hidden("softplus beta 2 threshold 1", spec("softplus", "beta", 2.0, "threshold", 1.0)));
        cases.add(hidden("dropout", spec("dropout", "rate", 0.3)));
        cases.add(hidden("batch_norm", spec("batch_norm")));
        cases.add(hidden("batch_norm without affine", spec("batch_norm", "affine", false, "momentum", 0.5)));
        cases.add(hidden("layer_norm", spec("layer_norm")));
        cases.add(hidden("layer_norm without affine", spec("layer_norm", "affine", false, "eps", 1e-3)));
        cases.add(new Case(
                "dense without bias, activation shorthand",
                Data.BLOBS_STANDARDIZE,
                List.of(spec("dense", "units", 8, "bias", false, "activation", "tanh"), spec("dense", "units", 3)),
                SOFTMAX_CE));
        List<Spec> mlp = List.of(spec("dense", "units", 8), spec("relu"), spec("dense", "units", 3));
        for (Data d :
                List.of(Data.BLOBS_MINMAX, Data.BLOBS_SCALE, Data.BLOBS_STANDARDIZE_THEN_SCALE, Data.BLOBS_NONE)) {
            cases.add(new Case("softmax classifier, " + d, d, mlp, SOFTMAX_CE));
        }
        cases.add(new Case(
                "sigmoid per class (binary_cross_entropy on 3 outputs)",
                Data.BLOBS_STANDARDIZE,
                mlp,
                spec("binary_cross_entropy")));
        cases.add(new Case(
                "softmax last with mse",
                Data.BLOBS_STANDARDIZE,
                List.of(spec("dense", "units", 8), spec("tanh"), spec("dense", "units", 3), spec("softmax")),
                spec("mse")));
        cases.add(new Case(
                "log_softmax last with kl_div",
                Data.BLOBS_STANDARDIZE,
                List.of(spec("dense", "units", 8), spec("relu"), spec("dense", "units", 3), spec("log_softmax")),
                spec("kl_div")));
        cases.add(new Case(
                "binary sigmoid classifier (one output, from logits)",
                Data.MOONS,
                List.of(spec("dense", "units", 8), spec("tanh"), spec("dense", "units", 1)),
                spec("binary_cross_entropy")));
        cases.add(new Case(
                "binary classifier with a sigmoid layer (from_logits false)",
                Data.MOONS,
                List.of(spec("dense", "units", 8), spec("tanh"), spec("dense", "units", 1), spec("sigmoid")),
                spec("binary_cross_entropy", "from_logits", false)));
        List<Spec> regression = List.of(spec("dense", "units", 8), spec("tanh"), spec("dense", "units", 1));
        cases.add(new Case("regression", Data.DIABETES, regression, spec("mse")));
        cases.add(new Case("regression with scaled targets", Data.DIABETES_SCALED_TARGETS, regression, spec("mse")));
        cases.add(new Case(
                "regression of 3 targets with scaled targets, huber",
                Data.LINNERUD_SCALED_TARGETS,
                List.of(spec("dense", "units", 8), spec("gelu"), spec("dense", "units", 3)),
                spec("huber")));
        return cases.stream();
    }

    /** The case trained for a few epochs, with its preprocessing on, and the raw test features. */
    record Trained(Network net, List<String> classNames, Matrix rawTest) {}

    static Trained train(Case c) {
        Split raw = c.data().raw();
        Split split = c.data().preprocess.apply(raw);
        Network.Builder builder =
                Network.builder(split.inputSize()).loss(c.loss()).seed(3).threads(2);
        c.layers().forEach(builder::add);
        builder.targetScaling(split.preprocessing().targetSteps());
        Network net = builder.build();
        Trainer.builder()
                .optimizer(spec("adam", "lr", 0.01))
                .batchSize(32)
                .epochs(4)
                .build()
                .fit(net, split.train());
        List<String> classes = c.data().classification ? split.train().classNames() : List.of();
        return new Trained(
                net.withPreprocessing(split.preprocessing()),
                classes,
                raw.test().features());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeGivesWhatNnPredicts(Case c) throws Exception {
        Trained t = train(c);
        byte[] onnx = OnnxExport.toBytes(t.net(), t.classNames());
        // Kept for ONNX's own checker: /usr/bin/python3 bench/onnx_check.py nn-onnx/target/onnx-exports
        Files.write(
                Files.createDirectories(EXPORTS).resolve(c.name().replaceAll("[^A-Za-z0-9_.-]+", "-") + ".onnx"), onnx);

        Ort.Outputs ort = Ort.run(onnx, t.rawTest());
        Matrix expected = t.net().predict(t.rawTest());

        assertClose(ort.values(), expected, c.name());
        if (c.data().classification) {
            int[] classes = t.net().predictClasses(t.rawTest());
            assertThat(ort.labels())
                    .as(c.name())
                    .containsExactly(Arrays.stream(classes).asLongStream().toArray());
        } else {
            assertThat(ort.labels()).isNull();
        }
    }

    /** Within 1e-5 absolute; for values above 1 (regression in the targets' units), 1e-5 of the value. */
    static void assertClose(Matrix actual, Matrix expected, String what) {
        assertThat(actual.rows()).as(what).isEqualTo(expected.rows());
        assertThat(actual.cols()).as(what).isEqualTo(expected.cols());
        double worst = 0;
        for (int i = 0; i < expected.data().length; i++) {
            double e = expected.data()[i];
            double error = Math.abs(actual.data()[i] - e) / Math.max(1, Math.abs(e));
            worst = Math.max(worst, error);
        }
        assertThat(worst).as(what + ": largest difference (relative above 1)").isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void everyBuiltInLayerHasACase() {
        Set<String> builtIn = PluginRegistry.defaultRegistry().providers(ComponentKind.LAYER).values().stream()
                .filter(p -> p.getClass().getName().startsWith("dev.nn.plugins."))
                .map(p -> p.name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases().flatMap(c -> c.layers().stream())
                .map(Spec::name)
                .collect(Collectors.toCollection(TreeSet::new));
        cases().flatMap(c -> c.layers().stream())
                .map(s -> s.options().get("activation"))
                .filter(a -> a instanceof String)
                .forEach(a -> covered.add((String) a));
        assertThat(builtIn).hasSizeGreaterThanOrEqualTo(20);
        assertThat(covered).containsAll(builtIn);
    }

    @Test
    void theBatchDimensionIsOpen() throws Exception {
        Trained t = train(
                cases().filter(c -> c.name().equals("batch_norm")).findFirst().orElseThrow());
        byte[] onnx = OnnxExport.toBytes(t.net(), t.classNames());
        for (int rows : new int[] {1, 7, t.rawTest().rows()}) {
            Matrix x = Matrix.wrap(
                    rows,
                    t.rawTest().cols(),
                    Arrays.copyOf(t.rawTest().data(), rows * t.rawTest().cols()));
            assertClose(Ort.run(onnx, x).values(), t.net().predict(x), rows + " rows");
        }
    }

    @Test
    void theFileIsIr8Opset13WithProvenanceInItsMetadata(@TempDir Path dir) throws Exception {
        Trained t =
                train(cases().filter(c -> c.name().equals("gelu")).findFirst().orElseThrow());
        ModelInfo info = new ModelInfo(
                t.classNames(),
                t.net().preprocessing(),
                new java.util.LinkedHashMap<>(Map.of("name", "blobs-mlp")),
                "0.1.0-SNAPSHOT",
                3,
                "vector",
                "crc32:0badf00d",
                "2026-12-01T00:00:00Z");
        Path file = dir.resolve("blobs.onnx");
        OnnxExport.write(new SavedModel(t.net(), info), file);

        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertThat(model.getIrVersion()).isEqualTo(8);
        assertThat(model.getOpsetImportList()).singleElement().satisfies(o -> {
            assertThat(o.getDomain()).isEmpty();
            assertThat(o.getVersion()).isEqualTo(13);
        });
        assertThat(model.getProducerName()).isEqualTo("nn");
        assertThat(model.getGraph().getName()).isEqualTo("blobs-mlp");
        Map<String, String> meta = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(meta)
                .containsEntry("nn_version", "0.1.0-SNAPSHOT")
                .containsEntry("seed", "3")
                .containsEntry("data_checksum", "crc32:0badf00d")
                .containsEntry("class_names", "[\"0\",\"1\",\"2\"]")
                .containsEntry("task", "classification")
                .containsEntry("preprocessing", "[\"standardize\"]")
                .containsEntry("config", "{\"name\":\"blobs-mlp\"}")
                .containsKey("network");
        // The exact GELU written out: no operator newer than opset 13.
        assertThat(model.getGraph().getNodeList().stream().map(NodeProto::getOpType))
                .contains("Erf")
                .doesNotContain("Gelu");
        assertThat(model.getGraph()
                        .getInput(0)
                        .getType()
                        .getTensorType()
                        .getShape()
                        .getDim(0)
                        .getDimParam())
                .isEqualTo("batch");
        assertThat(model.getGraph().getOutputList().stream().map(o -> o.getName()))
                .containsExactly("probabilities", "label");
        // And the file runs.
        assertClose(
                Ort.run(Files.readAllBytes(file), t.rawTest()).values(), t.net().predict(t.rawTest()), "file");
    }

    @Test
    void aPluginLayerWithoutAnOnnxDescriptionIsRefusedNamingItsPlaceAndJar() {
        Network net = Network.builder(4)
                .add(spec("dense", "units", 5, "activation", "relu"))
                .add(spec("doubling"))
                .add(spec("dense", "units", 3))
                .loss(SOFTMAX_CE)
                .build();
        Path jar = Path.of("target", "test-classes").toAbsolutePath();

        assertThatThrownBy(() -> OnnxExport.toBytes(net, List.of("a", "b", "c")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.layers[1]: layer 3 of 4 (doubling) has no ONNX description, so the model cannot be"
                        + " exported to ONNX; it comes from " + jar
                        + ", whose layer would need to implement dev.nn.api.OnnxExportable (SPI 1.5)");
    }

    @Test
    void aPluginLossThatChangesPredictionsWithoutAnOnnxDescriptionIsRefusedNamingItsJar() {
        Network net = Network.builder(4)
                .add(spec("dense", "units", 2))
                .loss(spec("halved_mse"))
                .build();
        Path jar = Path.of("target", "test-classes").toAbsolutePath();

        assertThatThrownBy(() -> OnnxExport.toBytes(net, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.loss: loss halved_mse turns outputs into predictions (toPrediction) but has no ONNX"
                        + " description, so the model cannot be exported to ONNX; it comes from " + jar
                        + ", whose loss would need to implement dev.nn.api.OnnxExportable (SPI 1.5)");
        // A loss that leaves its outputs as they are (mse) needs none.
        Network plain = Network.builder(4)
                .add(spec("dense", "units", 2))
                .loss(spec("mse"))
                .build();
        assertThat(OnnxExport.toBytes(plain, List.of())).isNotEmpty();
    }
}
