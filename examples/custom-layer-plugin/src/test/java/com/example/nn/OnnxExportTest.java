package com.example.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nn.api.Matrix;
import dev.nn.core.Network;
import dev.nn.onnx.OnnxExport;
import dev.nn.testkit.OneLayerNetwork;
import dev.nn.testkit.TestData;
import dev.nn.testkit.TestRegistry;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layers' ONNX descriptions ({@code nn export}): a trained network of both, exported with nn's
 * exporter, gives in ONNX Runtime what the network predicts. A plugin author can test theirs the same way.
 */
class OnnxExportTest {

    @Test
    void aTrainedNetworkOfBothLayersGivesInOnnxRuntimeWhatItPredicts() throws Exception {
        Network net = Network.builder(3)
                .registry(TestRegistry.with(new PRelu.Provider(), new GaussianNoise.Provider()))
                .add("prelu", Map.of("init", 0.25))
                .add("gaussian_noise", Map.of("stddev", 0.1))
                .add("prelu", Map.of("init", -0.5))
                .loss(TestRegistry.LOSS)
                .seed(4)
                .build();
        Matrix x = TestData.inputs(64, 3, 1);
        Matrix t = x.copy();
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = x.data()[i] > 0 ? x.data()[i] : 0.1f * x.data()[i];
        }
        OneLayerNetwork.train(net, x, t, 20, 0.1);
        byte[] onnx = OnnxExport.toBytes(net, List.of());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] actual;
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {64, 3});
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            actual = (float[][]) result.get(OnnxExport.PREDICTIONS).orElseThrow().getValue();
        }
        Matrix expected = net.predict(x);
        for (int r = 0; r < 64; r++) {
            assertThat(actual[r]).as("row %d", r).containsExactly(expected.row(r));
        }
        // Trained: the slopes moved away from where they started, so the comparison is not of two identities.
        assertThat(net.parameters().get(0).value().data()[0]).isNotEqualTo(0.25f);
    }
}
