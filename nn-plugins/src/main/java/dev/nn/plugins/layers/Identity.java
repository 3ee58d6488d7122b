package dev.nn.plugins.layers;

import dev.nn.api.Context;
import dev.nn.api.InitContext;
import dev.nn.api.Layer;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.OnnxGraph;
import dev.nn.api.Options;
import dev.nn.api.OutputRange;
import dev.nn.api.Parameter;
import java.util.List;

/** Passes values through unchanged (a linear output, stated explicitly). */
public final class Identity implements Layer, OnnxExportable {
    private final int size;

    /**
     * An identity of {@code size} inputs.
     *
     * @param size the number of inputs (and outputs)
     */
    public Identity(int size) {
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
    public OutputRange outputRange(OutputRange input) {
        return input;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix forward(Matrix x, Context ctx) {
        return x;
    }

    @Override
    public Matrix backward(Matrix g, Context ctx) {
        return g;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return input;
    }

    /** The {@code identity} provider. */
    public static final class Provider implements LayerProvider {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public String description() {
            return "passes values through unchanged";
        }

        @Override
        public Layer create(Options options, int inputSize, InitContext init) {
            return new Identity(inputSize);
        }
    }
}
