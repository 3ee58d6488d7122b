package dev.nn.plugins.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.nn.api.ConfigException;
import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Provider;
import dev.nn.plugins.CheckedOptions;
import dev.nn.plugins.Initializers;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InitializersTest {
    private static final int FAN_IN = 200;
    private static final int FAN_OUT = 300;

    private static Matrix initialize(InitializerProvider provider, Map<String, Object> options, long seed) {
        Initializer initializer = provider.create(CheckedOptions.of(provider, "model.layers[0].dense.init", options));
        Matrix values = new Matrix(FAN_IN, FAN_OUT);
        initializer.initialize(values, FAN_IN, FAN_OUT, new SplittableRandom(seed));
        return values;
    }

    private static double mean(Matrix m) {
        double sum = 0;
        for (float v : m.data()) {
            sum += v;
        }
        return sum / m.size();
    }

    private static double variance(Matrix m) {
        double mean = mean(m);
        double sum = 0;
        for (float v : m.data()) {
            sum += (v - mean) * (v - mean);
        }
        return sum / m.size();
    }

    private static float min(Matrix m) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : m.data()) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static float max(Matrix m) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : m.data()) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * Mean within 5 standard errors, variance within 3% (about 5 standard errors of a normal
     * sample's variance for 60000 draws).
     */
    private static void assertMoments(Matrix m, double expectedMean, double expectedVariance) {
        double standardError = Math.sqrt(expectedVariance / m.size());
        assertThat(mean(m)).isCloseTo(expectedMean, offset(5 * standardError));
        assertThat(variance(m)).isCloseTo(expectedVariance, offset(0.03 * expectedVariance));
    }

    private static void assertWithin(Matrix m, double low, double high) {
        assertThat(min(m)).isGreaterThanOrEqualTo((float) low).isLessThan((float) (low + 0.01 * (high - low)));
        assertThat(max(m)).isLessThanOrEqualTo((float) high).isGreaterThan((float) (high - 0.01 * (high - low)));
    }

    @Test
    void uniformFillsTheGivenRangeWithUniformMoments() {
        Matrix m = initialize(new Uniform.Provider(), Map.of("low", -1.0, "high", 3.0), 1);
        assertWithin(m, -1, 3);
        assertMoments(m, 1, 16.0 / 12);
    }

    @Test
    void uniformDefaultsToPlusMinusFiveHundredths() {
        Matrix m = initialize(new Uniform.Provider(), Map.of(), 1);
        assertWithin(m, -0.05, 0.05);
    }

    @Test
    void uniformDrawsOneValuePerElementInIndexOrder() {
        Matrix m = initialize(new Uniform.Provider(), Map.of("low", 0.0, "high", 1.0), 7);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10; i++) {
            assertThat(m.data()[i]).isEqualTo((float) random.nextDouble());
        }
    }

    @Test
    void uniformWithHighNotAboveLowIsAConfigErrorNamingHigh() {
        Uniform.Provider provider = new Uniform.Provider();
        assertThatThrownBy(() -> provider.create(
                        CheckedOptions.of(provider, "model.layers[0].dense.init", Map.of("low", 0.5, "high", 0.5))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.layers[0].dense.init.uniform.high: high (0.5) must be greater than low (0.5)");
    }

    @Test
    void normalHasTheGivenMeanAndStandardDeviation() {
        assertMoments(initialize(new Normal.Provider(), Map.of("mean", 0.5, "std", 0.2), 2), 0.5, 0.04);
        assertMoments(initialize(new Normal.Provider(), Map.of(), 2), 0, 1e-4);
    }

    @Test
    void xavierUniformIsBoundedBySqrtSixOverFanInPlusFanOut() {
        Matrix m = initialize(new XavierUniform.Provider(), Map.of(), 3);
        double limit = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
        assertWithin(m, -limit, limit);
        assertMoments(m, 0, 2.0 / (FAN_IN + FAN_OUT));
    }

    @Test
    void xavierNormalHasVarianceTwoOverFanInPlusFanOut() {
        assertMoments(initialize(new XavierNormal.Provider(), Map.of(), 4), 0, 2.0 / (FAN_IN + FAN_OUT));
    }

    @Test
    void heUniformIsBoundedBySqrtSixOverFanIn() {
        Matrix m = initialize(new HeUniform.Provider(), Map.of(), 5);
        double limit = Math.sqrt(6.0 / FAN_IN);
        assertWithin(m, -limit, limit);
        assertMoments(m, 0, 2.0 / FAN_IN);
    }

    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        assertMoments(initialize(new HeNormal.Provider(), Map.of(), 6), 0, 2.0 / FAN_IN);
    }

    @Test
    void zerosOverwritesEveryValue() {
        Matrix m = new Matrix(3, 4).fill(7f);
        new Zeros.Provider()
                .create(CheckedOptions.of(new Zeros.Provider(), "model.layers[0].dense.init", Map.of()))
                .initialize(m, 3, 4, new SplittableRandom(0));
        assertThat(m.data()).containsOnly(0f);
    }

    @Test
    void constantSetsEveryValueAndHasNoDefault() {
        Constant.Provider provider = new Constant.Provider();
        assertThat(provider.options())
                .singleElement()
                .satisfies(option -> assertThat(option.isRequired()).isTrue());
        Matrix m = new Matrix(3, 4);
        provider.create(CheckedOptions.of(provider, "model.layers[0].dense.init", Map.of("value", 0.25)))
                .initialize(m, 3, 4, new SplittableRandom(0));
        assertThat(m.data()).containsOnly(0.25f);
    }

    @Test
    void sameSeedGivesTheSameValuesAndAnotherSeedDifferentOnes() {
        for (InitializerProvider provider : loadProviders().values()) {
            Map<String, Object> options = provider.name().equals("constant") ? Map.of("value", 1.0) : Map.of();
            assertThat(initialize(provider, options, 42))
                    .as(provider.name())
                    .isEqualTo(initialize(provider, options, 42));
            if (!provider.name().equals("constant") && !provider.name().equals("zeros")) {
                assertThat(initialize(provider, options, 42))
                        .as(provider.name())
                        .isNotEqualTo(initialize(provider, options, 43));
            }
        }
    }

    @Test
    void serviceFileListsEveryBuiltInInitializer() {
        assertThat(loadProviders())
                .containsOnlyKeys(
                        "uniform",
                        "normal",
                        "xavier_uniform",
                        "xavier_normal",
                        "he_uniform",
                        "he_normal",
                        "zeros",
                        "constant");
    }

    @Test
    void factoriesNameTheProviderAndItsOptions() {
        assertThat(Initializers.uniform(-0.1, 0.2).name()).isEqualTo("uniform");
        assertThat(Initializers.uniform(-0.1, 0.2).options())
                .containsExactly(Map.entry("low", -0.1), Map.entry("high", 0.2));
        assertThat(Initializers.normal(0.5, 0.02).options())
                .containsExactly(Map.entry("mean", 0.5), Map.entry("std", 0.02));
        assertThat(Initializers.constant(0.1).options()).containsExactly(Map.entry("value", 0.1));
        assertThat(Initializers.xavierUniform().name()).isEqualTo("xavier_uniform");
        assertThat(Initializers.xavierNormal().name()).isEqualTo("xavier_normal");
        assertThat(Initializers.heUniform().name()).isEqualTo("he_uniform");
        assertThat(Initializers.heNormal().name()).isEqualTo("he_normal");
        assertThat(Initializers.zeros().name()).isEqualTo("zeros");
        assertThat(Initializers.heNormal().options()).isEmpty();
    }

    private static Map<String, InitializerProvider> loadProviders() {
        return ServiceLoader.load(InitializerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().equals("dev.nn.plugins.init"))
                .collect(Collectors.toMap(Provider::name, p -> p));
    }
}
