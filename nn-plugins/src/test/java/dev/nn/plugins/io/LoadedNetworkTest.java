package dev.nn.plugins.io;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
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
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Network#load}: a trained model for a Java program, predicting from raw features (the
 * recorded preprocessing applied) on many threads at once with exactly the single-threaded answers.
 */
class LoadedNetworkTest {
    private static final int THREADS = 8;
    private static final int PREDICTIONS = 10_000;
    private static Dataset digits;
    private static Path file;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainAndSave() throws IOException {
        digits = Datasets.digits();
        Split split = digits.split(0.2, 5).standardize();
        // 128 hidden units: a batch of 1024 rows makes 131,072 activations, enough for the layers' parallel loops.
        Network net = Network.builder(64)
                .add(dense(128).activation("relu"))
                .add(dropout(0.2))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(5)
                .build();
        Trainer.builder()
                .optimizer(Optimizers.sgd(0.1).momentum(0.9))
                .epochs(3)
                .build()
                .fit(net, split.train());
        file = dir.resolve("model.zip");
        ModelFile.save(
                net,
                new ModelInfo(
                        digits.classNames(),
                        split.preprocessing(),
                        Map.of(),
                        "test",
                        5,
                        net.engine().name(),
                        "",
                        "now"),
                file);
    }

    private static float[] row(Matrix m, int r) {
        float[] out = new float[m.cols()];
        System.arraycopy(m.data(), r * m.cols(), out, 0, m.cols());
        return out;
    }

    @Test
    void aLoadedNetworkPredictsFromRawFeaturesAsTheSavedModelDoes() throws IOException {
        Network net = Network.load(file);
        SavedModel saved = ModelFile.load(file);
        Matrix raw = digits.features();
        // One preprocessing value: the file's, on the network Network.load and ModelFile.load give alike.
        assertThat(net.preprocessing().steps()).hasSize(1);
        assertThat(saved.network().preprocessing())
                .isEqualTo(saved.info().preprocessing())
                .isEqualTo(net.preprocessing());
        assertThat(saved.network().predict(raw)).isEqualTo(net.predict(raw));
        assertThat(net.predict(raw)).isEqualTo(saved.predict(raw));
        assertThat(net.predictClasses(raw)).containsExactly(saved.predictClasses(raw));
        // A trained network, not chance: the raw pixels went through the standardisation it was trained with.
        int right = 0;
        for (int r = 0; r < raw.rows(); r++) {
            right += net.predictClass(row(raw, r)) == digits.labels()[r] ? 1 : 0;
        }
        assertThat(right).isGreaterThan(raw.rows() * 9 / 10);
        float[] one = net.predict(row(raw, 3));
        assertThat(one).hasSize(10);
        assertThat((double) one[0] + one[1] + one[2] + one[3] + one[4] + one[5] + one[6] + one[7] + one[8] + one[9])
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        // Without its preprocessing the same layers see unscaled pixels and answer differently.
        assertThat(net.withPreprocessing(Preprocessing.NONE).predict(row(raw, 3)))
                .isNotEqualTo(one);
    }

    @Test
    @Timeout(120)
    void eightThreadsPredictingAtOnceGetExactlyTheSingleThreadedAnswers() throws Exception {
        Network net = Network.load(file);
        Matrix raw = digits.features();
        int n = raw.rows();
        float[][] expected = new float[n][];
        int[] expectedClass = new int[n];
        for (int r = 0; r < n; r++) {
            expected[r] = net.predict(row(raw, r));
            expectedClass[r] = net.predictClass(row(raw, r));
        }
        Matrix expectedBatch = net.predict(raw);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < PREDICTIONS; i++) {
                        int r = (i * 7 + thread * 131) % n;
                        float[] features = row(raw, r);
                        if (i % 500 == thread) {
                            // Now and then a whole batch, which runs the layers' parallel loops meanwhile.
                            mismatches += net.predict(raw).equals(expectedBatch) ? 0 : 1;
                        }
                        mismatches += java.util.Arrays.equals(net.predict(features), expected[r]) ? 0 : 1;
                        mismatches += net.predictClass(features) == expectedClass[r] ? 0 : 1;
                    }
                    return mismatches;
                });
            }
            int mismatches = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                mismatches += result.get();
            }
            assertThat(mismatches)
                    .as("predictions that differ from the single-threaded ones")
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongInputsAndAMissingFileAreClearErrors(@TempDir Path empty) throws IOException {
        Network net = Network.load(file);
        assertThatThrownBy(() -> net.predict(new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the network takes 64 inputs per example, got 3");
        assertThatThrownBy(() -> Network.load(empty.resolve("none.zip")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("none.zip: no such model file; check the path");
        assertThatThrownBy(() ->
                        net.withPreprocessing(new Preprocessing(List.of(dev.nn.api.FeatureTransform.scale(3, 2)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preprocessing 'scale' is for 3 features but the network takes 64");
    }
}
