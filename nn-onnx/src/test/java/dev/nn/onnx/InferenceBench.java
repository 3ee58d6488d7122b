package dev.nn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inference speed of one 784-256-128-10 network (relu or gelu, softmax out) in nn ({@code Network.predict},
 * engine with 2 threads) and in ONNX Runtime ({@code OrtSession.run} on its export, 2 intra-op threads):
 * latency of one example and throughput at batches of 1024. Not a test: a main in the test sources,
 * for ONNX Runtime is a test dependency only; bench/onnx_speed.sh runs it. Arguments: the activation
 * (relu or gelu, default relu) and the seconds to time each figure (default 5).
 */
public final class InferenceBench {
    private InferenceBench() {}

    public static void main(String[] args) throws Exception {
        String activation = args.length > 0 ? args[0] : "relu";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Network net = Network.builder(784)
                .add(Spec.of("dense", Map.of("units", 256, "init", "he_normal")))
                .add(Spec.of(activation))
                .add(Spec.of("dense", Map.of("units", 128, "init", "he_normal")))
                .add(Spec.of(activation))
                .add(Spec.of("dense", Map.of("units", 10)))
                .loss(Spec.of("softmax_cross_entropy"))
                .seed(1)
                .threads(2)
                .build();
        byte[] onnx = OnnxExport.toBytes(net, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        SplittableRandom random = new SplittableRandom(2);
        Matrix big = new Matrix(1024, 784);
        for (int i = 0; i < big.size(); i++) {
            big.data()[i] = (float) random.nextDouble();
        }
        Matrix one = Matrix.wrap(1, 784, Arrays.copyOf(big.data(), 784));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        try (OrtSession session = env.createSession(onnx, options)) {
            Scorer nn = x -> net.predict(x).data()[0];
            Scorer ort = x -> {
                try (OnnxTensor input = OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(x.data()), new long[] {x.rows(), x.cols()});
                        OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
                    return ((float[][]) result.get(OnnxExport.PROBABILITIES)
                                    .orElseThrow()
                                    .getValue())
                            [0][0];
                }
            };
            float a = nn.score(big);
            float b = ort.score(big);
            System.out.printf(Locale.ROOT, "784-256-128-10 %s, softmax; %s%n", activation, environment());
            System.out.printf(Locale.ROOT, "first probability: nn %.7f, ONNX Runtime %.7f%n", a, b);
            // Alternating rounds, so a change in the machine's load touches both alike.
            double[] nnLatency = new double[3];
            double[] ortLatency = new double[3];
            double[] nnRate = new double[3];
            double[] ortRate = new double[3];
            for (int round = 0; round < 3; round++) {
                nnLatency[round] = perCall(nn, one, seconds / 3);
                ortLatency[round] = perCall(ort, one, seconds / 3);
                nnRate[round] = 1024 / perCall(nn, big, seconds / 3);
                ortRate[round] = 1024 / perCall(ort, big, seconds / 3);
            }
            double nl = best(nnLatency, true);
            double ol = best(ortLatency, true);
            double nr = best(nnRate, false);
            double or = best(ortRate, false);
            System.out.printf(
                    Locale.ROOT,
                    "batch 1 latency:       nn %8.1f us, ONNX Runtime %8.1f us  (nn / ORT time %.2f)%n",
                    nl * 1e6,
                    ol * 1e6,
                    nl / ol);
            System.out.printf(
                    Locale.ROOT,
                    "batch 1024 throughput: nn %8.0f rows/s, ONNX Runtime %8.0f rows/s  (nn / ORT rate %.2f)%n",
                    nr,
                    or,
                    nr / or);
        }
    }

    @FunctionalInterface
    interface Scorer {
        float score(Matrix x) throws Exception;
    }

    /** Seconds per call: warmed up, then as many calls as fit in {@code seconds}. */
    private static double perCall(Scorer scorer, Matrix x, double seconds) throws Exception {
        long warm = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warm) {
            scorer.score(x);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long calls = 0;
        float sink = 0;
        while (System.nanoTime() < end) {
            sink += scorer.score(x);
            calls++;
        }
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("NaN");
        }
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    private static double best(double[] values, boolean lowest) {
        return lowest
                ? Arrays.stream(values).min().orElseThrow()
                : Arrays.stream(values).max().orElseThrow();
    }

    private static String environment() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        return "Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + OrtEnvironment.getEnvironment().getVersion() + " ONNX Runtime, load average " + load;
    }
}
