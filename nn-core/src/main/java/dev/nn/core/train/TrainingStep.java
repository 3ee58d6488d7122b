package dev.nn.core.train;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.internal.Batches;
import dev.nn.core.internal.engine.Gradients;
import java.util.List;

/**
 * One step of gradient descent on one mini-batch: clear the gradients, forward, loss (with the
 * layers' penalties), backward, clip, update, then the layers' constraints. This is the whole of training; {@link Trainer} runs it over shuffled batches.
 *
 * <p>No update is made from a NaN or infinite loss or gradient: the step reports it
 * ({@link #updated()} is false) and leaves the weights as they were, so the caller can stop with a
 * message and the last good state is intact.
 *
 * <p>After the first batch of a given shape it allocates nothing: every matrix comes from the
 * context's buffers.
 */
public final class TrainingStep {
    private final Network net;
    private final Optimizer optimizer;
    private final Context ctx;
    private final List<Parameter> parameters;
    private final double clipNorm;
    private Matrix output;
    private boolean updated;

    /**
     * A step without gradient clipping.
     *
     * @param net       the network
     * @param optimizer the optimizer
     * @param ctx       the context to run in
     */
    public TrainingStep(Network net, Optimizer optimizer, Context ctx) {
        this(net, optimizer, ctx, 0);
    }

    /**
     * A step that also scales the gradients down when their global L2 norm exceeds {@code clipNorm}
     * (0: never), as PyTorch's {@code torch.nn.utils.clip_grad_norm_} does.
     * @param net       the network
     * @param optimizer the optimizer
     * @param ctx       the context to run in
     * @param clipNorm  the largest global gradient norm, or 0 for none
     */
    public TrainingStep(Network net, Optimizer optimizer, Context ctx, double clipNorm) {
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clip_norm must be > 0 (or 0 for none), got " + clipNorm);
        }
        this.net = net;
        this.optimizer = optimizer;
        this.ctx = ctx;
        this.parameters = net.parameters();
        this.clipNorm = clipNorm;
    }

    /**
     * Trains on one batch and returns its mean loss (before the update). A NaN or infinite loss is
     * returned as it is and no update is made; a finite loss with a NaN or infinite gradient is
     * returned too, with no update and {@link #updated()} false. A network with target scaling
     * ({@link Network#withTargetScaling}) is trained on the batch's targets scaled (in a copy; the
     * loss returned is the scaled targets' loss).
     *
     * @param inputs  the batch's inputs
     * @param targets the batch's targets, in their own units (not modified)
     * @return the batch's mean loss
     */
    public float run(Matrix inputs, Matrix targets) {
        updated = false;
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).grad().zero();
        }
        Matrix t = targets;
        if (net.preprocessing().scalesTargets()) {
            t = ctx.buffer(this, "scaledTargets", targets.rows(), targets.cols());
            t.copyFrom(targets);
            net.preprocessing().scaleTargetsInPlace(t);
        }
        Loss loss = net.loss();
        output = net.forward(inputs, ctx);
        // The layers' penalties (dense l1/l2) are part of what is minimised, so of the loss reported.
        float value = (float) (loss.forward(output, t, ctx) + net.penalty());
        if (!Float.isFinite(value)) {
            return value;
        }
        net.backward(loss.backward(output, t, ctx), ctx);
        if (clipNorm > 0 ? !clip() : !gradientsFinite()) {
            return value;
        }
        optimizer.step(parameters, ctx);
        net.afterStep(ctx);
        updated = true;
        return value;
    }

    /** {@return whether the last {@link #run} updated the parameters (false when its loss or gradient was not finite)} */
    public boolean updated() {
        return updated;
    }

    /** {@return the network's output for the last batch, as computed before the update} */
    public Matrix output() {
        return output;
    }

    /**
     * {@return how many rows of the last output predict their label}
     * (On a copy: the output stays intact.)
     *
     * @param labels    every example's class
     * @param order     the examples in batch order
     * @param from      where this batch starts in {@code order}
     * @param predicted room for the batch's predicted classes
     */
    public int correct(int[] labels, int[] order, int from, int[] predicted) {
        Matrix p = ctx.buffer(this, "predictions", output.rows(), output.cols());
        p.copyFrom(output);
        net.loss().toPrediction(p, ctx);
        Batches.classes(p, predicted, 0);
        int correct = 0;
        for (int r = 0; r < output.rows(); r++) {
            correct += predicted[r] == labels[order[from + r]] ? 1 : 0;
        }
        return correct;
    }

    private boolean gradientsFinite() {
        for (int i = 0; i < parameters.size(); i++) {
            if (!Gradients.allFinite(parameters.get(i).grad().data())) {
                return false;
            }
        }
        return true;
    }

    /**
     * PyTorch's {@code clip_grad_norm_}: with {@code total} the L2 norm of all gradients together,
     * multiplies every gradient by {@code clipNorm / (total + 1e-6)} when that is below 1. Returns
     * false, changing nothing, when the norm is not finite.
     */
    private boolean clip() {
        double sum = 0;
        for (int i = 0; i < parameters.size(); i++) {
            sum += Gradients.sumOfSquares(parameters.get(i).grad().data());
        }
        double total = Math.sqrt(sum);
        if (!Double.isFinite(total)) {
            return false;
        }
        double coefficient = clipNorm / (total + 1e-6);
        if (coefficient < 1) {
            for (int i = 0; i < parameters.size(); i++) {
                Gradients.scale(parameters.get(i).grad().data(), (float) coefficient);
            }
        }
        return true;
    }
}
