package dev.nn.plugins.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.nn.api.Provider;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import dev.nn.plugins.CheckedOptions;
import dev.nn.plugins.Schedules;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulesTest {
    private static final double BASE = 0.1;

    private static Schedule schedule(ScheduleProvider provider, Map<String, Object> options) {
        return provider.create(CheckedOptions.of(provider, "train.schedule", options));
    }

    @Test
    void constantKeepsTheBaseRate() {
        Schedule constant = schedule(new ConstantSchedule.Provider(), Map.of());
        assertThat(constant.learningRate(0, 30, BASE)).isEqualTo(BASE);
        assertThat(constant.learningRate(29, 30, BASE)).isEqualTo(BASE);
    }

    @Test
    void stepMultipliesByGammaAtEachMultipleOfEvery() {
        Schedule step = schedule(new StepSchedule.Provider(), Map.of());
        assertThat(step.learningRate(0, 30, BASE)).isEqualTo(0.1);
        assertThat(step.learningRate(9, 30, BASE)).isEqualTo(0.1);
        assertThat(step.learningRate(10, 30, BASE)).isCloseTo(0.05, offset(1e-12));
        assertThat(step.learningRate(25, 30, BASE)).isCloseTo(0.025, offset(1e-12));
        Schedule every3 = schedule(new StepSchedule.Provider(), Map.of("every", 3, "gamma", 0.1));
        assertThat(every3.learningRate(7, 30, BASE)).isCloseTo(0.001, offset(1e-12));
    }

    @Test
    void exponentialMultipliesByGammaEveryEpoch() {
        Schedule defaults = schedule(new ExponentialSchedule.Provider(), Map.of());
        assertThat(defaults.learningRate(1, 30, BASE)).isCloseTo(0.095, offset(1e-12));
        Schedule exponential = schedule(new ExponentialSchedule.Provider(), Map.of("gamma", 0.9));
        assertThat(exponential.learningRate(0, 30, BASE)).isEqualTo(BASE);
        assertThat(exponential.learningRate(2, 30, BASE)).isCloseTo(0.081, offset(1e-12));
    }

    @Test
    void cosineFallsFromTheBaseRateTowardsTheMinimum() {
        Schedule cosine = schedule(new CosineSchedule.Provider(), Map.of("min_lr", 0.001));
        assertThat(cosine.learningRate(0, 10, BASE)).isCloseTo(0.1, offset(1e-12));
        // 0.001 + 0.099 * (1 + cos(0.2 pi)) / 2
        assertThat(cosine.learningRate(2, 10, BASE)).isCloseTo(0.0905463412, offset(1e-9));
        assertThat(cosine.learningRate(5, 10, BASE)).isCloseTo(0.0505, offset(1e-12));
        assertThat(cosine.learningRate(10, 10, BASE)).isCloseTo(0.001, offset(1e-12));
        Schedule toZero = schedule(new CosineSchedule.Provider(), Map.of());
        assertThat(toZero.learningRate(5, 10, BASE)).isCloseTo(0.05, offset(1e-12));
    }

    /** The rates reduce_on_plateau (factor 0.5, patience 0) sets after each of {@code figures} for {@code monitor}. */
    private static double[] plateauRates(String monitor, double... figures) {
        Schedule plateau = schedule(
                new ReduceOnPlateauSchedule.Provider(), Map.of("monitor", monitor, "factor", 0.5, "patience", 0));
        double[] rates = new double[figures.length];
        for (int e = 0; e < figures.length; e++) {
            plateau.learningRate(e, figures.length, BASE);
            plateau.epochEnded(e, Map.of(monitor, figures[e]));
            rates[e] = plateau.learningRate(e + 1, figures.length, BASE);
        }
        return rates;
    }

    @Test
    void reduceOnPlateauWaitsForR2ToRiseAndForTheMaeToFall() {
        // A rising R² is progress (mode max), a falling one a bad epoch; the MAE the other way round (mode min).
        assertThat(plateauRates("val_r2", 0.1, 0.3, 0.5, 0.4)).containsExactly(BASE, BASE, BASE, BASE / 2);
        assertThat(plateauRates("val_mae", 9, 7, 5, 6)).containsExactly(BASE, BASE, BASE, BASE / 2);
        assertThat(plateauRates("val_mae", 5, 7, 9)).containsExactly(BASE, BASE / 2, BASE / 4);
        assertThat(plateauRates("val_r2", 0.5, 0.3, 0.1)).containsExactly(BASE, BASE / 2, BASE / 4);
    }

    @Test
    void declaresTheDesignDefaults() {
        assertThat(CheckedOptions.defaults(new StepSchedule.Provider()))
                .containsExactly(Map.entry("every", 10), Map.entry("gamma", 0.5));
        assertThat(CheckedOptions.defaults(new ExponentialSchedule.Provider()))
                .containsExactly(Map.entry("gamma", 0.95));
        assertThat(CheckedOptions.defaults(new CosineSchedule.Provider())).containsExactly(Map.entry("min_lr", 0.0));
        assertThat(new ConstantSchedule.Provider().options()).isEmpty();
        assertThat(CheckedOptions.defaults(new PolynomialSchedule.Provider())).containsExactly(Map.entry("power", 1.0));
        assertThat(CheckedOptions.defaults(new ReduceOnPlateauSchedule.Provider()))
                .containsExactly(
                        Map.entry("monitor", "val_loss"),
                        Map.entry("factor", 0.1),
                        Map.entry("patience", 10),
                        Map.entry("threshold", 1e-4),
                        Map.entry("cooldown", 0),
                        Map.entry("min_lr", 0.0));
        assertThat(new OneCycleSchedule.Provider().options())
                .extracting(o -> o.name() + "=" + o.defaultValue())
                .containsExactly("max_lr=null", "pct_start=0.3", "div_factor=25.0", "final_div_factor=10000.0");
    }

    @Test
    void factoriesNameTheProviderAndItsOptions() {
        assertThat(Schedules.constant().name()).isEqualTo("constant");
        assertThat(Schedules.constant().options()).isEmpty();
        assertThat(Schedules.step(5, 0.1).name()).isEqualTo("step");
        assertThat(Schedules.step(5, 0.1).options()).containsExactly(Map.entry("every", 5), Map.entry("gamma", 0.1));
        assertThat(Schedules.exponential(0.9).options()).containsExactly(Map.entry("gamma", 0.9));
        assertThat(Schedules.cosine(1e-4).name()).isEqualTo("cosine");
        assertThat(Schedules.cosine(1e-4).options()).containsExactly(Map.entry("min_lr", 1e-4));
        assertThat(Schedules.oneCycle(0.5).options()).containsExactly(Map.entry("max_lr", 0.5));
        assertThat(Schedules.polynomial(2).options()).containsExactly(Map.entry("power", 2.0));
        assertThat(Schedules.reduceOnPlateau("loss", 0.5, 3).options())
                .containsExactly(Map.entry("monitor", "loss"), Map.entry("factor", 0.5), Map.entry("patience", 3));
    }

    @Test
    void serviceFileListsEveryBuiltInSchedule() {
        Map<String, ScheduleProvider> providers = ServiceLoader.load(ScheduleProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().equals("dev.nn.plugins.schedule"))
                .collect(Collectors.toMap(Provider::name, p -> p));
        assertThat(providers)
                .containsOnlyKeys(
                        "constant", "step", "exponential", "cosine", "polynomial", "one_cycle", "reduce_on_plateau");
    }
}
