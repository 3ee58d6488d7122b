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

    /** {@return the number of inputs per example} */
    int inputSize();

    /** {@return the number of outputs per example} */
    int outputSize();

    /** {@return the trainable parameters, in a fixed order; empty for activations} */
    List<Parameter> parameters();

    /**
     * {@return the output for a batch ({@code rows = examples}, {@code cols = inputSize()})}
     *
     * @param input the batch, one example per row
     * @param ctx   the engine, mode, random source and buffers
     */
    Matrix forward(Matrix input, Context ctx);

    /**
     * {@return dLoss/dInput given dLoss/dOutput; adds into the parameters' gradients}
     *
     * @param gradOutput dLoss/dOutput for the batch of the last training {@link #forward}
     * @param ctx        the engine, mode, random source and buffers
     */
    Matrix backward(Matrix gradOutput, Context ctx);

    /**
     * Adds into the parameters' gradients like {@link #backward}, for a layer whose input gradient
     * nobody needs (the first trainable layer of a network). Override it when skipping dLoss/dInput
     * saves work, as {@code dense} does: its input gradient costs as much as its forward pass.
     *
     * @param gradOutput dLoss/dOutput for the batch of the last training {@link #forward}
     * @param ctx        the engine, mode, random source and buffers
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
     *
     * @param input what this layer's inputs can be
     * @return what its outputs can be, or {@link OutputRange#UNKNOWN}
     * @since SPI 1.1
     */
    default OutputRange outputRange(OutputRange input) {
        return OutputRange.UNKNOWN;
    }

    /**
     * {@return arrays this layer keeps that training changes but no gradient reaches, in a fixed order:
     * {@code batch_norm}'s running mean and variance} They are saved in model files and checkpoints
     * beside the parameters (named as parameters are) and restored with them, and no optimizer sees
     * them. A layer updates its buffers only in a training {@link #forward}; at inference it only
     * reads them. Only {@link Parameter#value()} of a buffer is used.
     *
     * @since SPI 1.4
     */
    default List<Parameter> buffers() {
        return List.of();
    }

    /**
     * {@return the fewest examples a training batch may hold, 1 by default} A layer that normalises
     * over the batch, as {@code batch_norm} does, needs 2: the trainer then refuses, before it
     * starts, a batch size that would leave a batch of one.
     *
     * @since SPI 1.4
     */
    default int minimumTrainingBatch() {
        return 1;
    }

    /**
     * {@return whether, while training, one example's output depends on the other examples of its
     * batch} A layer normalising with batch statistics ({@code batch_norm}) does; by default a layer
     * that needs more than one example per batch ({@link #minimumTrainingBatch()}) is taken to.
     *
     * <p>The trainer can compute a batch of independent rows in logical shards
     * ({@code train.shard_rows}), their gradients summed in shard order, which is what lets
     * exact distributed training (nn-spark's {@code local_steps: 1}) spread a batch over machines
     * with the same bits. A network with a layer that mixes rows is trained on whole batches instead,
     * and exact distributed training refuses it.
     *
     * @since SPI 1.5
     */
    default boolean mixesRows() {
        return minimumTrainingBatch() > 1;
    }

    /**
     * {@return the penalty this layer adds to the training loss for its current parameters, 0 by
     * default} A layer with a penalty (a dense layer's {@code l1} and {@code l2}) also adds its
     * gradient into its parameters' gradients in {@link #backward} (and
     * {@link #backwardToParameters}); the trainer adds the value to the batch's loss, so the loss it
     * reports is the one being minimised.
     *
     * @since SPI 1.4
     */
    default double penalty() {
        return 0;
    }

    /**
     * Called after every optimizer step, to put the parameters back inside a constraint (a dense
     * layer's {@code max_norm}); does nothing by default.
     *
     * @param ctx the engine, mode, random source and buffers
     * @since SPI 1.4
     */
    default void afterStep(Context ctx) {}
}
