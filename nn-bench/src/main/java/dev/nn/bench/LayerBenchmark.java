package dev.nn.bench;

import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.plugins.Activations;
import dev.nn.plugins.Layers;
import dev.nn.plugins.Losses;
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
 * One training forward and backward pass of a single elementwise or normalising layer on a batch
 * of {@code batch x 256} values, as fashion-mnist-bn's hidden layers see them: {@code gelu} (the
 * engine's kernel), its {@code tanh} form, {@code sigmoid} (the engine's kernels too), {@code relu} for scale, and
 * {@code batch_norm}.
 *
 * <p>The primary score is passes/s; the {@code elements} counter reports values per second
 * (forward and backward of one value counted once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerBenchmark {
    private static final int WIDTH = 256;

    @Param({"gelu", "gelu_tanh", "sigmoid", "relu", "batch_norm"})
    public String layer;

    @Param({"128"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    /** An engine name, or {@code default} for the best one available. */
    @Param({Workloads.DEFAULT_ENGINE})
    public String engine;

    private Layer under;
    private Workspace ctx;
    private Matrix input;
    private Matrix gradient;

    /** Values passed through the layer, reported by JMH as values per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Elements {
        public long elements;

        @Setup(Level.Iteration)
        public void reset() {
            elements = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Spec spec = switch (layer) {
            case "gelu" -> Activations.gelu();
            case "gelu_tanh" -> Activations.gelu("tanh");
            case "sigmoid" -> Activations.sigmoid();
            case "relu" -> Activations.relu();
            case "batch_norm" -> Layers.batchNorm();
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        };
        Network net = Network.builder(WIDTH)
                .add(spec)
                .loss(Losses.mse())
                .engine(Workloads.engine(engine, threads))
                .seed(5)
                .build();
        under = net.layers().get(0);
        ctx = new Workspace(net.engine(), 5).training(true);
        SplittableRandom random = new SplittableRandom(5);
        input = Workloads.uniform(batch, WIDTH, random);
        gradient = Workloads.uniform(batch, WIDTH, random);
        // Values as a hidden layer's, around zero on both sides.
        for (float[] a : new float[][] {input.data(), gradient.data()}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = 4 * a[i] - 2;
            }
        }
    }

    @Benchmark
    public Matrix forwardAndBackward(Elements counter) {
        under.forward(input, ctx);
        counter.elements += (long) batch * WIDTH;
        return under.backward(gradient, ctx);
    }
}
