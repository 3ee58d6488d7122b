package com.example.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nn.api.Matrix;
import dev.nn.core.Workspace;
import dev.nn.testkit.TestContexts;
import dev.nn.testkit.TestData;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

    @Test
    void addsNoiseOfTheGivenStandardDeviationWhileTraining() {
        Matrix x = TestData.uniform(100, 100, -1, 1, 1);
        Matrix y = new GaussianNoise(100, 0.3).forward(x, TestContexts.training(7));
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < x.size(); i++) {
            double noise = y.data()[i] - x.data()[i];
            sum += noise;
            squares += noise * noise;
        }
        double mean = sum / x.size();
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(Math.sqrt(squares / x.size() - mean * mean)).isCloseTo(0.3, within(0.01));
    }

    @Test
    void passesValuesThroughAtInference() {
        Matrix x = TestData.uniform(4, 3, -1, 1, 2);
        assertThat(new GaussianNoise(3, 0.3).forward(x, TestContexts.inference(7))).isSameAs(x);
    }

    @Test
    void theContextsSeedDecidesTheNoise() {
        Matrix x = TestData.uniform(4, 3, -1, 1, 3);
        GaussianNoise noise = new GaussianNoise(3, 0.3);
        Matrix first = noise.forward(x, TestContexts.training(11)).copy();
        Workspace same = TestContexts.training(11);
        assertThat(noise.forward(x, same)).isEqualTo(first);
        assertThat(noise.forward(x, TestContexts.training(12))).isNotEqualTo(first);
    }
}
