package dev.nn.onnx;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Parameter;
import java.util.List;

/**
 * A plugin layer with no ONNX description (it doubles its input), found by ServiceLoader through
 * this module's test resources, as a third-party plugin on the class path would be.
 */
public final class NoOnnxLayer implements Layer {
    private final int size;

    NoOnnxLayer(int size) {
        this.size = size;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix input, Context ctx) {
        Matrix y = ctx.buffer(this, "output", input.rows(), size);
        for (int i = 0; i < y.data().length; i++) {
            y.data()[i] = 2 * input.data()[i];
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Context ctx) {
        Matrix dx = ctx.buffer(this, "gradInput", gradOutput.rows(), size);
        for (int i = 0; i < dx.data().length; i++) {
            dx.data()[i] = 2 * gradOutput.data()[i];
        }
        return dx;
    }

    /** The {@code doubling} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "doubling";
        }

        @Override
        public String description() {
            return "doubles its input (a test plugin without an ONNX description)";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new NoOnnxLayer(inputSize);
        }
    }
}
