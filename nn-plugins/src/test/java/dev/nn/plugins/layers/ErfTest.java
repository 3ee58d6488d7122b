package dev.nn.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GELU's fast Φ against the exact series: within 2e-7 relative over [-12, 12], the left tail included. */
class ErfTest {
    @Test
    void theNormalDistributionFunctionHasFloatPrecisionEverywhere() {
        double worst = 0;
        for (int i = -12_000; i <= 12_000; i++) {
            double x = i / 1000.0;
            // Φ(x) = erfc(-x/√2)/2 on the left, without the cancellation of 1 + erf there.
            double tail = 0.5 * ExactErf.erfc(Math.abs(x) * Math.sqrt(0.5));
            double exact = x < 0 ? tail : 1 - tail;
            worst = Math.max(worst, Math.abs(Erf.normalCdf(x) - exact) / exact);
        }
        assertThat(worst).isLessThan(2e-7);
    }
}
