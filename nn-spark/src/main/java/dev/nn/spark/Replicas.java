package dev.nn.spark;

import dev.nn.api.Matrix;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerState;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.Workspace;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingStep;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executor's side of {@link SparkRounds}: one replica of the network per run and partition in
 * this JVM (a network is not shared between tasks that train), made from the run's broadcast model
 * file, and what a task computes with it.
 */
final class Replicas {
    private static final int KEPT = 16;

    private static final Map<String, Replica> LIVE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Replica> eldest) {
            return size() > KEPT;
        }
    };

    private Replicas() {}

    /**
     * What every task of a run needs, broadcast or sent once per task.
     *
     * @param runId      a key of the run, for the replica cache
     * @param model      the network as a model file (architecture, loss, preprocessing)
     * @param optimizer  the optimizer's spec
     * @param seed       the run's seed
     * @param shardRows  the rows of a logical shard
     * @param clipNorm   the gradient clipping of the run's step
     * @param shuffle    whether epochs are reshuffled
     * @param rows       the rows of a full batch
     * @param classification whether the data has classes
     */
    record Plan(
            String runId,
            Broadcast<byte[]> model,
            OptimizerSpec optimizer,
            long seed,
            int shardRows,
            double clipNorm,
            boolean shuffle,
            int rows,
            boolean classification)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * An optimizer spec as plain serializable values.
     *
     * @param name    the provider's name
     * @param options its options
     */
    record OptimizerSpec(String name, HashMap<String, Object> options) implements Serializable {
        private static final long serialVersionUID = 1L;

        static OptimizerSpec of(Spec spec) {
            HashMap<String, Object> options = new HashMap<>();
            spec.options().forEach((k, v) -> options.put(k, plain(v, spec.name() + "." + k)));
            return new OptimizerSpec(spec.name(), options);
        }

        Spec spec() {
            return Spec.of(name, options);
        }

        private static Object plain(Object v, String where) {
            if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
                return v;
            }
            if (v instanceof List<?> list) {
                ArrayList<Object> out = new ArrayList<>();
                list.forEach(x -> out.add(plain(x, where)));
                return out;
            }
            throw new IllegalArgumentException("optimizer option " + where + " holds a "
                    + v.getClass().getSimpleName() + ", which cannot be sent to the executors");
        }
    }

    /**
     * An optimizer's state as plain serializable values ({@link OptimizerState}).
     *
     * @param scalars          the optimizer's scalars
     * @param arrays           each parameter's arrays
     * @param parameterScalars each parameter's scalars
     */
    record Moments(
            HashMap<String, Double> scalars,
            ArrayList<HashMap<String, float[]>> arrays,
            ArrayList<HashMap<String, Double>> parameterScalars)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Moments of(OptimizerState state) {
            ArrayList<HashMap<String, float[]>> arrays = new ArrayList<>();
            ArrayList<HashMap<String, Double>> scalars = new ArrayList<>();
            for (OptimizerState.ParameterState p : state.parameters()) {
                HashMap<String, float[]> a = new HashMap<>();
                p.arrays().forEach((k, v) -> a.put(k, v.clone()));
                arrays.add(a);
                scalars.add(new HashMap<>(p.scalars()));
            }
            return new Moments(new HashMap<>(state.scalars()), arrays, scalars);
        }

        OptimizerState state() {
            List<OptimizerState.ParameterState> ps = new ArrayList<>();
            for (int i = 0; i < arrays.size(); i++) {
                ps.add(new OptimizerState.ParameterState(arrays.get(i), parameterScalars.get(i)));
            }
            return new OptimizerState(scalars, ps);
        }

        /**
         * {@return the states' arrays averaged with {@code shares} (in list order), their scalars the largest}
         *
         * @param states the partitions' states, in partition order
         * @param shares each one's share of the round's examples
         */
        static OptimizerState average(List<Moments> states, List<Double> shares) {
            Moments first = states.get(0);
            HashMap<String, Double> scalars = new HashMap<>();
            for (Moments m : states) {
                m.scalars().forEach((k, v) -> scalars.merge(k, v, Math::max));
            }
            ArrayList<HashMap<String, float[]>> arrays = new ArrayList<>();
            ArrayList<HashMap<String, Double>> parameterScalars = new ArrayList<>();
            for (int i = 0; i < first.arrays().size(); i++) {
                HashMap<String, float[]> averaged = new HashMap<>();
                for (Map.Entry<String, float[]> e : first.arrays().get(i).entrySet()) {
                    double[] sum = new double[e.getValue().length];
                    for (int s = 0; s < states.size(); s++) {
                        float[] part = states.get(s).arrays().get(i).get(e.getKey());
                        double share = shares.get(s);
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] += share * part[k];
                        }
                    }
                    float[] out = new float[sum.length];
                    for (int k = 0; k < sum.length; k++) {
                        out[k] = (float) sum[k];
                    }
                    averaged.put(e.getKey(), out);
                }
                arrays.add(averaged);
                HashMap<String, Double> ps = new HashMap<>();
                for (Moments m : states) {
                    m.parameterScalars().get(i).forEach((k, v) -> ps.merge(k, v, Math::max));
                }
                parameterScalars.add(ps);
            }
            return new Moments(scalars, arrays, parameterScalars).state();
        }
    }

    /**
     * Where an averaging round starts.
     *
     * @param parameters the parameters
     * @param buffers    the layers' buffers
     * @param optimizer  the optimizer's state
     * @param rate       the optimizer's learning rate (when {@code rates} is null)
     * @param rates      the learning rate of each local step, or null
     */
    record State(float[][] parameters, float[][] buffers, Moments optimizer, double rate, double[] rates)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** {@return {@code net} as the bytes of a model file, for the executors to make replicas of} */
    static byte[] modelBytes(Network net) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("nn-spark-run-", ".zip");
            ModelInfo info = new ModelInfo(
                    List.of(),
                    net.preprocessing(),
                    Map.of(),
                    "nn-spark",
                    net.seed(),
                    net.engine().name(),
                    "",
                    "");
            ModelFile.save(net, info, tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network for the executors: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind is the operating system's to clean
            }
        }
    }

    /** A network of one run and partition, with what it trains with. */
    private static final class Replica {
        final Network net;
        final Workspace ctx;
        final Optimizer optimizer;
        final TrainingStep step;
        final List<Parameter> params;
        final List<Parameter> buffers;
        int orderedEpoch;
        int[] order;
        int[] predicted;

        Replica(Plan plan) {
            PluginRegistry registry = PluginRegistry.defaultRegistry();
            this.net = ExecutorModels.parse(plan.model().value(), "the run's network")
                    .network();
            this.ctx = new Workspace(net.engine(), plan.seed()).training(true);
            this.optimizer = registry.optimizer(plan.optimizer().spec(), "train.optimizer");
            this.step = new TrainingStep(net, optimizer, ctx, plan.clipNorm(), plan.shardRows());
            this.params = net.parameters();
            this.buffers = net.buffers();
            this.predicted = new int[Math.max(1, Math.max(plan.rows(), plan.shardRows()))];
        }

        void set(float[][] values, List<Parameter> into) {
            for (int i = 0; i < into.size(); i++) {
                System.arraycopy(values[i], 0, into.get(i).value().data(), 0, values[i].length);
            }
        }
    }

    private static Replica replica(Plan plan, int partition) {
        String key = plan.runId() + ":" + partition;
        synchronized (LIVE) {
            Replica r = LIVE.get(key);
            if (r == null) {
                r = new Replica(plan);
                LIVE.put(key, r);
            }
            return r;
        }
    }

    /**
     * {@return the partition's shards of batch {@code batch}, each with its loss, weight and gradient}
     * Each shard's random stream is seeded as on one machine ({@link TrainingStep#shardSeed}).
     */
    static List<SparkRounds.ShardResult> shards(
            Plan plan, SparkRounds.Block block, int partition, float[][] weights, int epoch, int batch) {
        Replica r = replica(plan, partition);
        r.set(weights, r.params);
        List<SparkRounds.ShardResult> out = new ArrayList<>();
        long batchSeed = Trainer.batchSeed(plan.seed(), epoch, batch);
        for (int e = 0; e < block.size(); e++) {
            if (block.entries()[3 * e] != batch) {
                continue;
            }
            int shard = block.entries()[3 * e + 1];
            int rows = block.counts()[e];
            Matrix x = block.inputs(e, r.ctx.buffer(r, "x", rows, block.inputSize()));
            Matrix t = block.targets(e, r.ctx.buffer(r, "t", rows, block.outputSize()));
            r.ctx.reseed(TrainingStep.shardSeed(batchSeed, shard));
            float loss = r.step.shard(x, t);
            long correct = 0;
            if (plan.classification() && Float.isFinite(loss)) {
                int[] identity = identity(rows);
                int[] labels = new int[rows];
                System.arraycopy(block.labels(), block.entries()[3 * e + 2], labels, 0, rows);
                correct = r.step.correct(labels, identity, 0, r.predicted);
            }
            int size = 0;
            for (Parameter p : r.params) {
                size += p.grad().size();
            }
            float[] gradient = new float[size];
            int offset = 0;
            for (Parameter p : r.params) {
                System.arraycopy(p.grad().data(), 0, gradient, offset, p.grad().size());
                offset += p.grad().size();
            }
            out.add(new SparkRounds.ShardResult(shard, loss, r.step.shardWeight(), correct, gradient));
        }
        return out;
    }

    private static int[] identity(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * {@return the partition's local steps {@code batch .. batch + steps - 1} of epoch {@code epoch}
     * over its own rows, from {@code start}} A partition with fewer batches this epoch takes fewer.
     */
    static SparkRounds.LocalResult localSteps(
            Plan plan, SparkRounds.Block block, int partition, State start, int epoch, int batch, int steps) {
        Replica r = replica(plan, partition);
        r.set(start.parameters(), r.params);
        r.set(start.buffers(), r.buffers);
        r.optimizer.restoreState(r.params, start.optimizer().state());
        int n = block.counts()[0];
        long partSeed = TrainingStep.shardSeed(plan.seed(), partition + 1);
        if (r.orderedEpoch != epoch || r.order == null) {
            r.order = new int[n];
            Trainer.epochOrder(r.order, plan.shuffle(), partSeed, epoch);
            r.orderedEpoch = epoch;
        }
        int mine = (n + plan.rows() - 1) / plan.rows();
        int taken = Math.max(0, Math.min(steps, mine - batch));
        float[] losses = new float[taken];
        int[] rows = new int[taken];
        long correct = 0;
        long examples = 0;
        boolean updated = true;
        int done = 0;
        for (int i = 0; i < taken; i++) {
            int b = batch + i;
            int from = b * plan.rows();
            int to = Math.min(n, from + plan.rows());
            Matrix x = r.ctx.buffer(r, "x", to - from, block.inputSize());
            Matrix t = r.ctx.buffer(r, "t", to - from, block.outputSize());
            gather(block, r.order, from, to, x, t);
            r.optimizer.setLearningRate(start.rates() == null ? start.rate() : start.rates()[i]);
            float loss = r.step.run(x, t, Trainer.batchSeed(partSeed, epoch, b));
            losses[i] = loss;
            rows[i] = to - from;
            done = i + 1;
            if (!r.step.updated()) {
                updated = false;
                break;
            }
            if (plan.classification()) {
                correct += r.step.correct(block.labels(), r.order, from, r.predicted);
            }
            examples += to - from;
        }
        if (done < taken) {
            float[] l = new float[done];
            int[] w = new int[done];
            System.arraycopy(losses, 0, l, 0, done);
            System.arraycopy(rows, 0, w, 0, done);
            losses = l;
            rows = w;
        }
        return new SparkRounds.LocalResult(
                losses,
                rows,
                correct,
                updated,
                updated ? examples : 0,
                copies(r.params),
                copies(r.buffers),
                Moments.of(r.optimizer.state(r.params).orElseThrow()));
    }

    private static void gather(SparkRounds.Block block, int[] order, int from, int to, Matrix x, Matrix t) {
        int d = block.inputSize();
        int o = block.outputSize();
        for (int i = from; i < to; i++) {
            System.arraycopy(block.inputs(), order[i] * d, x.data(), (i - from) * d, d);
            System.arraycopy(block.targets(), order[i] * o, t.data(), (i - from) * o, o);
        }
    }

    private static float[][] copies(List<Parameter> list) {
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).value().data().clone();
        }
        return out;
    }
}
