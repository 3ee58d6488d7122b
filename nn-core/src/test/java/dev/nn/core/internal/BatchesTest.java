package dev.nn.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.core.internal.engine.ScalarEngine;
import dev.nn.core.internal.engine.VectorEngineProvider;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchesTest {

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3})
    void theParallelGathererCopiesExactlyTheRowsThePlainGatherDoes(int threads) {
        Random random = new Random(3);
        Matrix source = new Matrix(1000, 300);
        for (int i = 0; i < source.data().length; i++) {
            source.data()[i] = random.nextFloat();
        }
        int[] order = new int[1000];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 7919) % 1000;
        }
        for (Engine engine : new Engine[] {new ScalarEngine(threads), new VectorEngineProvider().create(threads)}) {
            Batches.Gatherer gatherer = new Batches.Gatherer(engine);
            // 300 rows x 300 columns is above the parallel threshold, 20 rows below it; also a batch with no order.
            for (int[] range : new int[][] {{100, 400}, {980, 1000}, {0, 250}}) {
                int rows = range[1] - range[0];
                Matrix expected = new Matrix(rows, 300);
                Matrix actual = new Matrix(rows, 300);
                Batches.gather(source, order, range[0], range[1], expected);
                gatherer.gather(source, order, range[0], range[1], actual);
                assertThat(actual.data()).isEqualTo(expected.data());
                Batches.gather(source, null, range[0], range[1], expected);
                gatherer.gather(source, null, range[0], range[1], actual);
                assertThat(actual.data()).isEqualTo(expected.data());
            }
        }
    }
}
