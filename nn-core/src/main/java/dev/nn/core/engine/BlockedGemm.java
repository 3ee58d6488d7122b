package dev.nn.core.engine;

import dev.nn.api.Engine.RangeBody;
import dev.nn.api.Matrix;

/**
 * A cache-blocked float32 matrix product {@code c = alpha * op(a) * op(b) + beta * c} in plain
 * Java, with all four transpose cases read in place.
 *
 * <p>Blocks of {@code op(b)} ({@link #KC} x {@link #NC}) and of {@code op(a)} ({@link #MC} x
 * {@link #KC}) are packed into contiguous slivers, and a {@link #MR} x {@link #NR} micro-kernel
 * keeps its accumulators in locals. Threads split the output (rows or columns of {@code c}),
 * never {@code k}.
 *
 * <p>The summation order of every output element is fixed, whatever the thread count or the
 * path: {@code k} is cut into blocks of {@link #KC} starting at 0; within a block the products are
 * added in order of {@code p} into an accumulator starting at zero; the block sums are then added
 * to {@code c} in block order as {@code c = beta * c + alpha * sum} for the first block
 * ({@code alpha * sum} when {@code beta == 0}) and {@code c = c + alpha * sum} for the others.
 * Edge tiles are computed by the same kernel on zero-padded slivers, and the small-product path
 * follows the same order, so every path gives the same bits.
 */
final class BlockedGemm implements RangeBody {

    static final int MR = 4;
    static final int NR = 4;
    /** Depth of a k-block: part of the summation order, so it must never depend on threads or shape. */
    static final int KC = 256;
    /** Rows of a packed A block: MC x KC floats (128 KiB) stay in L2. */
    static final int MC = 128;
    /** Columns of a packed B panel: KC x NC floats (1 MiB) stay in L2/L3. */
    static final int NC = 1024;
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
    static void multiply(WorkerPool pool, boolean transA, boolean transB, float alpha, Matrix a, Matrix b,
            float beta, Matrix c) {
        multiply(pool, transA, transB, alpha, a, b, beta, c, Path.CHOOSE);
    }

    /** As {@link #multiply(WorkerPool, boolean, boolean, float, Matrix, Matrix, float, Matrix)}, on the given path. */
    static void multiply(WorkerPool pool, boolean transA, boolean transB, float alpha, Matrix a, Matrix b,
            float beta, Matrix c, Path path) {
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
        Workspace ws = WORKSPACE.get();
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean firstBlock = pc == 0;
                float[] bPack = ws.bPack(ceilDiv(nc, NR) * NR * kc);
                packB(bPack, pc, kc, jc, nc);
                for (int ic = rowFrom; ic < rowTo; ic += MC) {
                    int mc = Math.min(MC, rowTo - ic);
                    float[] aPack = ws.aPack(ceilDiv(mc, MR) * MR * kc);
                    packA(aPack, ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bOffset = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            kernel(kc, aPack, ir * kc, bPack, bOffset, ws.tile);
                            store(ws.tile, ic + ir, mr, jc + jr, nr, firstBlock);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [i0, i0 + mc)} x depth {@code [pc, pc + kc)} of op(a) as slivers of MR rows:
     * sliver s holds, for each p, the MR values of column p; missing rows are zero.
     */
    private void packA(float[] dst, int i0, int mc, int pc, int kc) {
        for (int s = 0; s < mc; s += MR) {
            int rows = Math.min(MR, mc - s);
            int base = s * kc;
            if (!transA) {
                // a is m x k: a row of op(a) is contiguous
                for (int r = 0; r < rows; r++) {
                    int src = (i0 + s + r) * k + pc;
                    for (int p = 0, d = base + r; p < kc; p++, d += MR) {
                        dst[d] = a[src + p];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0, d = base + r; p < kc; p++, d += MR) {
                        dst[d] = 0f;
                    }
                }
            } else {
                // a is k x m: a column of op(a) is contiguous
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * m + i0 + s;
                    int d = base + p * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs depth {@code [pc, pc + kc)} x columns {@code [j0, j0 + nc)} of op(b) as slivers of NR
     * columns: sliver s holds, for each p, the NR values of row p; missing columns are zero.
     */
    private void packB(float[] dst, int pc, int kc, int j0, int nc) {
        for (int s = 0; s < nc; s += NR) {
            int cols = Math.min(NR, nc - s);
            int base = s * kc;
            if (!transB) {
                // b is k x n: a row of op(b) is contiguous
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + j0 + s;
                    int d = base + p * NR;
                    for (int col = 0; col < cols; col++) {
                        dst[d + col] = b[src + col];
                    }
                    for (int col = cols; col < NR; col++) {
                        dst[d + col] = 0f;
                    }
                }
            } else {
                // b is n x k: a column of op(b) is contiguous
                for (int col = 0; col < cols; col++) {
                    int src = (j0 + s + col) * k + pc;
                    for (int p = 0, d = base + col; p < kc; p++, d += NR) {
                        dst[d] = b[src + p];
                    }
                }
                for (int col = cols; col < NR; col++) {
                    for (int p = 0, d = base + col; p < kc; p++, d += NR) {
                        dst[d] = 0f;
                    }
                }
            }
        }
    }

    /** The MR x NR block sum of one A sliver and one B sliver over depth kc, into {@code tile} (row-major). */
    private static void kernel(int kc, float[] aPack, int aOffset, float[] bPack, int bOffset, float[] tile) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int p = 0, ai = aOffset, bi = bOffset; p < kc; p++, ai += MR, bi += NR) {
            float a0 = aPack[ai];
            float a1 = aPack[ai + 1];
            float a2 = aPack[ai + 2];
            float a3 = aPack[ai + 3];
            float b0 = bPack[bi];
            float b1 = bPack[bi + 1];
            float b2 = bPack[bi + 2];
            float b3 = bPack[bi + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        tile[0] = c00;
        tile[1] = c01;
        tile[2] = c02;
        tile[3] = c03;
        tile[4] = c10;
        tile[5] = c11;
        tile[6] = c12;
        tile[7] = c13;
        tile[8] = c20;
        tile[9] = c21;
        tile[10] = c22;
        tile[11] = c23;
        tile[12] = c30;
        tile[13] = c31;
        tile[14] = c32;
        tile[15] = c33;
    }

    /** Adds the valid {@code rows x cols} corner of a block sum into c at {@code (row0, col0)}. */
    private void store(float[] tile, int row0, int rows, int col0, int cols, boolean firstBlock) {
        for (int r = 0; r < rows; r++) {
            int ci = (row0 + r) * n + col0;
            int ti = r * NR;
            for (int col = 0; col < cols; col++) {
                c[ci + col] = accumulate(c[ci + col], tile[ti + col], firstBlock);
            }
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

    /** Per-thread packing buffers, grown on demand up to one full block each. */
    private static final class Workspace {
        final float[] tile = new float[MR * NR];
        private float[] aPack = new float[0];
        private float[] bPack = new float[0];

        float[] aPack(int size) {
            if (aPack.length < size) {
                aPack = new float[size];
            }
            return aPack;
        }

        float[] bPack(int size) {
            if (bPack.length < size) {
                bPack = new float[size];
            }
            return bPack;
        }
    }
}
