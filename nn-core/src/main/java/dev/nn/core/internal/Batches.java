package dev.nn.core.internal;

import dev.nn.api.Dataset;
import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import java.util.SplittableRandom;

/**
 * Copies the examples of one mini-batch out of a dataset into reusable matrices, encoding class
 * labels as the network's output expects them.
 */
public final class Batches {
    private Batches() {}

    /**
     * Sets {@code order} to 0, 1, ..., n - 1, then shuffles it by {@code random} (Fisher-Yates from
     * the end) unless that is null.
     *
     * @param order  the example order, overwritten
     * @param random the epoch's shuffle stream, or null for no shuffle
     */
    public static void arrange(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random == null) {
            return;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Rows {@code order[from..to)} of {@code source} into {@code dest} ({@code to - from} rows).
     *
     * @param source the examples
     * @param order  the shuffled row order
     * @param from   the first position in {@code order}
     * @param to     one past the last position
     * @param dest   the batch, written
     */
    public static void gather(Matrix source, int[] order, int from, int to, Matrix dest) {
        copyRows(source, order, from, 0, to - from, dest);
    }

    /** Rows {@code [start, end)} of the batch that begins at {@code order[from]}. */
    private static void copyRows(Matrix source, int[] order, int from, int start, int end, Matrix dest) {
        int cols = source.cols();
        float[] src = source.data();
        float[] dst = dest.data();
        for (int i = from + start; i < from + end; i++) {
            int row = order == null ? i : order[i];
            System.arraycopy(src, row * cols, dst, (i - from) * cols, cols);
        }
    }

    /**
     * Gathers batches as {@link #gather} does, split over an engine's threads when a batch is large
     * enough ({@value #PARALLEL_FLOATS} floats) for the copy to outweigh the hand-off: copying
     * shuffled rows out of a data set larger than the caches waits on memory, and two threads keep
     * twice as many rows in flight. Made once per training run; a call allocates nothing.
     */
    public static final class Gatherer implements Engine.RangeBody {
        static final int PARALLEL_FLOATS = 1 << 15;
        private final Engine engine;
        private Matrix source;
        private int[] order;
        private int from;
        private Matrix dest;

        /**
         * A gatherer that copies rows on {@code engine}'s threads.
         *
         * @param engine the engine
         */
        public Gatherer(Engine engine) {
            this.engine = engine;
        }

        /**
         * Rows {@code order[from..to)} of {@code source} into {@code dest}.
         *
         * @param source the examples
         * @param order  the shuffled row order
         * @param from   the first position in {@code order}
         * @param to     one past the last position
         * @param dest   the batch, written
         */
        public void gather(Matrix source, int[] order, int from, int to, Matrix dest) {
            if ((long) (to - from) * source.cols() < PARALLEL_FLOATS || engine.threads() == 1) {
                Batches.gather(source, order, from, to, dest);
                return;
            }
            this.source = source;
            this.order = order;
            this.from = from;
            this.dest = dest;
            try {
                engine.parallelFor(to - from, this);
            } finally {
                this.source = null;
                this.dest = null;
                this.order = null;
            }
        }

        @Override
        public void run(int start, int end) {
            copyRows(source, order, from, start, end, dest);
        }
    }

    /**
     * The targets of examples {@code order[from..to)} as a {@code (to - from) x outputs} matrix:
     * one-hot rows when there is one output per class, the 0/1 label when a binary classifier has a
     * single output, the target rows for regression.
     *
     * @param data    the examples
     * @param outputs the network's output size
     * @param order   the shuffled row order
     * @param from    the first position in {@code order}
     * @param to      one past the last position
     * @param dest    the batch's targets, written
     */
    public static void targets(Dataset data, int outputs, int[] order, int from, int to, Matrix dest) {
        if (!data.isClassification()) {
            gather(data.targets(), order, from, to, dest);
            return;
        }
        int[] labels = data.labels();
        float[] t = dest.data();
        if (outputs == 1) {
            for (int i = from; i < to; i++) {
                t[i - from] = labels[order == null ? i : order[i]];
            }
            return;
        }
        java.util.Arrays.fill(t, 0f);
        for (int i = from; i < to; i++) {
            t[(i - from) * outputs + labels[order == null ? i : order[i]]] = 1f;
        }
    }

    /**
     * Checks that a network with {@code inputs} inputs and {@code outputs} outputs can learn {@code data};
     * returns a message saying what to change, or null when it fits.
     *
     * @param data    the examples
     * @param inputs  the network's input size
     * @param outputs the network's output size
     * @return what does not fit, or null when it all fits
     */
    public static String mismatch(Dataset data, int inputs, int outputs) {
        if (data.inputSize() != inputs) {
            return "the network takes " + inputs + " inputs but " + data.name() + " has " + data.inputSize()
                    + " features";
        }
        if (data.isClassification()) {
            int classes = data.numClasses();
            if (outputs != classes && !(outputs == 1 && classes == 2)) {
                return "the network has " + outputs + " outputs but " + data.name() + " has " + classes
                        + " classes; make the last layer's size " + classes
                        + (classes == 2 ? " (or 1 with a sigmoid output for a binary classifier)" : "");
            }
        } else if (data.targets().cols() != outputs) {
            return "the network has " + outputs + " outputs but " + data.name() + " has "
                    + data.targets().cols() + " targets";
        }
        return null;
    }

    /**
     * The predicted class of each row of a prediction (probabilities or scores): argmax, or p >= 0.5 for one column.
     *
     * @param prediction the network's outputs, one row per example
     * @param dest       where the classes go
     * @param offset     the index in {@code dest} of the first row's class
     */
    public static void classes(Matrix prediction, int[] dest, int offset) {
        int cols = prediction.cols();
        float[] p = prediction.data();
        for (int r = 0; r < prediction.rows(); r++) {
            if (cols == 1) {
                dest[offset + r] = p[r] >= 0.5f ? 1 : 0;
                continue;
            }
            int best = 0;
            float bestValue = p[r * cols];
            for (int c = 1; c < cols; c++) {
                if (p[r * cols + c] > bestValue) {
                    bestValue = p[r * cols + c];
                    best = c;
                }
            }
            dest[offset + r] = best;
        }
    }
}
