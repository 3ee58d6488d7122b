package dev.nn.core.internal.engine;

import dev.nn.api.Engine.RangeBody;
import dev.nn.api.Matrix;
import java.util.Arrays;

/**
 * A cache-blocked float32 matrix product {@code c = alpha * op(a) * op(b) + beta * c} in plain
 * Java, with all four transpose cases read in place.
 *
 * <p>A block of {@code op(b)} ({@link #KC} x {@link #NC}) is packed row by row into a contiguous
 * panel that stays in L2; each row of c then takes {@code t += op(a)(i, p) * panel row p} for
 * every p of the block, an inner loop over contiguous floats that C2 compiles to vector
 * instructions without changing the arithmetic (a multiply, then an add, per element). Threads
 * split the output (rows or columns of {@code c}), never {@code k}.
 *
 * <p>The summation order of every output element is fixed, whatever the thread count or the
 * path: {@code k} is cut into blocks of {@link #KC} starting at 0; within a block the products are
 * added in order of {@code p} into an accumulator starting at zero; the block sums are then added
 * to {@code c} in block order as {@code c = beta * c + alpha * sum} for the first block
 * ({@code alpha * sum} when {@code beta == 0}) and {@code c = c + alpha * sum} for the others.
 * The small-product path follows the same order, so every path gives the same bits.
 */
final class BlockedGemm implements RangeBody {

    /** Rows of c per piece when threads split rows. */
    static final int MR = 4;
    /** Depth of a k-block: part of the summation order, so it must never depend on threads or shape. */
    static final int KC = 256;
    /** Columns of a packed panel of op(b): KC x NC floats (256 KiB) stay in L2. */
    static final int NC = 256;
    /** Below this many columns of c, vector loops along a row are too short; loops run down columns instead. */
    static final int NARROW = 32;
    /** Below this many multiply-adds, packing costs more than it saves. */
    static final long SMALL_PRODUCT = 4096;
    /** Below this many multiply-adds, handing work to other threads costs more than it saves. */
    static final long PARALLEL_PRODUCT = 1L << 17;
    /** Column splits between threads are whole cache lines of c, so threads never share one. */
    private static final int COLUMN_SPLIT = 16;

    /** Packing buffers, one set per thread, kept so that repeated products allocate nothing. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    /** The product in progress on this thread; reused, so that a product allocates nothing. */
    private static final ThreadLocal<BlockedGemm> CALLS = ThreadLocal.withInitial(BlockedGemm::new);

    // Written by the calling thread before it hands the product to the pool, read by the threads computing it.
    private float[] a;
    private float[] b;
    private float[] c;
    private boolean transA;
    private boolean transB;
    private boolean splitRows;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float beta;

    /** Which code computes a product; every path gives the same bits, which tests check by forcing one. */
    enum Path {
        /** Unpacked for tiny products, packed otherwise, on several threads when it pays. */
        CHOOSE,
        /** Packed, on one thread. */
        PACKED,
        /** Unpacked, on one thread. */
        UNPACKED
    }

    /** Computes the product on {@code pool}'s threads, choosing the unpacked path for tiny products. */
    static void multiply(
            WorkerPool pool, boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        multiply(pool, transA, transB, alpha, a, b, beta, c, Path.CHOOSE);
    }

    /** As {@link #multiply(WorkerPool, boolean, boolean, float, Matrix, Matrix, float, Matrix)}, on the given path. */
    static void multiply(
            WorkerPool pool,
            boolean transA,
            boolean transB,
            float alpha,
            Matrix a,
            Matrix b,
            float beta,
            Matrix c,
            Path path) {
        int k = GemmArguments.check(transA, transB, a, b, c);
        int m = c.rows();
        int n = c.cols();
        if (m == 0 || n == 0 || GemmArguments.onlyScalesC(alpha, k, beta, c.data())) {
            return;
        }
        BlockedGemm product = CALLS.get();
        product.a = a.data();
        product.b = b.data();
        product.c = c.data();
        product.transA = transA;
        product.transB = transB;
        product.alpha = alpha;
        product.beta = beta;
        product.m = m;
        product.n = n;
        product.k = k;
        try {
            long work = (long) m * n * k;
            if (path == Path.UNPACKED || path == Path.CHOOSE && work <= SMALL_PRODUCT) {
                product.unpacked();
            } else if (path == Path.PACKED || work < PARALLEL_PRODUCT || pool.threads() == 1 || pool.runsInline()) {
                product.packed(0, m, 0, n);
            } else {
                product.packedInParallel(pool);
            }
        } finally {
            // The thread-local must not keep the caller's arrays alive.
            product.a = null;
            product.b = null;
            product.c = null;
        }
    }

    /**
     * Splits c into pieces computed whole, one per thread. Each thread packs the whole of the
     * operand the pieces share (b when rows are split, a when columns are), so splitting c's longer
     * dimension duplicates the smaller operand.
     */
    private void packedInParallel(WorkerPool pool) {
        int rowPieces = ceilDiv(m, MR);
        int columnPieces = ceilDiv(n, COLUMN_SPLIT);
        // The longer dimension, unless it is too short to give more than one piece.
        splitRows = m >= n && rowPieces > 1 || columnPieces == 1;
        pool.parallelFor(splitRows ? rowPieces : columnPieces, this);
    }

    /** One thread's share of {@link #packedInParallel}: pieces {@code [from, to)} of rows or columns. */
    @Override
    public void run(int from, int to) {
        if (splitRows) {
            packed(from * MR, Math.min(to * MR, m), 0, n);
        } else {
            packed(0, m, from * COLUMN_SPLIT, Math.min(to * COLUMN_SPLIT, n));
        }
    }

    /** The blocked product for rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)} of c. */
    private void packed(int rowFrom, int rowTo, int colFrom, int colTo) {
        if (colTo - colFrom < NARROW && rowTo - rowFrom > colTo - colFrom) {
            packedByColumns(rowFrom, rowTo, colFrom, colTo);
            return;
        }
        Workspace ws = WORKSPACE.get();
        float[] sums = ws.sums;
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[][] panel = ws.panel;
                packB(panel, pc, kc, jc, nc);
                for (int i = rowFrom; i < rowTo; i++) {
                    // op(a)(i, p) = a[aRow + p * aStep]
                    int aRow = transA ? pc * m + i : i * k + pc;
                    int aStep = transA ? m : 1;
                    Arrays.fill(sums, 0, nc, 0f);
                    for (int p = 0; p < kc; p++) {
                        rowTimesPanel(a[aRow + p * aStep], panel[p], sums, nc);
                    }
                    store(sums, i, jc, nc, pc == 0);
                }
            }
        }
    }

    /**
     * As {@link #packed}, a column of c at a time, for c narrower than a vector loop needs: the
     * product is the same as its transpose's, so a panel of op(a) transposed (its columns, one per
     * depth step) is swept by {@code op(b)(p, j)} for each column j. A product and a sum per element
     * in the same order, so the same bits.
     */
    private void packedByColumns(int rowFrom, int rowTo, int colFrom, int colTo) {
        Workspace ws = WORKSPACE.get();
        float[] sums = ws.sums;
        for (int ic = rowFrom; ic < rowTo; ic += NC) {
            int mc = Math.min(NC, rowTo - ic);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[][] panel = ws.panel;
                packColumnsOfA(panel, pc, kc, ic, mc);
                for (int j = colFrom; j < colTo; j++) {
                    // op(b)(p, j) = b[bColumn + p * bStep]
                    int bColumn = transB ? j * k + pc : pc * n + j;
                    int bStep = transB ? 1 : n;
                    Arrays.fill(sums, 0, mc, 0f);
                    for (int p = 0; p < kc; p++) {
                        rowTimesPanel(b[bColumn + p * bStep], panel[p], sums, mc);
                    }
                    for (int i = 0; i < mc; i++) {
                        int ci = (ic + i) * n + j;
                        c[ci] = accumulate(c[ci], sums[i], pc == 0);
                    }
                }
            }
        }
    }

    /** Packs rows {@code [i0, i0 + mc)} x depth {@code [pc, pc + kc)} of op(a) transposed into rows {@code dst[p]}. */
    private void packColumnsOfA(float[][] dst, int pc, int kc, int i0, int mc) {
        if (transA) {
            // a is k x m: a column of op(a) is contiguous
            for (int p = 0; p < kc; p++) {
                System.arraycopy(a, (pc + p) * m + i0, dst[p], 0, mc);
            }
        } else {
            // a is m x k: a row of op(a) is contiguous
            for (int i = 0; i < mc; i++) {
                int src = (i0 + i) * k + pc;
                for (int p = 0; p < kc; p++) {
                    dst[p][i] = a[src + p];
                }
            }
        }
    }

    /**
     * {@code sums[j] += x * row[j]} for j below nc: one multiply and one add each, vectorised by C2
     * (which it does only when both arrays are read at the same index, hence a panel of row arrays).
     */
    private static void rowTimesPanel(float x, float[] row, float[] sums, int nc) {
        for (int j = 0; j < nc; j++) {
            sums[j] += x * row[j];
        }
    }

    /** Packs depth {@code [pc, pc + kc)} x columns {@code [j0, j0 + nc)} of op(b) into rows {@code dst[p]}. */
    private void packB(float[][] dst, int pc, int kc, int j0, int nc) {
        if (!transB) {
            // b is k x n: a row of op(b) is contiguous
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + j0, dst[p], 0, nc);
            }
        } else {
            // b is n x k: a column of op(b) is contiguous
            for (int j = 0; j < nc; j++) {
                int src = (j0 + j) * k + pc;
                for (int p = 0; p < kc; p++) {
                    dst[p][j] = b[src + p];
                }
            }
        }
    }

    /** Adds the block sums of row {@code row}, columns {@code [col0, col0 + cols)}, into c. */
    private void store(float[] sums, int row, int col0, int cols, boolean firstBlock) {
        int ci = row * n + col0;
        for (int j = 0; j < cols; j++) {
            c[ci + j] = accumulate(c[ci + j], sums[j], firstBlock);
        }
    }

    /** The one place a block sum meets c; every path goes through it so all paths round alike. */
    private float accumulate(float old, float blockSum, boolean firstBlock) {
        if (!firstBlock) {
            return old + alpha * blockSum;
        }
        return beta == 0 ? alpha * blockSum : beta * old + alpha * blockSum;
    }

    /** Tiny products: no packing, same k-blocks and summation order as the packed path. */
    private void unpacked() {
        // op(a)(i, p) = a[i * aRow + p * aDepth]; op(b)(p, j) = b[p * bDepth + j * bCol]
        int aRow = transA ? 1 : k;
        int aDepth = transA ? m : 1;
        int bDepth = transB ? 1 : n;
        int bCol = transB ? k : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = i * n + j;
                for (int pc = 0; pc < k; pc += KC) {
                    int pEnd = Math.min(k, pc + KC);
                    float sum = 0f;
                    for (int p = pc; p < pEnd; p++) {
                        sum += a[i * aRow + p * aDepth] * b[p * bDepth + j * bCol];
                    }
                    c[ci] = accumulate(c[ci], sum, pc == 0);
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** Per-thread buffers: one packed panel of op(b), a row array per depth, and one row of block sums. */
    private static final class Workspace {
        final float[] sums = new float[NC];
        final float[][] panel = new float[KC][NC];
    }
}
