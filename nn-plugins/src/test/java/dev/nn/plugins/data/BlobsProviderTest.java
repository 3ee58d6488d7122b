package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Dataset;
import dev.nn.api.Options;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlobsProviderTest {

    private static Dataset blobs(int samples, int centers, int features, double std, long seed) {
        return new Blobs.Provider()
                .load(Options.of(Map.of(
                        "samples", samples, "centers", centers, "features", features, "std", std, "seed", seed)));
    }

    @Test
    void splitsExamplesAsEvenlyAsPossibleWithTheRemainderToTheFirstCenters() {
        assertThat(blobs(1000, 3, 2, 1.0, 1).classCounts()).containsExactly(334, 333, 333);
        assertThat(blobs(10, 4, 2, 1.0, 1).classCounts()).containsExactly(3, 3, 2, 2);
        Dataset wide = blobs(50, 5, 7, 1.0, 1);
        assertThat(wide.inputSize()).isEqualTo(7);
        assertThat(wide.classNames()).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void eachClusterIsCenteredOnItsCenterWithTheRequestedSpread() {
        long seed = 21;
        int centers = 4;
        int features = 3;
        Dataset blobs = blobs(4000, centers, features, 0.5, seed);

        // The centers are the generator's first draws, uniform in (-10, 10).
        SplittableRandom random = new SplittableRandom(seed);
        double[][] expected = new double[centers][features];
        for (double[] center : expected) {
            for (int f = 0; f < features; f++) {
                center[f] = random.nextDouble(-10, 10);
            }
        }
        double[][] sum = new double[centers][features];
        double[][] sumSq = new double[centers][features];
        int[] counts = blobs.classCounts();
        for (int i = 0; i < blobs.size(); i++) {
            int k = blobs.labels()[i];
            for (int f = 0; f < features; f++) {
                double v = blobs.features().get(i, f);
                sum[k][f] += v;
                sumSq[k][f] += v * v;
            }
        }
        for (int k = 0; k < centers; k++) {
            for (int f = 0; f < features; f++) {
                double mean = sum[k][f] / counts[k];
                double std = Math.sqrt(sumSq[k][f] / counts[k] - mean * mean);
                assertThat(mean).as("mean of cluster %d, feature %d", k, f).isCloseTo(expected[k][f], within(0.1));
                assertThat(std).as("std of cluster %d, feature %d", k, f).isCloseTo(0.5, within(0.05));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnother() {
        assertThat(blobs(300, 3, 2, 1.0, 5).features())
                .isEqualTo(blobs(300, 3, 2, 1.0, 5).features());
        assertThat(blobs(300, 3, 2, 1.0, 5).labels())
                .isEqualTo(blobs(300, 3, 2, 1.0, 5).labels());
        assertThat(blobs(300, 3, 2, 1.0, 5).features())
                .isNotEqualTo(blobs(300, 3, 2, 1.0, 6).features());
    }

    @Test
    void examplesAreShuffled() {
        int[] labels = blobs(300, 3, 2, 1.0, 8).labels();

        int zerosInFirstThird = 0;
        for (int i = 0; i < 100; i++) {
            zerosInFirstThird += labels[i] == 0 ? 1 : 0;
        }
        assertThat(zerosInFirstThird).isBetween(15, 55);
    }
}
