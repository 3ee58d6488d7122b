package dev.nn.spark;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.train.Rounds;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingStep;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * nn's training rounds on Spark: synchronous data parallelism over the engine nn already has. The
 * driver runs the whole of nn's {@link Trainer} (epochs, rates, validation, early stopping,
 * checkpoints, divergence, Ctrl-C) and asks Spark for the batches, one round at a time. Each round
 * broadcasts the parameters (and, averaging, the optimizer's state), runs one task per partition,
 * and collects the results by partition index, combined in a fixed order: never in the order tasks
 * finish.
 *
 * <ul>
 *   <li><b>Exact</b> ({@code local_steps: 1}): a round is one batch. The batch's logical shards
 *       ({@code train.shard_rows}, {@link TrainingStep}) are spread over the partitions, each shard's
 *       gradient computed where its rows are, and the driver sums them in shard order with
 *       {@link TrainingStep#addShard} and applies them with {@link TrainingStep#apply}: the same bits
 *       as training on one machine with the same config and seed, for any number of partitions. Each
 *       epoch the driver lays the shuffled rows out by shard, one block per partition.
 *   <li><b>Averaging</b> ({@code local_steps: H > 1}): each partition keeps a fixed part of the
 *       training rows (dealt out once from the seed), shuffles it every epoch, and takes H local steps
 *       per round from the round's parameters and optimizer state; the driver then averages the
 *       parameters, buffers and optimizer arrays, weighted by the examples each partition trained on
 *       in the round (optimizer scalars, such as a step count, take the largest). Reproducible for a
 *       given partition count; not the bits of one machine.
 * </ul>
 *
 * <p>The driver holds the training data (the {@link Dataset} nn trains on) and sends each partition
 * its rows as a broadcast; executors keep one replica of the network per partition and run.
 */
public final class SparkRounds implements Rounds {
    private final JavaSparkContext jsc;
    private final int partitions;
    private final int localSteps;
    private final Run run;
    private final Network net;
    private final List<Parameter> params;
    private final List<Parameter> buffers;
    private final Replicas.Plan plan;
    private final JavaRDD<Integer> slots;
    private final int batches;
    private final int n;
    /** Averaging: each partition's rows, dealt out once; exact: the epoch's blocks. */
    private List<Broadcast<Block>> blocks = List.of();

    private int arrangedEpoch;
    private final int[] order;

    private SparkRounds(JavaSparkContext jsc, int partitions, int localSteps, Run run) {
        this.jsc = jsc;
        this.partitions = partitions;
        this.localSteps = localSteps;
        this.run = run;
        this.net = run.net();
        this.params = net.parameters();
        this.buffers = net.buffers();
        this.n = run.train().size();
        this.order = new int[n];
        if (localSteps == 1) {
            requireExact(net, run.step().shardRows());
        } else {
            requireAveragable(run.optimizer(), params, run.optimizerSpec().name());
        }
        this.plan = new Replicas.Plan(
                UUID.randomUUID().toString(),
                jsc.broadcast(Replicas.modelBytes(net)),
                Replicas.OptimizerSpec.of(run.optimizerSpec()),
                run.seed(),
                // Averaging is not the bits of one machine, so its local steps take whole batches, the faster way.
                localSteps == 1 ? run.step().shardRows() : 0,
                run.step().clipNorm(),
                run.shuffle(),
                run.rows(),
                run.train().isClassification());
        List<Integer> indices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            indices.add(p);
        }
        this.slots = jsc.parallelize(indices, partitions);
        if (localSteps == 1) {
            this.batches = (n + run.rows() - 1) / run.rows();
        } else {
            dealRows();
            int most = 0;
            for (int p = 0; p < partitions; p++) {
                int rowsOfP = share(p);
                most = Math.max(most, (rowsOfP + run.rows() - 1) / run.rows());
            }
            this.batches = most;
        }
    }

    /**
     * {@return the rounds of each run on {@code spark}}
     *
     * @param spark      the session whose executors compute
     * @param partitions how many partitions (tasks per round)
     * @param localSteps 1 for exact rounds, H &gt; 1 for H local steps per partition, then an average
     */
    public static Rounds.Factory factory(SparkSession spark, int partitions, int localSteps) {
        if (partitions < 1 || localSteps < 1) {
            throw new IllegalArgumentException(
                    "partitions and local_steps must be at least 1, got " + partitions + " and " + localSteps);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return run -> new SparkRounds(jsc, partitions, localSteps, run);
    }

    /**
     * Refuses what exact rounds cannot spread over partitions with the bits of one machine: whole-batch
     * training (no {@code train.shard_rows}) and a layer that mixes a batch's rows.
     *
     * @param net       the network
     * @param shardRows the run's {@code train.shard_rows}
     * @throws ConfigException naming the option to change
     */
    static void requireExact(Network net, int shardRows) {
        String mixing = net.rowMixingLayer();
        if (mixing != null) {
            throw new ConfigException(
                    "distributed.spark.local_steps",
                    "exact training (local_steps: 1) spreads a batch's shards over the partitions, but " + mixing
                            + " normalises over the whole batch; use local_steps above 1, or layer_norm");
        }
        if (shardRows == 0) {
            throw new ConfigException(
                    "train.shard_rows",
                    "exact training on Spark (local_steps: 1) spreads each batch's logical shards over the"
                            + " partitions; set train.shard_rows (for example 32), and a run on one machine with the"
                            + " same setting gets the same bits");
        }
    }

    /**
     * Refuses an optimizer whose state averaging rounds cannot average: one that does not hand it out.
     *
     * @param optimizer the run's optimizer
     * @param params    the network's parameters
     * @param name      the optimizer's name, for the message
     * @throws ConfigException at {@code distributed.spark.local_steps}
     */
    static void requireAveragable(Optimizer optimizer, List<Parameter> params, String name) {
        if (optimizer.state(params).isEmpty()) {
            throw new ConfigException(
                    "distributed.spark.local_steps",
                    "averaging (local_steps above 1) averages the optimizer's state, and optimizer '" + name
                            + "' cannot hand it out; use local_steps: 1, or sgd, adam, adamw, rmsprop, adagrad or nadam");
        }
    }

    @Override
    public int batches() {
        return batches;
    }

    @Override
    public Round run(int epoch, int batch, IntToDoubleFunction rates) {
        return localSteps == 1 ? exact(epoch, batch, rates) : averaging(epoch, batch, rates);
    }

    @Override
    public void close() {
        destroy(blocks);
        blocks = List.of();
        plan.model().destroy();
    }

    // ---- exact rounds ----

    private Round exact(int epoch, int batch, IntToDoubleFunction rates) {
        if (arrangedEpoch != epoch) {
            arrangeEpoch(epoch);
        }
        if (rates != null) {
            run.optimizer().setLearningRate(rates.applyAsDouble(batch));
        }
        Broadcast<float[][]> weights = jsc.broadcast(values(params));
        List<Broadcast<Block>> epochBlocks = blocks;
        Replicas.Plan p = plan;
        List<ShardResult> results;
        try {
            results = slots.mapPartitionsWithIndex(
                            (Integer part, Iterator<Integer> ignored) -> Replicas.shards(
                                            p, epochBlocks.get(part).value(), part, weights.value(), epoch, batch)
                                    .iterator(),
                            true)
                    .collect();
        } finally {
            weights.destroy();
        }
        // Shard order, whatever the partition each was computed on.
        ShardResult[] byShard = new ShardResult[results.size()];
        for (ShardResult r : results) {
            byShard[r.shard()] = r;
        }
        double total = 0;
        for (ShardResult r : byShard) {
            total += r.weight();
        }
        double value = 0;
        long correct = 0;
        for (ShardResult r : byShard) {
            value = TrainingStep.addShardLoss(value, r.loss(), r.weight(), total);
            correct += r.correct();
            int offset = 0;
            for (Parameter param : params) {
                float[] g = param.grad().data();
                float[] part = new float[g.length];
                System.arraycopy(r.gradient(), offset, part, 0, g.length);
                TrainingStep.addShard(g, part, r.shard(), r.weight(), total);
                offset += g.length;
            }
        }
        float loss = (float) (value + net.penalty());
        int rowsOfBatch = Math.min(n, (batch + 1) * run.rows()) - batch * run.rows();
        boolean updated = Float.isFinite(loss) && run.step().apply();
        return new Round(new float[] {loss}, new int[] {rowsOfBatch}, updated ? correct : 0, updated);
    }

    /** Lays out epoch {@code epoch}'s shuffled rows by shard: partition p gets the shards it computes. */
    private void arrangeEpoch(int epoch) {
        Trainer.epochOrder(order, run.shuffle(), run.seed(), epoch);
        int rows = run.rows();
        List<List<int[]>> entries = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            entries.add(new ArrayList<>());
        }
        for (int b = 0; b * rows < n; b++) {
            int from = b * rows;
            int to = Math.min(n, from + rows);
            int k = run.step().shards(to - from);
            int shardRows = k == 1 ? to - from : run.step().shardRows();
            for (int j = 0; j < k; j++) {
                int start = from + j * shardRows;
                int end = Math.min(to, start + shardRows);
                // Contiguous runs of shards per partition, as even as the shard count allows.
                entries.get(j * partitions / k).add(new int[] {b, j, start, end});
            }
        }
        List<Block> epochBlocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            epochBlocks.add(Block.of(run.train(), net.outputSize(), order, entries.get(p)));
        }
        destroy(blocks);
        blocks = broadcastAll(epochBlocks);
        arrangedEpoch = epoch;
    }

    // ---- averaging rounds ----

    /** Deals the training rows out to the partitions once, from the seed (epoch 0's order, which no epoch uses). */
    private void dealRows() {
        Trainer.epochOrder(order, true, run.seed(), 0);
        List<Block> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = start(p);
            int to = start(p + 1);
            List<int[]> one = new ArrayList<>();
            one.add(new int[] {0, 0, from, to});
            parts.add(Block.of(run.train(), net.outputSize(), order, one));
        }
        blocks = broadcastAll(parts);
    }

    private int start(int p) {
        return (int) ((long) n * p / partitions);
    }

    private int share(int p) {
        return start(p + 1) - start(p);
    }

    private Round averaging(int epoch, int batch, IntToDoubleFunction rates) {
        int steps = Math.min(localSteps, batches - batch);
        double[] stepRates = null;
        if (rates != null) {
            stepRates = new double[steps];
            for (int i = 0; i < steps; i++) {
                stepRates[i] = rates.applyAsDouble(batch + i);
            }
        }
        Replicas.State state = new Replicas.State(
                values(params),
                values(buffers),
                Replicas.Moments.of(run.optimizer()
                        .state(params)
                        .orElseThrow(() -> new ConfigException(
                                "distributed.spark.local_steps",
                                "averaging (local_steps above 1) averages the optimizer's state, and this optimizer"
                                        + " cannot hand it out; use sgd, adam, adamw, rmsprop, adagrad or nadam"))),
                run.optimizer().learningRate(),
                stepRates);
        Broadcast<Replicas.State> start = jsc.broadcast(state);
        List<Broadcast<Block>> parts = blocks;
        Replicas.Plan p = plan;
        List<LocalResult> results;
        try {
            results = slots.mapPartitionsWithIndex(
                            (Integer part, Iterator<Integer> ignored) -> List.of(Replicas.localSteps(
                                            p, parts.get(part).value(), part, start.value(), epoch, batch, steps))
                                    .iterator(),
                            true)
                    .collect();
        } finally {
            start.destroy();
        }
        float[] losses = new float[steps];
        int[] rows = new int[steps];
        double[] weighted = new double[steps];
        int firstBad = steps;
        long correct = 0;
        for (LocalResult r : results) {
            for (int i = 0; i < r.losses().length; i++) {
                weighted[i] += (double) r.losses()[i] * r.rows()[i];
                rows[i] += r.rows()[i];
            }
            if (!r.updated()) {
                firstBad = Math.min(firstBad, r.losses().length - 1);
            }
            correct += r.correct();
        }
        for (int i = 0; i < steps; i++) {
            losses[i] = rows[i] == 0 ? 0f : (float) (weighted[i] / rows[i]);
        }
        if (firstBad < steps) {
            // The round is not taken: the parameters stay those it started from.
            float[] upTo = new float[firstBad + 1];
            System.arraycopy(losses, 0, upTo, 0, firstBad + 1);
            for (LocalResult r : results) {
                if (!r.updated() && r.losses().length - 1 == firstBad) {
                    upTo[firstBad] = r.losses()[firstBad];
                }
            }
            int[] rowsUpTo = new int[firstBad + 1];
            System.arraycopy(rows, 0, rowsUpTo, 0, firstBad + 1);
            return new Round(upTo, rowsUpTo, 0, false);
        }
        average(results);
        if (stepRates != null) {
            run.optimizer().setLearningRate(stepRates[steps - 1]);
        }
        return new Round(losses, rows, correct, true);
    }

    /** The round's parameters, buffers and optimizer arrays, weighted by examples, in partition order. */
    private void average(List<LocalResult> results) {
        long examples = 0;
        for (LocalResult r : results) {
            examples += r.examples();
        }
        averageInto(params, results, examples, false);
        averageInto(buffers, results, examples, true);
        List<Replicas.Moments> moments = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (LocalResult r : results) {
            if (r.examples() > 0) {
                moments.add(r.optimizer());
                shares.add((double) r.examples() / examples);
            }
        }
        run.optimizer().restoreState(params, Replicas.Moments.average(moments, shares));
    }

    private static void averageInto(List<Parameter> into, List<LocalResult> results, long examples, boolean buffers) {
        for (int i = 0; i < into.size(); i++) {
            float[] v = into.get(i).value().data();
            double[] sum = new double[v.length];
            for (LocalResult r : results) {
                if (r.examples() == 0) {
                    continue;
                }
                float[] part = buffers ? r.buffers()[i] : r.parameters()[i];
                double share = (double) r.examples() / examples;
                for (int k = 0; k < v.length; k++) {
                    sum[k] += share * part[k];
                }
            }
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) sum[k];
            }
        }
    }

    // ---- helpers ----

    private List<Broadcast<Block>> broadcastAll(List<Block> parts) {
        List<Broadcast<Block>> out = new ArrayList<>();
        for (Block b : parts) {
            out.add(jsc.broadcast(b));
        }
        return List.copyOf(out);
    }

    private static void destroy(List<Broadcast<Block>> list) {
        for (Broadcast<Block> b : list) {
            b.destroy();
        }
    }

    private static float[][] values(List<Parameter> list) {
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).value().data().clone();
        }
        return out;
    }

    /**
     * One partition's rows for a round or an epoch: entries {@code (batch, shard, from, to)} of the
     * epoch's order, their features and targets stacked in entry order.
     *
     * @param entries each entry's batch, shard, and first row in this block
     * @param counts  each entry's rows
     * @param inputs  the features, row after row
     * @param targets the targets as training sees them (one-hot rows, 0/1, or values), row after row
     * @param labels  each row's class, or null for regression
     * @param inputSize   features per row
     * @param outputSize  targets per row
     */
    record Block(
            int[] entries, int[] counts, float[] inputs, float[] targets, int[] labels, int inputSize, int outputSize)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** {@return how many entries} */
        int size() {
            return counts.length;
        }

        static Block of(Dataset data, int outputs, int[] order, List<int[]> ranges) {
            int d = data.inputSize();
            int total = 0;
            for (int[] r : ranges) {
                total += r[3] - r[2];
            }
            float[] x = new float[total * d];
            float[] t = new float[total * outputs];
            int[] labels = data.isClassification() ? new int[total] : null;
            int[] entries = new int[ranges.size() * 3];
            int[] counts = new int[ranges.size()];
            float[] features = data.features().data();
            float[] values = data.isClassification() ? null : data.targets().data();
            int row = 0;
            for (int e = 0; e < ranges.size(); e++) {
                int[] r = ranges.get(e);
                entries[3 * e] = r[0];
                entries[3 * e + 1] = r[1];
                entries[3 * e + 2] = row;
                counts[e] = r[3] - r[2];
                for (int i = r[2]; i < r[3]; i++, row++) {
                    int example = order[i];
                    System.arraycopy(features, example * d, x, row * d, d);
                    if (labels != null) {
                        int label = data.labels()[example];
                        labels[row] = label;
                        if (outputs == 1) {
                            t[row] = label;
                        } else {
                            t[row * outputs + label] = 1f;
                        }
                    } else {
                        System.arraycopy(values, example * outputs, t, row * outputs, outputs);
                    }
                }
            }
            return new Block(entries, counts, x, t, labels, d, outputs);
        }

        Matrix inputs(int entry, Matrix into) {
            System.arraycopy(inputs, entries[3 * entry + 2] * inputSize, into.data(), 0, into.size());
            return into;
        }

        Matrix targets(int entry, Matrix into) {
            System.arraycopy(targets, entries[3 * entry + 2] * outputSize, into.data(), 0, into.size());
            return into;
        }
    }

    /**
     * One shard's part of a batch, computed on an executor.
     *
     * @param shard    the shard's index in its batch
     * @param loss     the loss's mean over the shard
     * @param weight   the loss's divisor for the shard ({@link dev.nn.api.Loss#weight})
     * @param correct  the shard's training examples predicted right
     * @param gradient every parameter's gradient, one after another
     */
    record ShardResult(int shard, float loss, double weight, long correct, float[] gradient) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a partition's local steps of an averaging round did.
     *
     * @param losses     each local step's loss (the last one possibly not finite)
     * @param rows       each local step's examples
     * @param correct    examples predicted right
     * @param updated    false when the last step made no update
     * @param examples   the examples trained on in the round
     * @param parameters the parameters after the steps
     * @param buffers    the layers' buffers after the steps
     * @param optimizer  the optimizer's state after the steps
     */
    record LocalResult(
            float[] losses,
            int[] rows,
            long correct,
            boolean updated,
            long examples,
            float[][] parameters,
            float[][] buffers,
            Replicas.Moments optimizer)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
