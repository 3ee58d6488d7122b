package dev.nn.onnx;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;

/**
 * A plugin loss whose predictions are half the outputs, with no ONNX description of that: squared
 * error for training. Found by ServiceLoader through this module's test resources.
 */
public final class NoOnnxLoss implements Loss {
    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        double sum = 0;
        for (int i = 0; i < output.size(); i++) {
            double d = output.data()[i] - target.data()[i];
            sum += d * d;
        }
        return (float) (sum / output.rows());
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        Matrix g = ctx.buffer(this, "gradient", output.rows(), output.cols());
        for (int i = 0; i < output.size(); i++) {
            g.data()[i] = 2 * (output.data()[i] - target.data()[i]) / output.rows();
        }
        return g;
    }

    @Override
    public void toPrediction(Matrix output, Context ctx) {
        for (int i = 0; i < output.size(); i++) {
            output.data()[i] *= 0.5f;
        }
    }

    /** The {@code halved_mse} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "halved_mse";
        }

        @Override
        public String description() {
            return "squared error, predictions halved (a test plugin without an ONNX description)";
        }

        @Override
        public Loss create(Options options) {
            return new NoOnnxLoss();
        }
    }
}
