package dev.nn.bench;

import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.TrainingStep;
import dev.nn.plugins.Optimizers;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step ({@link TrainingStep#run}: forward, loss, backward, SGD with momentum) of
 * the 784-100-10 ReLU softmax cross-entropy network on a fixed random batch.
 *
 * <p>The primary score is steps/s; the {@code examples} counter reports examples/s. Run it with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per step, which should be 0
 * once the first batch has sized the buffers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {

    @Param({"32", "128", "512"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    /** An engine name, or {@code default} for the best one available. */
    @Param({Workloads.DEFAULT_ENGINE})
    public String engine;

    private TrainingStep step;
    private Matrix inputs;
    private Matrix targets;

    /** Examples trained on, reported by JMH as examples per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Examples {
        public long examples;

        @Setup(Level.Iteration)
        public void reset() {
            examples = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Network net = Workloads.fashionMlp(Workloads.engine(engine, threads), 5);
        var optimizer =
                PluginRegistry.defaultRegistry().optimizer(Optimizers.sgd(0.1).momentum(0.9), "optimizer");
        step = new TrainingStep(net, optimizer, new Workspace(net.engine(), 5).training(true));
        SplittableRandom random = new SplittableRandom(5);
        inputs = Workloads.uniform(batch, 784, random);
        targets = Workloads.oneHot(batch, 10, random);
    }

    @Benchmark
    public float step(Examples counter) {
        counter.examples += batch;
        return step.run(inputs, targets);
    }
}
