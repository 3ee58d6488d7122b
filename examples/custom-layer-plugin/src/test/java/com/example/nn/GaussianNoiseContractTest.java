package com.example.nn;

import dev.nn.api.LayerProvider;
import dev.nn.testkit.LayerContract;
import java.util.Map;

/** gaussian_noise passes nn's layer contract; its tests reseed the context, so the noise repeats where it must. */
class GaussianNoiseContractTest extends LayerContract {

    @Override
    protected LayerProvider provider() {
        return new GaussianNoise.Provider();
    }

    @Override
    protected Map<String, ?> options() {
        return Map.of("stddev", 0.5);
    }
}
