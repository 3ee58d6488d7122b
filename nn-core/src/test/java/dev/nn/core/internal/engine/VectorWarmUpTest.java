package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorWarmUpTest {

    @Test
    void makingAVectorEngineStartsTheWarmUpAndItsFirstProductEndsIt() throws InterruptedException {
        Engine engine = new VectorEngineProvider().create(2);
        assertThat(VectorWarmUp.started()).isTrue();
        Thread warmUp = thread("nn-vector-warm-up");
        SplittableRandom random = new SplittableRandom(3);
        Matrix a = ReferenceGemm.random(20, 30, random);
        Matrix b = ReferenceGemm.random(30, 40, random);
        Matrix c = new Matrix(20, 40);
        engine.gemm(false, false, 1f, a, b, 0f, c);
        if (warmUp != null) {
            // It stops after the product it is in, which takes milliseconds even uncompiled.
            warmUp.join(30_000);
            assertThat(warmUp.isAlive())
                    .as("the warm-up thread after training's first product")
                    .isFalse();
        }
        Matrix again = new Matrix(20, 40);
        new VectorEngine(1).gemm(false, false, 1f, a, b, 0f, again);
        assertThat(c).isEqualTo(again);
    }

    @Test
    void theWarmUpChangesNoResult() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(4);
        Matrix a = ReferenceGemm.random(70, 300, random);
        Matrix b = ReferenceGemm.random(300, 90, random);
        Matrix alone = new Matrix(70, 90);
        new VectorEngine(2).gemm(false, false, 1f, a, b, 0f, alone);
        // The same product while a warm-up runs beside it, on its own data.
        Thread beside = new Thread(() -> {
            VectorEngine own = VectorEngine.forWarmUp();
            Matrix x = ReferenceGemm.random(40, 50, new SplittableRandom(5));
            Matrix y = ReferenceGemm.random(50, 60, new SplittableRandom(6));
            for (int i = 0; i < 200; i++) {
                own.gemm(true, false, 1f, y, y, 0f, new Matrix(60, 60));
                own.gemm(false, false, 1f, x, y, 0f, new Matrix(40, 60));
            }
        });
        beside.start();
        for (int i = 0; i < 50; i++) {
            Matrix again = new Matrix(70, 90);
            new VectorEngine(2).gemm(false, false, 1f, a, b, 0f, again);
            assertThat(again).isEqualTo(alone);
        }
        beside.join();
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElse(null);
    }
}
