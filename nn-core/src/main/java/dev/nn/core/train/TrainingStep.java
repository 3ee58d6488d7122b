package dev.nn.core.train;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import java.util.List;

/**
 * One step of gradient descent on one mini-batch: clear the gradients, forward, loss, backward,
 * update. This is the whole of training; {@link Trainer} runs it over shuffled batches.
 *
 * <p>After the first batch of a given shape it allocates nothing: every matrix comes from the
 * context's buffers.
 */
public final class TrainingStep {
    private final Network net;
    private final Optimizer optimizer;
    private final Context ctx;
    private final List<Parameter> parameters;
    private Matrix output;

    public TrainingStep(Network net, Optimizer optimizer, Context ctx) {
        this.net = net;
        this.optimizer = optimizer;
        this.ctx = ctx;
        this.parameters = net.parameters();
    }

    /**
     * Trains on one batch and returns its mean loss (before the update). A NaN or infinite loss is
     * returned as it is and no update is made, so the caller can stop with a message.
     */
    public float run(Matrix inputs, Matrix targets) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).grad().zero();
        }
        Loss loss = net.loss();
        output = net.forward(inputs, ctx);
        float value = loss.forward(output, targets, ctx);
        if (!Float.isFinite(value)) {
            return value;
        }
        net.backward(loss.backward(output, targets, ctx), ctx);
        optimizer.step(parameters, ctx);
        return value;
    }

    /** The network's output for the last batch, as computed before the update. */
    public Matrix output() {
        return output;
    }
}
