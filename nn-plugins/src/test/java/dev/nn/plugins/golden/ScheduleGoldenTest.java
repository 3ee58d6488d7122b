package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Schedule;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.RatePlan;
import dev.nn.core.train.Warmup;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedules and the warm-up against PyTorch's own numbers ({@code golden/schedules.json},
 * written by {@code tools/torch-golden/golden.py} with torch 1.13): the learning rate of every epoch
 * (every batch for one_cycle) of StepLR, ExponentialLR, CosineAnnealingLR, PolynomialLR, OneCycleLR,
 * ReduceLROnPlateau fed a fixed sequence of figures, and LinearLR chained by SequentialLR before
 * each, through the trainer's own {@link RatePlan}. Both sides compute in double, PyTorch mostly
 * recursively and nn in closed form, so the tolerance is 1e-12 relative (the worst seen is about
 * 1e-15). A reduce_on_plateau whose state is saved and restored half way gives the same rates.
 */
class ScheduleGoldenTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();
    private static final double RELATIVE = 1e-12;

    static Stream<Arguments> cases() {
        return Golden.cases("schedules.json", "schedules", 20);
    }

    @SuppressWarnings("unchecked")
    private static Schedule schedule(Map<String, Object> c) {
        return REGISTRY.schedule(Spec.of((String) c.get("name"), (Map<String, Object>) c.get("options")), "golden");
    }

    @ParameterizedTest(name = "{0} warmup {2}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void everyRateMatchesPyTorch(String label, Map<String, Object> c) {
        int epochs = (Integer) c.get("epochs");
        int batches = (Integer) c.get("batches");
        double lr = ((Number) c.get("lr")).doubleValue();
        List<Number> expected = (List<Number>) c.get("rates");
        List<Number> figures = (List<Number>) c.get("figures");
        String monitor = (String) c.get("monitor");
        Map<String, Object> w = (Map<String, Object>) c.get("warmup");
        Warmup warmup = w == null
                ? null
                : new Warmup((Integer) w.get("epochs"), ((Number) w.get("start_factor")).doubleValue());

        Schedule schedule = schedule(c);
        assertThat(schedule.monitor()).isEqualTo(monitor);
        assertThat(expected).hasSize(epochs * batches);
        int k = 0;
        for (int e = 0; e < epochs; e++) {
            RatePlan plan = new RatePlan(schedule, warmup, epochs, batches, lr);
            assertThat(plan.perBatch()).isEqualTo(batches > 1);
            for (int b = 0; b < batches; b++, k++) {
                double torch = expected.get(k).doubleValue();
                assertThat(plan.rate(e, b))
                        .as("%s, warm-up %s: epoch %d, batch %d", label, w, e, b)
                        .isCloseTo(torch, Offset.offset(RELATIVE * Math.abs(torch)));
            }
            if (monitor != null) {
                schedule.epochEnded(e, Map.of(monitor, figures.get(e).doubleValue()));
                if (e == epochs / 2) {
                    // What a checkpoint keeps is all the next epochs need.
                    Map<String, Double> saved = schedule.state();
                    schedule = schedule(c);
                    schedule.restore(saved);
                    assertThat(schedule.state()).isEqualTo(saved);
                }
            }
        }
    }
}
