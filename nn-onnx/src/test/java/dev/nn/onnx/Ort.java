package dev.nn.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.nn.api.Matrix;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an exported model in ONNX Runtime (its native library is loaded from the jar). */
final class Ort {
    private Ort() {}

    /** What ONNX Runtime gives for {@code x}: the float output as a matrix and, for a classifier, the labels. */
    record Outputs(Matrix values, long[] labels) {}

    static Outputs run(byte[] model, Matrix x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                    OnnxTensor input =
                            OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {x.rows(), x.cols()});
                    OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
                boolean classifier = session.getOutputNames().contains(OnnxExport.LABEL);
                float[][] values =
                        (float[][]) result.get(classifier ? OnnxExport.PROBABILITIES : OnnxExport.PREDICTIONS)
                                .orElseThrow()
                                .getValue();
                long[] labels = classifier
                        ? (long[]) result.get(OnnxExport.LABEL).orElseThrow().getValue()
                        : null;
                Matrix m = new Matrix(values.length, values.length == 0 ? 0 : values[0].length);
                for (int r = 0; r < values.length; r++) {
                    System.arraycopy(values[r], 0, m.data(), r * m.cols(), m.cols());
                }
                return new Outputs(m, labels);
            }
        }
    }
}
