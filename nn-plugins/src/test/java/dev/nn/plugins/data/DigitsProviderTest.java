package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Dataset;
import dev.nn.api.Options;
import org.junit.jupiter.api.Test;

class DigitsProviderTest {

    @Test
    void loadsTheBundled1797DigitsWithScikitLearnsClassCounts() throws Exception {
        Dataset digits = new Digits.Provider().load(Options.empty());

        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.inputSize()).isEqualTo(64);
        assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(digits.classCounts()).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        assertThat(digits.test()).isEmpty();
    }

    @Test
    void pixelsAreCountsFrom0To16AndTheFirstRowIsAZero() throws Exception {
        Dataset digits = new Digits.Provider().load(Options.empty());

        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : digits.features().data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(16f);
        // The first example of scikit-learn's load_digits(): a zero.
        assertThat(digits.labels()[0]).isZero();
        assertThat(digits.features().row(0))
                .startsWith(0f, 0f, 5f, 13f, 9f, 1f, 0f, 0f, 0f, 0f, 13f, 15f, 10f, 15f, 5f);
    }

    @Test
    void changingOneLoadedDatasetDoesNotChangeTheNext() throws Exception {
        Digits.Provider provider = new Digits.Provider();
        Dataset first = provider.load(Options.empty());
        first.features().data()[0] = 99f;
        first.labels()[0] = 7;

        Dataset second = provider.load(Options.empty());

        assertThat(second.features().get(0, 0)).isEqualTo(0f);
        assertThat(second.labels()[0]).isZero();
    }
}
