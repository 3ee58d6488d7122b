package dev.nn.plugins;

import static dev.nn.plugins.Activations.relu;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.internal.Batches;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.TrainingStep;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-batch work of training (gather the shuffled rows, one step with momentum SGD, the
 * training accuracy) allocates nothing once warm, on the default engine with 1 and 2 threads, on
 * its vector kernels and on its plain ones.
 * Bytes are counted per thread, so this is a count, not a timing.
 */
class TrainingStepAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0} thread(s), a job expected of {1} multiply-adds")
    @CsvSource({"1, 9223372036854775807", "2, 9223372036854775807", "1, 0", "2, 0"})
    @Timeout(120)
    void aWarmBatchAllocatesNothing(int threads, long expectedWork) {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Engine engine = PluginRegistry.defaultRegistry().engine(null, threads);
        // A small job takes the vector engine's plain kernels, a large one its vector kernels.
        engine.expectWork(expectedWork);
        try {
            assertAWarmBatchAllocatesNothing(engine);
        } finally {
            engine.expectWork(Long.MAX_VALUE); // the plain updates' switch is the JVM's, not the engine's
        }
    }

    private static void assertAWarmBatchAllocatesNothing(Engine engine) {
        Network net = Network.builder(784)
                .add(dense(100).activation(relu()))
                .add(dropout(0.2))
                .add(dense(10))
                .loss(softmaxCrossEntropy())
                .seed(3)
                .engine(engine)
                .build();
        Optimizer sgd =
                PluginRegistry.defaultRegistry().optimizer(Optimizers.sgd(0.05).momentum(0.9), "optimizer");
        Workspace ctx = new Workspace(engine, 7).training(true);
        TrainingStep step = new TrainingStep(net, sgd, ctx);
        SplittableRandom random = new SplittableRandom(5);
        Matrix data = new Matrix(2000, 784);
        for (int i = 0; i < data.data().length; i++) {
            data.data()[i] = (float) random.nextDouble();
        }
        int[] order = new int[2000];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 7919) % order.length;
        }
        Batches.Gatherer gatherer = new Batches.Gatherer(engine);
        Matrix x = new Matrix(128, 784);
        Matrix t = new Matrix(128, 10);
        Matrix p = new Matrix(128, 10);
        int[] predicted = new int[128];
        for (int r = 0; r < 128; r++) {
            t.data()[r * 10 + r % 10] = 1f;
        }
        int[] from = {0};
        Runnable batch = () -> {
            int start = from[0];
            from[0] = (start + 128) % (order.length - 128);
            gatherer.gather(data, order, start, start + 128, x);
            step.run(x, t);
            p.copyFrom(step.output());
            net.loss().toPrediction(p, ctx);
            Batches.classes(p, predicted, 0);
        };
        batch.run();
        long[] ids = threadIds();
        long allocated = -1;
        for (int window = 0; window < 100 && allocated != 0; window++) {
            long before = allocatedBytes(ids);
            for (int i = 0; i < 50; i++) {
                batch.run();
            }
            allocated = allocatedBytes(ids) - before;
        }
        assertThat(allocated).as("bytes allocated by 50 warm batches").isZero();
    }

    private static long[] threadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains("-worker-")) {
                ids.add(thread.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocatedBytes(long[] ids) {
        long total = 0;
        for (long id : ids) {
            total += Math.max(THREADS.getThreadAllocatedBytes(id), 0);
        }
        return total;
    }
}
