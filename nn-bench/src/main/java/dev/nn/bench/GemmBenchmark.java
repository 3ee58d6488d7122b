package dev.nn.bench;

import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.core.registry.PluginRegistry;
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
 * Float32 gemm speed, {@code C = op(A) op(B)}, on square sizes and on the products one training
 * step of a 784-100-10 network makes at batch 128.
 *
 * <p>A shape is {@code sq<N>} (N x N times N x N) or {@code <name>_<M>x<K>x<N>}, optionally with
 * {@code _tA} / {@code _tB}: op(A) is M x K, op(B) is K x N, and a transposed operand is stored
 * the other way round and read in place. Each call does {@code 2 M N K} floating-point
 * operations; the {@code gflop} counter reports GFLOP/s directly (the primary score is calls/s).
 * The shapes and names are those of {@code bench/openblas_gemm.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    @Param({
        "sq64",
        "sq128",
        "sq256",
        "sq512",
        "sq1024",
        "fwd_128x784x100",
        "dW_784x128x100_tA",
        "dX_128x100x784_tB",
        "fwd_128x100x10",
        "dW_100x128x10_tA",
        "dX_128x10x100_tB"
    })
    public String shape;

    @Param({"vector", "scalar"})
    public String engine;

    @Param({"1", "2"})
    public int threads;

    private Engine gemm;
    private boolean transA;
    private boolean transB;
    private Matrix a;
    private Matrix b;
    private Matrix c;
    private double gflopPerCall;

    /** GFLOP done, reported by JMH as GFLOP per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Shape s = Shape.parse(shape);
        gemm = PluginRegistry.defaultRegistry().engine(engine, threads);
        transA = s.transA;
        transB = s.transB;
        SplittableRandom random = new SplittableRandom(42);
        a = s.transA ? Workloads.uniform(s.k, s.m, random) : Workloads.uniform(s.m, s.k, random);
        b = s.transB ? Workloads.uniform(s.n, s.k, random) : Workloads.uniform(s.k, s.n, random);
        c = new Matrix(s.m, s.n);
        gflopPerCall = 2.0 * s.m * s.n * s.k / 1e9;
    }

    @Benchmark
    public Matrix gemm(Flops flops) {
        gemm.gemm(transA, transB, 1f, a, b, 0f, c);
        flops.gflop += gflopPerCall;
        return c;
    }

    /** The dimensions of one product; see the class comment for the notation. */
    record Shape(int m, int k, int n, boolean transA, boolean transB) {
        static Shape parse(String name) {
            if (name.startsWith("sq")) {
                int size = Integer.parseInt(name.substring(2));
                return new Shape(size, size, size, false, false);
            }
            String[] parts = name.split("_");
            if (parts.length < 2) {
                throw new IllegalArgumentException(
                        "shape '" + name + "' is neither sq<N> nor <name>_<M>x<K>x<N>[_tA][_tB]");
            }
            String[] dims = parts[1].split("x");
            if (dims.length != 3) {
                throw new IllegalArgumentException("shape '" + name + "': expected M x K x N, got '" + parts[1] + "'");
            }
            boolean ta = false;
            boolean tb = false;
            for (int i = 2; i < parts.length; i++) {
                switch (parts[i]) {
                    case "tA" -> ta = true;
                    case "tB" -> tb = true;
                    default ->
                        throw new IllegalArgumentException(
                                "shape '" + name + "': unknown flag '" + parts[i] + "', expected tA or tB");
                }
            }
            return new Shape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), ta, tb);
        }
    }
}
