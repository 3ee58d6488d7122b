package com.example.nn;

import dev.nn.api.LayerProvider;
import dev.nn.testkit.LayerContract;
import java.util.Map;

/** prelu passes nn's layer contract: sizes, seeds, no leaks, threads, gradients, options, training. */
class PReluContractTest extends LayerContract {

    @Override
    protected LayerProvider provider() {
        return new PRelu.Provider();
    }

    @Override
    protected Map<String, ?> options() {
        return Map.of("init", 0.1);
    }
}
