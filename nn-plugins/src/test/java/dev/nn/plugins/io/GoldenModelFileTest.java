package dev.nn.plugins.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.ColumnType;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.Parameter;
import dev.nn.api.TableEncoding;
import dev.nn.api.Unseen;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.registry.PluginRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model files written by earlier versions of nn keep loading and predicting the same: one golden
 * file per format version, made once by {@link GoldenModelFiles} and never regenerated.
 */
class GoldenModelFileTest {

    private static Path golden(int format) throws URISyntaxException {
        return Path.of(GoldenModelFileTest.class
                .getResource("/models/format-" + format + ".zip")
                .toURI());
    }

    @Test
    void formatOneStillLoadsWithItsProvenance() throws Exception {
        SavedModel model = ModelFile.load(golden(1));

        assertThat(model.info().classNames()).containsExactly("0", "1", "2");
        assertThat(model.info().nnVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(model.info().seed()).isEqualTo(7);
        assertThat(model.info().engine()).isEqualTo("scalar");
        assertThat(model.info().created()).isEqualTo(GoldenModelFiles.CREATED);
        // Format 1 files from before nn recorded the platform: unknown, not an error.
        assertThat(List.of(
                        model.info().javaVersion(),
                        model.info().os(),
                        model.info().arch()))
                .containsOnly("");
        assertThat(model.info().platform()).isEmpty();
        assertThat(model.info().dataChecksum())
                .isEqualTo("sha256:a23603e8d8c77437cc5aad3862b354d4d9213e6f9636c07403facdac2357aa15");
        assertThat(model.info().config())
                .isEqualTo(Map.of(
                        "name",
                        "golden",
                        "seed",
                        7,
                        "data",
                        Map.of("dataset", Map.of("blobs", Map.of("samples", 240, "centers", 3, "features", 4))),
                        "train",
                        Map.of("optimizer", Map.of("sgd", Map.of("lr", 0.1, "momentum", 0.5)), "epochs", 5)));
        assertThat(model.info().preprocessing().steps()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("standardize");
            assertThat(t.shift()).containsExactly(-4.4824486f, 1.8005873f, -3.905917f, 0.34022307f);
            assertThat(t.scale()).containsExactly(0.54130924f, 0.17467594f, 0.20078415f, 0.2203139f);
        });
        assertThat(model.network().summary()).isEqualTo("""
                  #  layer                                               output    parameters
                     input                                                    4             \s
                  1  dense(units=6, init=uniform(low=-1.0, high=1.0))         6            30
                  2  leaky_relu(slope=0.05)                                   6             0
                  3  dropout(rate=0.1)                                        6             0
                  4  dense(units=3)                                           3            21
                Total parameters: 51
                Loss: softmax_cross_entropy
                """);
    }

    @Test
    void formatOneStillPredictsWhatItDidWhenSaved() throws Exception {
        Matrix raw = Matrix.of(GoldenModelFiles.INPUTS);
        float[][] expected = {
            {0.99837863f, 8.479527E-4f, 7.733999E-4f},
            {0.01340194f, 0.98251575f, 0.004082285f},
            {0.0016731421f, 0.012412955f, 0.98591393f},
            {0.36121646f, 0.3120046f, 0.32677895f},
        };
        for (int threads : List.of(1, 2)) {
            SavedModel model = ModelFile.load(golden(1), PluginRegistry.defaultRegistry(), threads);
            Matrix p = model.predict(raw);
            for (int r = 0; r < expected.length; r++) {
                // Engines may sum in another order; the stored parameters themselves are checked by their checksum.
                assertThat(p.row(r))
                        .as("row %d with %d threads", r, threads)
                        .containsExactly(expected[r], within(1e-6f));
            }
            assertThat(model.predictClasses(raw)).containsExactly(0, 1, 2, 0);
        }
    }

    @Test
    void formatTwoKeepsBatchNormalisationsRunningStatisticsAndPredictsWhatItDidWhenSaved() throws Exception {
        Matrix raw = Matrix.of(GoldenModelFiles.INPUTS);
        float[][] expected = {
            {0.99847233f, 7.2840083E-4f, 7.992917E-4f},
            {0.00252372f, 0.9948274f, 0.0026489072f},
            {5.113949E-4f, 0.00542119f, 0.99406743f},
            {0.209701f, 0.47680396f, 0.31349504f},
        };
        for (int threads : List.of(1, 2)) {
            SavedModel model = ModelFile.load(golden(2), PluginRegistry.defaultRegistry(), threads);
            assertThat(model.formatVersion()).isEqualTo(2);
            assertThat(model.network().buffers())
                    .extracting(Parameter::name)
                    .containsExactly("running_mean", "running_var");
            // Trained statistics, not the initial 0 and 1.
            assertThat(model.network().buffers().get(0).value().data()).doesNotContain(0f);
            assertThat(model.network().buffers().get(1).value().data()).doesNotContain(1f);
            Matrix p = model.predict(raw);
            for (int r = 0; r < expected.length; r++) {
                assertThat(p.row(r))
                        .as("row %d with %d threads", r, threads)
                        .containsExactly(expected[r], within(1e-6f));
            }
            assertThat(model.predictClasses(raw)).containsExactly(0, 1, 2, 1);
        }
    }

    @Test
    void formatThreeKeepsATablesEncodingAndTargetScalingAndPredictsRawRowsAsWhenSaved() throws Exception {
        // Prices in their own units: the target scaling is undone. The fourth row's Lyon was never in training.
        float[] expected = {517.90607f, 461.94012f, 517.0526f, 306.65997f};
        for (int threads : List.of(1, 2)) {
            SavedModel model = ModelFile.load(golden(3), PluginRegistry.defaultRegistry(), threads);
            assertThat(model.formatVersion()).isEqualTo(3);
            TableEncoding table = model.info().preprocessing().table();
            assertThat(table.columns())
                    .containsExactly(
                            new TableEncoding.Column(
                                    "rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, 4f, null, Unseen.ZEROS),
                            new TableEncoding.Column(
                                    "city",
                                    ColumnType.CATEGORY,
                                    List.of("Paris", "Berlin", "Rome"),
                                    Missing.MOST_FREQUENT,
                                    Float.NaN,
                                    "Rome",
                                    Unseen.ZEROS),
                            new TableEncoding.Column(
                                    "garden",
                                    ColumnType.BOOLEAN,
                                    List.of(),
                                    Missing.MOST_FREQUENT,
                                    0f,
                                    null,
                                    Unseen.ZEROS),
                            new TableEncoding.Column(
                                    "area", ColumnType.NUMBER, List.of(), Missing.MEAN, 76.05871f, null, Unseen.ZEROS));
            assertThat(table.featureNames())
                    .containsExactly("rooms", "city=Paris", "city=Berlin", "city=Rome", "garden", "area");
            assertThat(table.targetNames()).containsExactly("price");
            assertThat(model.info().preprocessing().steps())
                    .extracting(t -> t.kind())
                    .containsExactly("standardize");
            assertThat(model.info().preprocessing().targetSteps())
                    .extracting(t -> t.kind())
                    .containsExactly("standardize");
            List<Map<String, Object>> rows = GoldenModelFiles.tableRows();
            for (int r = 0; r < rows.size(); r++) {
                // Values in the hundreds: a float's last bits, and engines summing in another order, move them by 1e-4.
                assertThat(model.predict(rows.get(r)))
                        .as("row %d with %d threads", r, threads)
                        .containsExactly(new float[] {expected[r]}, within(2e-3f));
            }
        }
    }
}
