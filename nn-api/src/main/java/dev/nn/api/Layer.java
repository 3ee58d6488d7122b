package dev.nn.api;

import java.util.List;

/**
 * One stage of a feed-forward network: a map from {@code inputSize()} to {@code outputSize()}
 * features per example, and its derivative.
 *
 * <p>{@link #forward} keeps what {@link #backward} needs (for example its input or output).
 * {@link #backward} receives dLoss/dOutput for the same batch, <em>adds</em> the parameter
 * gradients into {@link Parameter#grad()} and returns dLoss/dInput. Return matrices from
 * {@link Context#buffer} so nothing is allocated per batch; the returned matrix may be read by
 * the caller until this layer's next call. Do not modify the input or the incoming gradient.
 *
 * <p><b>Inference runs on many threads at once.</b> When {@link Context#training()} is false,
 * {@link #forward} may be called for the same layer from several threads at the same time, each
 * with its own context (a loaded network serves predictions that way). It must then write no
 * field of the layer: keep per-call data in the context's buffers or in locals, and keep what
 * {@link #backward} needs only while training.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /** The trainable parameters, in a fixed order; empty for activations. */
    List<Parameter> parameters();

    /** The output for a batch ({@code rows = examples}, {@code cols = inputSize()}). */
    Matrix forward(Matrix input, Context ctx);

    /** dLoss/dInput given dLoss/dOutput; adds into the parameters' gradients. */
    Matrix backward(Matrix gradOutput, Context ctx);

    /**
     * Adds into the parameters' gradients like {@link #backward}, for a layer whose input gradient
     * nobody needs (the first trainable layer of a network). Override it when skipping dLoss/dInput
     * saves work, as {@code dense} does: its input gradient costs as much as its forward pass.
     */
    default void backwardToParameters(Matrix gradOutput, Context ctx) {
        backward(gradOutput, ctx);
    }

    /**
     * What this layer's outputs can be when its inputs are in {@code input}, at prediction time: a
     * sigmoid gives {@link OutputRange#PROBABILITIES}, a dense layer {@link OutputRange#ANY}, a layer
     * that passes values through returns {@code input}. The network folds it over its layers so that
     * a loss can refuse outputs it cannot train ({@link Loss#cannotTrain}). The default,
     * {@link OutputRange#UNKNOWN}, refuses nothing.
     */
    default OutputRange outputRange(OutputRange input) {
        return OutputRange.UNKNOWN;
    }
}
