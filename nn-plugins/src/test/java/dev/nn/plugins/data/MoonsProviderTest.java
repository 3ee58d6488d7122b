package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoonsProviderTest {

    private static Dataset moons(int samples, double noise, long seed) {
        return new Moons.Provider().load(Options.of(Map.of("samples", samples, "noise", noise, "seed", seed)));
    }

    @Test
    void splitsExamplesBetweenTheTwoMoonsWithTheOddOneInTheInnerMoon() {
        Dataset moons = moons(1001, 0.1, 1);

        assertThat(moons.size()).isEqualTo(1001);
        assertThat(moons.inputSize()).isEqualTo(2);
        assertThat(moons.classNames()).containsExactly("0", "1");
        assertThat(moons.classCounts()).containsExactly(500, 501);
    }

    @Test
    void withoutNoiseEveryPointLiesOnItsHalfCircle() {
        Dataset moons = moons(200, 0, 3);
        Matrix x = moons.features();

        for (int i = 0; i < moons.size(); i++) {
            double px = x.get(i, 0);
            double py = x.get(i, 1);
            if (moons.labels()[i] == 0) {
                // Outer moon: the upper half of the unit circle around the origin.
                assertThat(px * px + py * py).isCloseTo(1.0, within(1e-6));
                assertThat(py).isGreaterThanOrEqualTo(-1e-7);
            } else {
                // Inner moon: the lower half of the unit circle around (1, 0.5).
                assertThat((px - 1) * (px - 1) + (py - 0.5) * (py - 0.5)).isCloseTo(1.0, within(1e-6));
                assertThat(py).isLessThanOrEqualTo(0.5 + 1e-7);
            }
        }
        // Both ends of both moons are included (linspace with its endpoint).
        assertThat(containsPoint(moons, 0, 1, 0)).isTrue();
        assertThat(containsPoint(moons, 0, -1, 0)).isTrue();
        assertThat(containsPoint(moons, 1, 0, 0.5)).isTrue();
        assertThat(containsPoint(moons, 1, 2, 0.5)).isTrue();
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        Dataset moons = moons(4000, 0.1, 5);
        Matrix x = moons.features();

        // For small noise the distance from the circle's center varies by about the noise's std.
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 0; i < moons.size(); i++) {
            if (moons.labels()[i] == 0) {
                double r = Math.hypot(x.get(i, 0), x.get(i, 1)) - 1;
                sum += r;
                sumSq += r * r;
                n++;
            }
        }
        double std = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        assertThat(std).isCloseTo(0.1, within(0.01));
    }

    @Test
    void examplesAreShuffled() {
        int[] labels = moons(100, 0.1, 7).labels();

        int zerosInFirstHalf = 0;
        for (int i = 0; i < 50; i++) {
            zerosInFirstHalf += labels[i] == 0 ? 1 : 0;
        }
        assertThat(zerosInFirstHalf).isBetween(10, 40);
    }

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnother() {
        Dataset a = moons(300, 0.2, 42);
        Dataset b = moons(300, 0.2, 42);
        Dataset c = moons(300, 0.2, 43);

        assertThat(a.features()).isEqualTo(b.features());
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.features()).isNotEqualTo(c.features());
    }

    @Test
    void aMissingSeedMeansSeedZero() {
        Dataset withoutSeed = new Moons.Provider().load(Options.of(Map.of("samples", 50, "noise", 0.1)));

        assertThat(withoutSeed.features()).isEqualTo(moons(50, 0.1, 0).features());
    }

    static boolean containsPoint(Dataset d, int label, double px, double py) {
        for (int i = 0; i < d.size(); i++) {
            if (d.labels()[i] == label
                    && Math.abs(d.features().get(i, 0) - px) < 1e-6
                    && Math.abs(d.features().get(i, 1) - py) < 1e-6) {
                return true;
            }
        }
        return false;
    }
}
