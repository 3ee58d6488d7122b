package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CirclesProviderTest {

    private static Dataset circles(int samples, double noise, double factor, long seed) {
        return new Circles.Provider()
                .load(Options.of(Map.of("samples", samples, "noise", noise, "factor", factor, "seed", seed)));
    }

    @Test
    void withoutNoiseTheOuterCircleHasRadiusOneAndTheInnerRadiusFactor() {
        Dataset circles = circles(301, 0, 0.3, 11);
        Matrix x = circles.features();

        assertThat(circles.classCounts()).containsExactly(150, 151);
        for (int i = 0; i < circles.size(); i++) {
            double r = Math.hypot(x.get(i, 0), x.get(i, 1));
            assertThat(r).isCloseTo(circles.labels()[i] == 0 ? 1.0 : 0.3, within(1e-6));
        }
    }

    @Test
    void anglesAreEvenlySpacedWithoutRepeatingTheStartingPoint() {
        Dataset circles = circles(8, 0, 0.5, 2);
        Matrix x = circles.features();

        // 4 points per circle at 0, 90, 180 and 270 degrees; 360 (endpoint) is not repeated.
        TreeSet<Long> outerAngles = new TreeSet<>();
        for (int i = 0; i < circles.size(); i++) {
            if (circles.labels()[i] == 0) {
                double degrees = Math.toDegrees(Math.atan2(x.get(i, 1), x.get(i, 0)));
                outerAngles.add(Math.round((degrees + 360) % 360));
            }
        }
        assertThat(outerAngles).containsExactly(0L, 90L, 180L, 270L);
        assertThat(MoonsProviderTest.containsPoint(circles, 1, 0.5, 0)).isTrue();
        assertThat(MoonsProviderTest.containsPoint(circles, 1, 0, -0.5)).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnother() {
        assertThat(circles(200, 0.1, 0.8, 9).features())
                .isEqualTo(circles(200, 0.1, 0.8, 9).features());
        assertThat(circles(200, 0.1, 0.8, 9).labels())
                .isEqualTo(circles(200, 0.1, 0.8, 9).labels());
        assertThat(circles(200, 0.1, 0.8, 9).features())
                .isNotEqualTo(circles(200, 0.1, 0.8, 10).features());
    }

    @Test
    void examplesAreShuffledAndNoisy() {
        Dataset circles = circles(1000, 0.05, 0.5, 4);
        int[] labels = circles.labels();

        int onesInFirstHalf = 0;
        for (int i = 0; i < 500; i++) {
            onesInFirstHalf += labels[i];
        }
        assertThat(onesInFirstHalf).isBetween(200, 300);
        double offCircle = 0;
        for (int i = 0; i < circles.size(); i++) {
            double r =
                    Math.hypot(circles.features().get(i, 0), circles.features().get(i, 1));
            offCircle += Math.abs(r - (labels[i] == 0 ? 1 : 0.5));
        }
        // Mean |N(0, 0.05)| is 0.05 * sqrt(2 / pi), about 0.04.
        assertThat(offCircle / circles.size()).isCloseTo(0.04, within(0.006));
    }
}
