package dev.nn.core.train;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.internal.Batches;
import dev.nn.core.internal.Seeds;
import dev.nn.core.internal.engine.Gradients;
import java.util.List;

/**
 * One step of gradient descent on one mini-batch: clear the gradients, forward, loss (with the
 * layers' penalties), backward, clip, update, then the layers' constraints. This is the whole of
 * training; {@link Trainer} runs it over shuffled batches.
 *
 * <p><b>Logical shards</b> ({@code train.shard_rows}, off by default). A batch of more than
 * {@link #shardRows()} rows is computed that many rows at a time: each shard's forward, loss and backward on its own (its
 * dropout from its own seed, {@link #shardSeed}), and the batch's gradient is the shards' gradients
 * weighted by their share of the loss's divisor ({@link Loss#weight}) and summed in shard order
 * ({@link #addShard}). The result is the loss's mean over the whole batch, as before, and it depends
 * only on the batch, never on where each shard was computed: exact distributed training
 * (nn-spark's {@code local_steps: 1}) computes the shards on several machines, combines them with
 * the same {@link #addShard} in the same order and applies them with {@link #apply}, and gets these
 * bits. A batch of at most {@link #shardRows()} rows is one shard, computed as a whole; so is a
 * batch of a network with a layer that mixes rows ({@link Network#rowMixingLayer()}, batch_norm).
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
    private final boolean shardable;
    private final int shardRows;
    private Matrix output;
    private boolean updated;
    private double shardWeight;
    private Matrix shardOutput;

    /**
     * A step without gradient clipping.
     *
     * @param net       the network
     * @param optimizer the optimizer
     * @param ctx       the context to run in
     */
    public TrainingStep(Network net, Optimizer optimizer, Context ctx) {
        this(net, optimizer, ctx, 0, 0);
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
        this(net, optimizer, ctx, clipNorm, 0);
    }

    /**
     * A step that computes batches of more than {@code shardRows} rows in logical shards of that many
     * rows (0: whole batches), and clips as {@link #TrainingStep(Network, Optimizer, Context, double)}.
     *
     * @param net       the network
     * @param optimizer the optimizer
     * @param ctx       the context to run in
     * @param clipNorm  the largest global gradient norm, or 0 for none
     * @param shardRows the rows of a logical shard, or 0 for whole batches
     */
    public TrainingStep(Network net, Optimizer optimizer, Context ctx, double clipNorm, int shardRows) {
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clip_norm must be > 0 (or 0 for none), got " + clipNorm);
        }
        if (shardRows < 0) {
            throw new IllegalArgumentException("shard_rows must be at least 0, got " + shardRows);
        }
        this.shardRows = shardRows;
        this.net = net;
        this.optimizer = optimizer;
        this.ctx = ctx;
        this.parameters = net.parameters();
        this.clipNorm = clipNorm;
        this.shardable = net.rowMixingLayer() == null;
    }

    /**
     * {@return how many logical shards a batch of {@code rows} rows is computed in}
     *
     * @param rows the batch's rows
     */
    public int shards(int rows) {
        return !sharded(rows) ? 1 : (rows + shardRows - 1) / shardRows;
    }

    /** {@return the largest global gradient norm before clipping, 0 for none} */
    public double clipNorm() {
        return clipNorm;
    }

    /** {@return the rows of a logical shard, 0 when batches are computed whole} */
    public int shardRows() {
        return shardRows;
    }

    private boolean sharded(int rows) {
        return shardRows > 0 && rows > shardRows && shardable;
    }

    /**
     * {@return the seed of shard {@code shard}'s random stream (its dropout), from the batch's seed}
     * Shard 0 keeps the batch's seed.
     *
     * @param batchSeed the batch's seed
     * @param shard     the shard, from 0
     */
    public static long shardSeed(long batchSeed, int shard) {
        return shard == 0 ? batchSeed : Seeds.mix(batchSeed + Seeds.GOLDEN_GAMMA * shard);
    }

    /**
     * Adds shard {@code shard}'s gradient {@code gradient}, weighted by {@code weight / total}, into
     * {@code sum}: the one way a batch's shards are combined, on one machine or several. Shards are
     * added in order, from shard 0, which sets {@code sum}; a shard of weight 0 adds nothing.
     *
     * @param sum      the batch's gradient so far, changed in place
     * @param gradient the shard's gradient (the loss's mean over the shard)
     * @param shard    the shard's index, from 0
     * @param weight   the shard's weight ({@link Loss#weight} of its targets)
     * @param total    the weights of every shard of the batch, added in shard order
     */
    public static void addShard(float[] sum, float[] gradient, int shard, double weight, double total) {
        float scale = weight == 0 ? 0f : (float) (weight / total);
        if (shard == 0) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] = scale * gradient[i];
            }
        } else if (scale != 0) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += scale * gradient[i];
            }
        }
    }

    /**
     * {@return a shard's loss weighted into the batch's loss so far, the shards taken in order from a sum of 0}
     *
     * @param sum    the weighted losses of the shards before
     * @param loss   the shard's loss
     * @param weight the shard's weight
     * @param total  the weights of every shard of the batch
     */
    public static double addShardLoss(double sum, float loss, double weight, double total) {
        return weight == 0 ? sum : sum + weight / total * loss;
    }

    /**
     * Trains on one batch and returns its mean loss (before the update), the context's random source
     * continuing as it stands (through the shards in turn). See {@link #run(Matrix, Matrix, long)}.
     *
     * @param inputs  the batch's inputs
     * @param targets the batch's targets, in their own units (not modified)
     * @return the batch's mean loss
     */
    public float run(Matrix inputs, Matrix targets) {
        return run(inputs, targets, 0, false);
    }

    /**
     * Trains on one batch and returns its mean loss (before the update), each shard's random stream
     * seeded from {@code seed} ({@link #shardSeed}). A NaN or infinite loss is returned as it is and
     * no update is made; a finite loss with a NaN or infinite gradient is returned too, with no update
     * and {@link #updated()} false. A network with target scaling ({@link Network#withTargetScaling})
     * is trained on the batch's targets scaled (in a copy; the loss returned is the scaled targets'
     * loss).
     *
     * @param inputs  the batch's inputs
     * @param targets the batch's targets, in their own units (not modified)
     * @param seed    the batch's seed
     * @return the batch's mean loss
     */
    public float run(Matrix inputs, Matrix targets, long seed) {
        return run(inputs, targets, seed, true);
    }

    private float run(Matrix inputs, Matrix targets, long seed, boolean reseed) {
        updated = false;
        int rows = inputs.rows();
        if (!sharded(rows)) {
            if (reseed) {
                reseed(seed);
            }
            float loss = shard(inputs, targets);
            float value = (float) (loss + net.penalty());
            if (Float.isFinite(value)) {
                apply();
            }
            return value;
        }
        int count = shards(rows);
        double total = 0;
        for (int j = 0; j < count; j++) {
            total += net.loss().weight(rows(targets, j, "shardTargets"));
        }
        Matrix out = null;
        double value = 0;
        for (int j = 0; j < count; j++) {
            if (reseed) {
                reseed(shardSeed(seed, j));
            }
            Matrix x = rows(inputs, j, "shardInputs");
            float loss = shard(x, rows(targets, j, "shardTargets"));
            value = addShardLoss(value, loss, shardWeight, total);
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                addShard(sum(p).data(), p.grad().data(), j, shardWeight, total);
            }
            if (out == null) {
                out = ctx.buffer(this, "output", rows, shardOutput.cols());
            }
            System.arraycopy(shardOutput.data(), 0, out.data(), j * shardRows * out.cols(), shardOutput.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            p.grad().copyFrom(sum(p));
        }
        output = out;
        float batchLoss = (float) (value + net.penalty());
        if (Float.isFinite(batchLoss)) {
            apply();
        }
        return batchLoss;
    }

    private void reseed(long seed) {
        if (!(ctx instanceof Workspace w)) {
            throw new IllegalStateException("a seeded step needs a Workspace context, not "
                    + ctx.getClass().getName());
        }
        w.reseed(seed);
    }

    /** {@return parameter {@code p}'s gradient sum over the shards of a batch} */
    private Matrix sum(Parameter p) {
        Matrix g = p.grad();
        return ctx.buffer(p, "shardSum", g.rows(), g.cols());
    }

    /** {@return the rows of shard {@code shard} of {@code m}, in a buffer} */
    private Matrix rows(Matrix m, int shard, String key) {
        int from = shard * shardRows;
        int count = Math.min(shardRows, m.rows() - from);
        Matrix part = ctx.buffer(this, key, count, m.cols());
        System.arraycopy(m.data(), from * m.cols(), part.data(), 0, count * m.cols());
        return part;
    }

    /**
     * The forward, loss and backward of one shard (or of a batch computed whole), in the context's
     * random stream as it stands: the parameters' gradients are cleared and then hold the gradient
     * of the loss's mean over these rows (the layers' penalties included), and the loss is returned.
     * Nothing is updated. Exact distributed training runs this for each shard on the machine that
     * holds its rows, then combines the gradients with {@link #addShard} and calls {@link #apply}.
     * When the loss is not finite, the gradients are left cleared.
     *
     * @param inputs  the shard's inputs
     * @param targets the shard's targets, in their own units (not modified)
     * @return the shard's mean loss, without the layers' penalties (a batch adds them once, {@link Network#penalty()})
     */
    public float shard(Matrix inputs, Matrix targets) {
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
        shardWeight = loss.weight(targets);
        shardOutput = net.forward(inputs, ctx);
        output = shardOutput;
        float value = loss.forward(shardOutput, t, ctx);
        if (!Float.isFinite(value)) {
            return value;
        }
        net.backward(loss.backward(shardOutput, t, ctx), ctx);
        return value;
    }

    /** {@return the weight ({@link Loss#weight}) of the targets of the last {@link #shard}} */
    public double shardWeight() {
        return shardWeight;
    }

    /**
     * Clips (when asked) and applies the gradients the parameters hold, then the layers' constraints:
     * the end of every step. Nothing changes when a gradient is not finite.
     *
     * @return whether the parameters were updated ({@link #updated()})
     */
    public boolean apply() {
        updated = false;
        if (clipNorm > 0 ? !clip() : !gradientsFinite()) {
            return false;
        }
        optimizer.step(parameters, ctx);
        net.afterStep(ctx);
        updated = true;
        return true;
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
