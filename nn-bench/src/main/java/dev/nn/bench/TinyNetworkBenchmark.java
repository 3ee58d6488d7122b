package dev.nn.bench;

import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.TrainingStep;
import dev.nn.plugins.Optimizers;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training steps per second of a 2-16-16-1 network (ReLU, ReLU, sigmoid output, MSE, SGD 0.1) at
 * batch 32: so little arithmetic that the score is the framework's per-step overhead. The peer is
 * {@code bench/tiny_steps.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TinyNetworkBenchmark {

    @Param({"1", "2"})
    public int threads;

    /** An engine name, or {@code default} for the best one available. */
    @Param({Workloads.DEFAULT_ENGINE})
    public String engine;

    /**
     * The multiply-adds the engine is told the job has ({@code Engine.expectWork}): 0, a job as small
     * as any a network this size makes, for which the trainer has the vector engine take its plain
     * kernels; or {@code 9223372036854775807}, which keeps it on the vector kernels.
     */
    @Param({"0", "9223372036854775807"})
    public long expectedWork;

    private TrainingStep step;
    private Matrix inputs;
    private Matrix targets;

    @Setup
    public void setUp() {
        Network net = Workloads.tiny(Workloads.engine(engine, threads), 0);
        net.engine().expectWork(expectedWork);
        var optimizer = PluginRegistry.defaultRegistry().optimizer(Optimizers.sgd(0.1), "optimizer");
        step = new TrainingStep(net, optimizer, new Workspace(net.engine(), 0).training(true));
        SplittableRandom random = new SplittableRandom(0);
        inputs = Workloads.normal(32, 2, random);
        targets = Workloads.uniform(32, 1, random);
    }

    @Benchmark
    public float step() {
        return step.run(inputs, targets);
    }
}
