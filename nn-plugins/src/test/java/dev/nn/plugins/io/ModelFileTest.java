package dev.nn.plugins.io;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Initializers.uniform;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static dev.nn.plugins.Optimizers.sgd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Preprocessing;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading real trained networks built from the built-in plugins. */
class ModelFileTest {
    private static final long SEED = 3;
    private static Split split;
    private static Network net;
    private static ModelInfo info;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        Dataset blobs = Datasets.blobs(150, 3, 5, 1.5, 4);
        split = blobs.split(0.2, SEED).standardize();
        net = Network.builder(5)
                .add(dense(8).init(uniform(-1, 1)).activation("tanh"))
                .add(dropout(0.2))
                .add(dense(3).bias(false))
                .add(relu())
                .add(dense(3))
                .loss(softmaxCrossEntropy())
                .seed(SEED)
                .threads(1)
                .build();
        Trainer.builder()
                .optimizer(sgd(0.05).momentum(0.9))
                .batchSize(10)
                .epochs(3)
                .build()
                .fit(net, split.train());
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("optimizer", Map.of("sgd", Map.of("lr", 0.05, "momentum", 0.9)));
        train.put("epochs", 3);
        train.put("schedule", null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "blobs");
        config.put("seed", 3);
        config.put("train", train);
        config.put("report", Map.of("plots", List.of("loss", "confusion")));
        config.put("tiny", 1.0E-10);
        config.put("huge", 12345678901L);
        config.put("created", "2025-02-03T04:05:06Z");
        info = new ModelInfo(
                blobs.classNames(),
                split.preprocessing(),
                config,
                "0.1.0-SNAPSHOT",
                SEED,
                net.engine().name(),
                split.train().checksum(),
                "2025-02-03T04:05:06.789Z");
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelFile.save(net, info, file);
        return file;
    }

    @Test
    void aLoadedModelPredictsBitForBitWhatTheTrainedOneDid() throws IOException {
        SavedModel loaded = ModelFile.load(saved(), PluginRegistry.defaultRegistry(), 2);

        Matrix x = split.test().features();
        // The loaded network applies the file's preprocessing itself, so it takes raw inputs.
        Matrix raw = Datasets.blobs(150, 3, 5, 1.5, 4).features();
        assertThat(loaded.network().predict(raw)).isEqualTo(net.predict(split.preprocess(raw)));
        assertThat(loaded.network().withPreprocessing(Preprocessing.NONE).predict(x))
                .isEqualTo(net.predict(x));
        assertThat(loaded.network().parameters()).hasSameSizeAs(net.parameters());
        for (int i = 0; i < net.parameters().size(); i++) {
            assertThat(loaded.network().parameters().get(i).value())
                    .isEqualTo(net.parameters().get(i).value());
        }
        assertThat(loaded.info()).isEqualTo(info);
        assertThat(loaded.network().summary()).isEqualTo(net.summary());
        assertThat(loaded.network().seed()).isEqualTo(SEED);
    }

    @Test
    void theJavaVersionOsAndArchitectureItWasMadeOnAreRecorded() throws IOException {
        // Results depend on the platform's Math.exp, so a model says where it was made.
        Path file = saved();
        ModelInfo loaded = ModelFile.load(file).info();

        assertThat(loaded.javaVersion()).isEqualTo(Runtime.version().toString());
        assertThat(loaded.os()).isEqualTo(System.getProperty("os.name"));
        assertThat(loaded.arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(loaded.platform())
                .isEqualTo("Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String yaml =
                    new String(zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).contains("\njava_version: " + Runtime.version() + "\n", "\nos: ", "\narch: ");
        }
    }

    @Test
    void aModelRecordsThePlatformItsInfoNames() throws IOException {
        ModelInfo elsewhere = new ModelInfo(
                info.classNames(),
                info.preprocessing(),
                info.config(),
                info.nnVersion(),
                SEED,
                info.engine(),
                info.dataChecksum(),
                info.created(),
                "21.0.2+13",
                "Mac OS X",
                "aarch64");
        Path file = dir.resolve("other.zip");
        ModelFile.save(net, elsewhere, file);

        assertThat(ModelFile.load(file).info()).isEqualTo(elsewhere);
        assertThat(elsewhere.withCreated("2026-01-01T00:00:00Z").platform())
                .isEqualTo("Java 21.0.2+13, Mac OS X aarch64");
    }

    @Test
    void savedModelPredictAppliesTheFittedPreprocessing() throws IOException {
        SavedModel loaded = ModelFile.load(saved());
        Matrix raw = Datasets.blobs(150, 3, 5, 1.5, 4).features();

        assertThat(loaded.preprocess(raw)).isEqualTo(split.preprocess(raw));
        assertThat(loaded.predict(raw)).isEqualTo(net.predict(split.preprocess(raw)));
        assertThat(loaded.predictClasses(raw)).containsExactly(net.predictClasses(split.preprocess(raw)));
        assertThat(loaded.predict(raw)).isNotEqualTo(net.predict(raw));
    }

    @Test
    void modelYamlIsThePipelinesOwnSchema() throws IOException {
        String yaml = entryText(saved(), "model.yaml");

        assertThat(yaml).contains("""
                model:
                  layers:
                  - dense:
                      units: 8
                      init:
                        uniform:
                          low: -1.0
                          high: 1.0
                      activation: tanh
                  - dropout:
                      rate: 0.2
                  - dense:
                      units: 3
                      bias: false
                  - relu
                  - dense:
                      units: 3
                  loss: softmax_cross_entropy
                """);
        assertThat(yaml)
                .contains(
                        "format_version: 3\n",
                        "input_size: 5\n",
                        "seed: 3\n",
                        "nn_version: 0.1.0-SNAPSHOT\n",
                        "created: '2025-02-03T04:05:06.789Z'\n",
                        "- name: layers[0].weights\n  rows: 5\n  cols: 8\n",
                        // No layer keeps buffers here; the list is empty.
                        "buffers: []\n",
                        "- name: layers[3].weights\n  rows: 8\n  cols: 3\n",
                        "class_names:\n- '0'\n- '1'\n- '2'\n",
                        "- kind: standardize\n  shift:\n  - ",
                        "data_checksum: " + info.dataChecksum() + "\n");
        assertThat(yaml).doesNotContain("!!");
    }

    @Test
    void savingTheSameModelTwiceGivesTheSameBytes() throws IOException {
        byte[] first = Files.readAllBytes(saved());
        Path again = dir.resolve("again.zip");
        ModelFile.save(net, info, again);

        assertThat(Files.readAllBytes(again)).isEqualTo(first);
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNothingElse() throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "an older model");
        ModelFile.save(net, info, file);

        assertThat(ModelFile.load(file).info()).isEqualTo(info);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedSaveLeavesTheExistingModelAndNoTemporaryFile() throws IOException {
        Path file = saved();
        byte[] before = Files.readAllBytes(file);
        // A config value no YAML can hold: detected only while model.yaml is written, after params.bin.
        Map<String, Object> config = new LinkedHashMap<>(info.config());
        config.put("listener", new Object());
        ModelInfo unwritable = new ModelInfo(
                info.classNames(),
                info.preprocessing(),
                config,
                info.nnVersion(),
                SEED,
                info.engine(),
                info.dataChecksum(),
                info.created());

        assertThatThrownBy(() -> ModelFile.save(net, unwritable, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save the model: config.listener is a java.lang.Object; model files hold only maps,"
                        + " lists, strings, int, long, double, booleans, paths and component specs");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aLayerOptionAModelFileCannotHoldIsNamed() {
        // The registry accepts any Number for a number option; a model file stores int, long and double only.
        Network odd = Network.builder(5)
                .add(dense(3))
                .add(dropout(0.2).with("rate", new java.math.BigDecimal("0.25")))
                .add(dense(2))
                .loss(softmaxCrossEntropy())
                .seed(SEED)
                .build();
        ModelInfo plain =
                new ModelInfo(List.of(), Preprocessing.NONE, Map.of(), "0.1.0-SNAPSHOT", SEED, "scalar", "", "now");

        assertThatThrownBy(() -> ModelFile.save(odd, plain, dir.resolve("odd.zip")))
                .hasMessageStartingWith(
                        "cannot save the model: model.layers[1].dropout.rate is a java.math.BigDecimal;");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void infoMustRecordTheSeedTheNetworkWasBuiltWith() {
        ModelInfo other =
                new ModelInfo(List.of(), Preprocessing.NONE, Map.of(), "0.1.0-SNAPSHOT", 99, "scalar", "", "now");

        assertThatThrownBy(() -> ModelFile.save(net, other, dir.resolve("m.zip")))
                .hasMessage("the model info says seed 99 but the network was built with seed 3;"
                        + " record the seed the network was built with");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aTruncatedFileIsNotLoaded() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(loadFails(file))
                .isEqualTo("the zip archive is truncated or damaged (it ends before the zip's table of"
                        + " contents, so it was cut short); save the model again");
    }

    @Test
    void damagedCompressedDataIsReportedForItsEntry() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        int params = localData(bytes, "params.bin");
        int yaml = localData(bytes, "model.yaml");
        Path file = dir.resolve("damaged.zip");

        byte[] inParams = bytes.clone();
        inParams[params + 30] ^= 0x40;
        Files.write(file, inParams);
        assertThat(loadFails(file))
                .startsWith("params.bin in the zip is damaged (")
                .endsWith("); save the model again");

        byte[] inYaml = bytes.clone();
        inYaml[yaml + 100] ^= 0x40;
        Files.write(file, inYaml);
        assertThat(loadFails(file))
                .startsWith("model.yaml in the zip is damaged (")
                .endsWith("); save the model again");
    }

    @Test
    void aLayerTooLargeForOneArrayInModelYamlIsRefusedBeforeAllocating() throws IOException {
        Path file = saved();
        rewriteYaml(file, yaml -> yaml.replace("units: 8", "units: 2000000000"));

        assertThat(loadFails(file))
                .isEqualTo("model.yaml model.layers[0].dense: a 5x2000000000 matrix is too large for one" + " array");
    }

    @Test
    void tamperedParametersFailTheChecksum() throws IOException {
        Path file = saved();
        rewrite(file, "params.bin", bytes -> {
            bytes[bytes.length - 1] ^= 1;
            return bytes;
        });

        assertThat(loadFails(file))
                .isEqualTo("params.bin does not match its checksum: the file is damaged or was modified");
    }

    @Test
    void aNewerFormatVersionAsksForANewerNn() throws IOException {
        Path file = saved();
        rewriteYaml(file, yaml -> yaml.replace("format_version: 3", "format_version: 4"));

        assertThat(loadFails(file)).isEqualTo("written by a newer nn (format 4); this nn reads format 3: upgrade nn");
    }

    @Test
    void anUnknownLayerGivesTheRegistrysMessage() throws IOException {
        Path file = saved();
        rewriteYaml(file, yaml -> yaml.replace("- relu\n", "- rellu\n"));

        assertThat(loadFails(file))
                .startsWith("model.yaml model.layers[3]: unknown layer 'rellu' (did you mean 'relu'?);"
                        + " known layers: batch_norm, dense, dropout, ");
    }

    @Test
    void aLayerThatNoLongerFitsItsParametersIsAShapeMismatch() throws IOException {
        Path file = saved();
        rewriteYaml(file, yaml -> yaml.replace("units: 8", "units: 9"));

        assertThat(loadFails(file))
                .isEqualTo("the network described in model.yaml needs layers[0].weights 5x9"
                        + " but params.bin holds layers[0].weights 5x8; the file is inconsistent (was model.yaml edited?):"
                        + " save the model again");
    }

    @Test
    void aParameterListThatDisagreesWithParamsBinIsRejected() throws IOException {
        Path file = saved();
        rewriteYaml(file, yaml -> yaml.replace("  rows: 5\n  cols: 8\n", "  rows: 5\n  cols: 9\n"));

        assertThat(loadFails(file))
                .startsWith("model.yaml lists the arrays [layers[0].weights 5x9, layers[0].bias 1x8,")
                .contains("but params.bin holds [layers[0].weights 5x8, layers[0].bias 1x8,")
                .endsWith("; the file is inconsistent: save the model again");
    }

    @Test
    void everyTruncationIsAConfigError() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        Path cut = dir.resolve("cut.zip");
        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 97)) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> ModelFile.load(cut))
                    .as("cut at %d of %d bytes", length, bytes.length)
                    .isInstanceOf(ConfigException.class);
        }
    }

    @Test
    void aFlippedByteAnywhereIsAConfigErrorOrChangesNothingNnReads() throws IOException {
        Path original = saved();
        byte[] bytes = Files.readAllBytes(original);
        Matrix raw = Datasets.blobs(150, 3, 5, 1.5, 4).features();
        Path flipped = dir.resolve("flipped.zip");
        for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 211)) {
            byte[] copy = bytes.clone();
            copy[at] ^= (byte) 0x5a;
            Files.write(flipped, copy);
            try {
                // Only zip metadata nn does not use (local headers, entry times) may be damaged unnoticed.
                SavedModel loaded = ModelFile.load(flipped);
                assertThat(loaded.info()).as("flip at byte %d", at).isEqualTo(info);
                assertThat(loaded.predict(raw)).as("flip at byte %d", at).isEqualTo(net.predict(split.preprocess(raw)));
            } catch (ConfigException expected) {
                assertThat(expected.problems())
                        .allSatisfy(p -> assertThat(p.where()).isEqualTo(flipped.toString()));
            }
        }
    }

    private static String loadFails(Path file) {
        try {
            ModelFile.load(file);
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).where()).isEqualTo(file.toString());
            return e.problems().get(0).message();
        } catch (IOException e) {
            throw new AssertionError("expected a ConfigException, got " + e, e);
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }

    /** Where the compressed data of {@code entry} starts: after its local header, the name and the extra field. */
    private static int localData(byte[] zip, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 30 + name.length <= zip.length; at++) {
            boolean header = zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 3 && zip[at + 3] == 4;
            int nameLength = (zip[at + 26] & 0xff) | (zip[at + 27] & 0xff) << 8;
            int extraLength = (zip[at + 28] & 0xff) | (zip[at + 29] & 0xff) << 8;
            if (header
                    && nameLength == name.length
                    && java.util.Arrays.equals(zip, at + 30, at + 30 + name.length, name, 0, name.length)) {
                return at + 30 + nameLength + extraLength;
            }
        }
        throw new AssertionError("no local header for " + entry);
    }

    private static String entryText(Path file, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void rewriteYaml(Path file, UnaryOperator<String> edit) throws IOException {
        rewrite(file, "model.yaml", bytes -> {
            String before = new String(bytes, StandardCharsets.UTF_8);
            String after = edit.apply(before);
            assertThat(after).as("the edit changes model.yaml").isNotEqualTo(before);
            return after.getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Rewrites one entry of a zip, keeping the others, as someone editing a model file would. */
    private static void rewrite(Path file, String name, UnaryOperator<byte[]> edit) throws IOException {
        ZipEntries.rewrite(file, name, edit);
    }
}
