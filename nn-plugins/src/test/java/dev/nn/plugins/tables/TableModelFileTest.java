package dev.nn.plugins.tables;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.mse;
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
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Optimizers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of a table in its model file: the encoding (columns, fill values, vocabularies, the texts
 * meaning "missing") and the target scaling are recorded readably, load without the reader, and
 * predict from raw rows what the trained network did; a damaged record is one line naming the key.
 */
class TableModelFileTest {
    private static Split split;
    private static Dataset rawTest;
    private static Network net;
    private static ModelInfo info;

    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        Split raw = Houses.withTest(150, 50, 5).split(0, 7);
        rawTest = raw.test();
        split = raw.encodeTable().standardize().standardizeTargets();
        net = Network.builder(split.inputSize())
                .add(dense(8).activation("tanh"))
                .add(dense(1))
                .loss(mse())
                .seed(2)
                .threads(1)
                .targetScaling(split.preprocessing().targetSteps())
                .build();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(16)
                .epochs(3)
                .build()
                .fit(net, split.train());
        info = new ModelInfo(
                List.of(), split.preprocessing(), Map.of(), "0.1.0-SNAPSHOT", 2, "scalar", "", "2025-01-01T00:00:00Z");
    }

    private static Path saved(String name) throws IOException {
        Path file = dir.resolve(name);
        ModelFile.save(net, info, file);
        return file;
    }

    private static Map<String, Object> row(int r) {
        Map<String, Object> row = new HashMap<>();
        List<String> cities = Houses.CITIES;
        float[] x = rawTest.features().row(r);
        row.put("rooms", Float.isNaN(x[0]) ? null : (int) x[0]);
        row.put("city", Float.isNaN(x[1]) ? null : cities.get((int) x[1]));
        row.put("garden", Float.isNaN(x[2]) ? null : x[2] == 1);
        row.put("area", x[3]);
        return row;
    }

    @Test
    void aLoadedTableModelPredictsFromEncodedAndFromRawRowsWhatTheTrainedOneDid() throws IOException {
        SavedModel loaded = ModelFile.load(saved("houses.zip"));
        Preprocessing p = loaded.info().preprocessing();

        assertThat(p).isEqualTo(split.preprocessing());
        assertThat(loaded.formatVersion()).isEqualTo(3);
        Matrix expected = net.predictions(split.test());
        assertThat(loaded.predict(p.table().apply(rawTest).features()).data()).containsExactly(expected.data());
        assertThat(loaded.preprocess(rawTest).features().data())
                .containsExactly(split.test().features().data());
        for (int r = 0; r < rawTest.size(); r++) {
            assertThat(loaded.predict(row(r))).as("row %d", r).containsExactly(expected.get(r, 0));
            assertThat(Network.load(dir.resolve("houses.zip")).predict(row(r))).containsExactly(expected.get(r, 0));
        }
        // In the targets' units: prices in the hundreds, not standard scores.
        assertThat(expected.get(0, 0)).isGreaterThan(100);
    }

    @Test
    void modelYamlRecordsTheTableAndTheTargetScalingReadably() throws IOException {
        String yaml = entry(saved("readable.zip"));
        float[] shift = split.preprocessing().targetSteps().get(0).shift();

        assertThat(yaml)
                .contains(
                        """
                        table:
                          missing_values:
                          - ''
                          - NA
                          - N/A
                          - NaN
                          - 'null'
                          - '?'
                          target_names:
                          - price
                          columns:
                          - name: rooms
                            type: number
                            missing: median
                            fill: 4.0
                          - name: city
                            type: category
                            missing: most_frequent
                            fill: Berlin
                            unseen: zeros
                            vocabulary:
                            - Paris
                            - Berlin
                            - Rome
                          - name: garden
                            type: boolean
                            missing: most_frequent
                            fill: 1.0
                          - name: area
                            type: number
                            missing: mean
                            fill: %s
                          features:
                          - rooms
                          - city=Paris
                          - city=Berlin
                          - city=Rome
                          - garden
                          - area
                        """.formatted(
                                split.preprocessing().table().columns().get(3).fill()),
                        "target_preprocess:\n- kind: standardize\n  shift:\n  - " + shift[0] + "\n  scale:\n  - ");
    }

    @Test
    void aDamagedTableRecordIsOneLineNamingModelYamlAndTheKey() throws IOException {
        Map<UnaryOperator<String>, String> edits = new LinkedHashMap<>();
        edits.put(
                y -> y.replace("type: category", "type: town"),
                "model.yaml: table.columns[1].type must be one of number, category, boolean, got \"town\"");
        edits.put(
                y -> y.replace("  - city=Rome\n", ""),
                "model.yaml: table.features lists 5 features, but its columns give 6 ([rooms, city=Paris,"
                        + " city=Berlin, city=Rome, garden, area])");
        edits.put(
                y -> y.replace("fill: Berlin", "fill: Oslo"),
                "model.yaml: table.columns[1]: column 'city' fills a missing cell with 'Oslo', which is not in its"
                        + " vocabulary [Paris, Berlin, Rome]");
        edits.put(
                y -> y.replace("    missing: median\n    fill: 4.0\n", "    missing: median\n"),
                "model.yaml has no table.columns[0].fill");
        edits.put(
                y -> y.replace(
                        "target_preprocess:\n- kind: standardize\n  shift:\n",
                        "target_preprocess:\n-" + " kind: standardize\n  shift:\n  - 1.0\n"),
                "target_preprocess[0] has 2 shift and 1 scale values; it needs one of each per target");
        edits.put(
                y -> y.replace("unseen: zeros", "unseen: maybe"),
                "model.yaml: table.columns[1].unseen must be one of zeros, error, got \"maybe\"");
        int i = 0;
        for (Map.Entry<UnaryOperator<String>, String> edit : edits.entrySet()) {
            Path file = saved("damaged-" + i++ + ".zip");
            rewriteYaml(file, edit.getKey());
            assertThatThrownBy(() -> ModelFile.load(file))
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.problems()).hasSize(1);
                        assertThat(e.problems().get(0).where()).isEqualTo(file.toString());
                    })
                    .hasMessage(file + ": " + edit.getValue()
                            + "; the file is damaged or was edited by hand: save the model again");
        }
    }

    @Test
    void aTargetScalingForOtherOutputsIsAnInconsistentFile() throws IOException {
        Path file = saved("two-targets.zip");
        rewriteYaml(
                file,
                y -> y.replaceAll(
                        "target_preprocess:\\n- kind: standardize\\n  shift:\\n  - (\\S+)\\n  scale:\\n  - (\\S+)\\n",
                        "target_preprocess:\n- kind: standardize\n  shift:\n  - $1\n  - $1\n  scale:\n  - $2\n  - $2\n"));

        assertThatThrownBy(() -> ModelFile.load(file))
                .hasMessage(file + ": model.yaml: target_preprocess is for 2 targets but the network has 1 outputs;"
                        + " the file is inconsistent (was model.yaml edited?): save the model again");
    }

    @Test
    void savingWithoutTheNetworksTargetScalingIsRefused() {
        ModelInfo unscaled = new ModelInfo(
                List.of(),
                split.preprocessing().withTargetSteps(List.of()),
                Map.of(),
                "0.1.0-SNAPSHOT",
                2,
                "scalar",
                "",
                "now");

        assertThatThrownBy(() -> ModelFile.save(net, unscaled, dir.resolve("unscaled.zip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the network was trained with the target scaling [standardize] but the model info"
                        + " records none; record the network's (its preprocessing().targetSteps())");
        assertThat(dir.resolve("unscaled.zip")).doesNotExist();
    }

    private static String entry(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Rewrites model.yaml (with a correct CRC), keeping the other entries, as a person editing it would. */
    private static void rewriteYaml(Path file, UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.yaml")) {
                    String before = new String(bytes, StandardCharsets.UTF_8);
                    String after = edit.apply(before);
                    assertThat(after).as("the edit changes model.yaml").isNotEqualTo(before);
                    bytes = after.getBytes(StandardCharsets.UTF_8);
                }
                entries.put(e.getName(), bytes);
            }
        }
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
