package dev.nn.core.engine;

import dev.nn.api.Engine.RangeBody;
import dev.nn.api.Matrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector engine's float32 matrix product {@code c = alpha * op(a) * op(b) + beta * c}, with
 * the Vector API's fused multiply-add on the machine's widest vectors.
 *
 * <p>Blocks of op(b) ({@code depth x NC}) are packed into slivers one or two vectors wide, zero
 * padded, so a sliver streams from L2 while an 8-row micro-kernel keeps 8 x 2 vector accumulators
 * in registers. op(a) is never packed: the kernels broadcast its elements where they lie, one
 * kernel for rows of a ({@code a} as given) and one for columns of a ({@code a} transposed), so no
 * transpose is ever built. Threads split c, by columns when it is wide (each thread then packs only
 * its own part of b) and by rows otherwise, never by depth.
 *
 * <p>The summation order of each element c(i, j) depends on nothing but k: k is cut into blocks
 * of equal depth ({@link #blockDepth}) in order; within a block the sum starts at zero and takes
 * {@code s = fma(op(a)(i, p), op(b)(p, j), s)} for p in order; block sums then meet c in block
 * order, as {@code c = beta * c + alpha * s} for the first block ({@code alpha * s} when beta is 0,
 * with a product by 1 left out as it is exact) and {@code c = c + alpha * s} for later ones. Every
 * kernel, tail, thread count and vector width follows it, so results are bit-identical for any
 * number of threads (and on any machine with the same float semantics).
 *
 * <p>This class links against {@code jdk.incubator.vector}; only {@link VectorEngine} refers to it,
 * and only after {@link VectorEngineProvider#isAvailable()} has found the module.
 */
final class VectorGemm implements RangeBody {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector: 16 with AVX-512, 8 with AVX2, 4 with NEON. */
    static final int L = S.length();
    /** Rows of c per micro-kernel. */
    static final int MR = 8;
    /** Columns of a full sliver of packed op(b): two vectors. */
    static final int NR = 2 * L;
    /** Largest depth of a k-block: a sliver of op(a) rows (8 x 256 floats) stays in L1. */
    static final int KC = 256;
    /** Columns of a packed panel of op(b): KC x NC floats (512 KiB with AVX-512) stay in L2. */
    static final int NC = 32 * L;
    /** Below this many multiply-adds, handing work to other threads costs more than it saves. */
    static final long PARALLEL_PRODUCT = 1L << 17;

    /** How a product is split between threads; tests force each to check they agree bit for bit. */
    enum Split {
        /** Rows or columns on several threads when it pays, else one thread. */
        CHOOSE,
        /** One thread. */
        NONE,
        /** Groups of {@link #MR} rows of c. */
        ROWS,
        /** Groups of {@link #L} columns of c. */
        COLUMNS
    }

    /** The product in progress on this thread; reused, so that a product allocates nothing. */
    private static final ThreadLocal<VectorGemm> CALLS = ThreadLocal.withInitial(VectorGemm::new);
    /** Packing buffers of the thread computing a piece, grown on demand. */
    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

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
    private int depth;
    private float alpha;
    private float beta;

    /** Computes the product on {@code pool}'s threads, split as {@code split} says. */
    static void multiply(WorkerPool pool, boolean transA, boolean transB, float alpha, Matrix a, Matrix b,
            float beta, Matrix c, Split split) {
        int k = GemmArguments.check(transA, transB, a, b, c);
        int m = c.rows();
        int n = c.cols();
        if (m == 0 || n == 0 || GemmArguments.onlyScalesC(alpha, k, beta, c.data())) {
            return;
        }
        VectorGemm call = CALLS.get();
        call.a = a.data();
        call.b = b.data();
        call.c = c.data();
        call.transA = transA;
        call.transB = transB;
        call.alpha = alpha;
        call.beta = beta;
        call.m = m;
        call.n = n;
        call.k = k;
        call.depth = blockDepth(k);
        try {
            Split chosen = split == Split.CHOOSE ? call.chooseSplit(pool) : split;
            if (chosen == Split.ROWS) {
                call.splitRows = true;
                pool.parallelFor(ceilDiv(m, MR), call);
            } else if (chosen == Split.COLUMNS) {
                call.splitRows = false;
                pool.parallelFor(ceilDiv(n, L), call);
            } else {
                call.compute(0, m, 0, n);
            }
        } finally {
            // The thread-local must not keep the caller's arrays alive.
            call.a = null;
            call.b = null;
            call.c = null;
        }
    }

    /** The depth of every k-block but the last: blocks of at most KC, as equal as possible, from k alone. */
    static int blockDepth(int k) {
        return ceilDiv(k, ceilDiv(k, KC));
    }

    private Split chooseSplit(WorkerPool pool) {
        int threads = pool.threads();
        if (threads == 1 || (long) m * n * k < PARALLEL_PRODUCT || pool.runsInline()) {
            return Split.NONE;
        }
        int columnGroups = ceilDiv(n, L);
        int rowGroups = ceilDiv(m, MR);
        // Splitting columns shares out the packing of b too; it needs enough of them to balance.
        if (columnGroups >= 8 * threads || rowGroups < 2) {
            return columnGroups >= 2 ? Split.COLUMNS : Split.NONE;
        }
        return Split.ROWS;
    }

    /** One thread's share: groups {@code [from, to)} of rows or columns. */
    @Override
    public void run(int from, int to) {
        if (splitRows) {
            compute(from * MR, Math.min(to * MR, m), 0, n);
        } else {
            compute(0, m, from * L, Math.min(to * L, n));
        }
    }

    /** Rows {@code [rowFrom, rowTo)} x columns {@code [colFrom, colTo)} of c, on this thread. */
    private void compute(int rowFrom, int rowTo, int colFrom, int colTo) {
        Workspace ws = WORKSPACES.get();
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                float[] panel = ws.panel(kc * ceilDiv(nc, L) * L);
                packB(panel, ws, pc, kc, jc, nc);
                for (int ir = rowFrom; ir < rowTo; ir += MR) {
                    int rows = Math.min(MR, rowTo - ir);
                    if (transA) {
                        rowBlockFromColumns(ws, panel, ir, rows, pc, kc, jc, nc);
                    } else {
                        rowBlockFromRows(ws, panel, ir, rows, pc, kc, jc, nc);
                    }
                }
            }
        }
    }

    /** Rows {@code [ir, ir + rows)} of c over one panel and k-block, with op(a) rows read from rows of a. */
    private void rowBlockFromRows(Workspace ws, float[] panel, int ir, int rows, int pc, int kc, int jc, int nc) {
        int[] start = ws.start;
        for (int r = 0; r < MR; r++) {
            // Missing rows repeat the last one; their sums are computed and dropped.
            start[r] = (ir + Math.min(r, rows - 1)) * k + pc;
        }
        float[] tile = ws.tile;
        boolean first = pc == 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (cols > L) {
                rows8x2(kc, a, start, panel, jr * kc, tile);
            } else {
                rows8x1(kc, a, start, panel, jr * kc, tile);
            }
            store(tile, 0, ir, rows, jc + jr, cols, first);
        }
    }

    /** As {@link #rowBlockFromRows}, with op(a) rows read from columns of a (a transposed). */
    private void rowBlockFromColumns(Workspace ws, float[] panel, int ir, int rows, int pc, int kc, int jc, int nc) {
        float[] src = a;
        int top = ir;
        int step = m;
        if (ir + MR > m) {
            if (m >= MR) {
                // Read the last MR rows instead; the sums of rows above ir are dropped.
                top = m - MR;
            } else {
                src = ws.columns(a, m, pc, kc);
                top = 0;
                step = MR;
            }
        }
        int aOff = src == a ? pc * m + top : 0;
        float[] tile = ws.tile;
        boolean first = pc == 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (cols > L) {
                cols8x2(kc, src, aOff, step, panel, jr * kc, tile);
            } else {
                cols8x1(kc, src, aOff, step, panel, jr * kc, tile);
            }
            store(tile, ir - top, ir, rows, jc + jr, cols, first);
        }
    }

    /**
     * Packs depth {@code [pc, pc + kc)} x columns {@code [jc, jc + nc)} of op(b) as slivers of
     * {@link #NR} columns (the last one or two vectors wide): sliver s starts at {@code s * NR * kc}
     * and holds, for each p, its columns of row p; columns past nc are zero.
     */
    private void packB(float[] panel, Workspace ws, int pc, int kc, int jc, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int width = cols > L ? NR : L;
            int base = jr * kc;
            int j0 = jc + jr;
            if (!transB) {
                // b is k x n: a row of op(b) is contiguous
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + j0;
                    int dst = base + p * width;
                    int j = 0;
                    for (; j + L <= cols; j += L) {
                        FloatVector.fromArray(S, b, src + j).intoArray(panel, dst + j);
                    }
                    for (; j < cols; j++) {
                        panel[dst + j] = b[src + j];
                    }
                    for (; j < width; j++) {
                        panel[dst + j] = 0f;
                    }
                }
            } else {
                // b is n x k: a column of op(b) is contiguous; gather L of them at a time
                int[] index = ws.index(k);
                int j = 0;
                for (; j + L <= cols; j += L) {
                    int src = (j0 + j) * k + pc;
                    for (int p = 0, dst = base + j; p < kc; p++, dst += width) {
                        FloatVector.fromArray(S, b, src + p, index, 0).intoArray(panel, dst);
                    }
                }
                for (; j < cols; j++) {
                    int src = (j0 + j) * k + pc;
                    for (int p = 0, dst = base + j; p < kc; p++, dst += width) {
                        panel[dst] = b[src + p];
                    }
                }
                for (; j < width; j++) {
                    for (int p = 0, dst = base + j; p < kc; p++, dst += width) {
                        panel[dst] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Adds rows {@code [tileRow, tileRow + rows)} of a kernel's block sums into c at
     * {@code (row0, col0)}, {@code cols} columns wide: whole vectors, then the last few columns one
     * by one (a masked store is not compiled to one instruction on every JDK), with the same
     * arithmetic.
     */
    private void store(float[] tile, int tileRow, int row0, int rows, int col0, int cols, boolean first) {
        boolean scaled = alpha != 1;
        boolean readC = !first || beta != 0;
        boolean scaleC = first && beta != 0 && beta != 1;
        int whole = cols - cols % L;
        for (int t = 0; t < rows; t++) {
            int ti = (tileRow + t) * NR;
            int ci = (row0 + t) * n + col0;
            for (int j = 0; j < whole; j += L) {
                FloatVector s = FloatVector.fromArray(S, tile, ti + j);
                if (scaled) {
                    s = s.mul(alpha);
                }
                if (readC) {
                    FloatVector old = FloatVector.fromArray(S, c, ci + j);
                    s = (scaleC ? old.mul(beta) : old).add(s);
                }
                s.intoArray(c, ci + j);
            }
            for (int j = whole; j < cols; j++) {
                float s = scaled ? alpha * tile[ti + j] : tile[ti + j];
                if (readC) {
                    float old = c[ci + j];
                    s = (scaleC ? old * beta : old) + s;
                }
                c[ci + j] = s;
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's buffers, kept so that repeated products allocate nothing. */
    private static final class Workspace {
        final float[] tile = new float[MR * NR];
        final int[] start = new int[MR];
        private final int[] index = new int[L];
        private int indexStride = -1;
        private float[] panel = new float[0];
        private final float[] columns = new float[MR * KC];

        float[] panel(int size) {
            if (panel.length < size) {
                panel = new float[size];
            }
            return panel;
        }

        /** Offsets of L consecutive rows of a row-major matrix with {@code stride} columns, for gathers. */
        int[] index(int stride) {
            if (indexStride != stride) {
                for (int l = 0; l < L; l++) {
                    index[l] = l * stride;
                }
                indexStride = stride;
            }
            return index;
        }

        /**
         * The m (fewer than MR) rows of op(a) = a transposed, over depth {@code [pc, pc + kc)}, copied
         * MR wide with the last row repeated, so the column kernel can read them with step MR.
         */
        float[] columns(float[] a, int m, int pc, int kc) {
            for (int p = 0; p < kc; p++) {
                int src = (pc + p) * m;
                for (int r = 0; r < MR; r++) {
                    columns[p * MR + r] = a[src + Math.min(r, m - 1)];
                }
            }
            return columns;
        }
    }

    // The micro-kernels: block sums of 8 rows of op(a) times one sliver of packed op(b) over depth
    // kc, into tile (row r at r * NR). Written out in full so that C2 keeps every accumulator in a
    // register; a helper taking vectors would box them.

    /** Two vectors wide, op(a) row r read from {@code a[start[r] + p]}. */
    private static void rows8x2(int kc, float[] a, int[] start, float[] b, int bOff, float[] tile) {
        int a0 = start[0], a1 = start[1], a2 = start[2], a3 = start[3], a4 = start[4], a5 = start[5], a6 = start[6], a7 = start[7];
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        for (int p = 0, bi = bOff; p < kc; p++, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi); FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** One vector wide, op(a) row r read from {@code a[start[r] + p]}. */
    private static void rows8x1(int kc, float[] a, int[] start, float[] b, int bOff, float[] tile) {
        int a0 = start[0], a1 = start[1], a2 = start[2], a3 = start[3], a4 = start[4], a5 = start[5], a6 = start[6], a7 = start[7];
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero;
        FloatVector c10 = zero;
        FloatVector c20 = zero;
        FloatVector c30 = zero;
        FloatVector c40 = zero;
        FloatVector c50 = zero;
        FloatVector c60 = zero;
        FloatVector c70 = zero;
        for (int p = 0, bi = bOff; p < kc; p++, bi += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + p]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[a5 + p]); c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[a6 + p]); c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[a7 + p]); c70 = x.fma(b0, c70);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
        c60.intoArray(tile, 12 * L);
        c70.intoArray(tile, 14 * L);
    }

    /** Two vectors wide, op(a) row r read from {@code a[aOff + p * aStep + r]}. */
    private static void cols8x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, float[] tile) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi); FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** One vector wide, op(a) row r read from {@code a[aOff + p * aStep + r]}. */
    private static void cols8x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, float[] tile) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero;
        FloatVector c10 = zero;
        FloatVector c20 = zero;
        FloatVector c30 = zero;
        FloatVector c40 = zero;
        FloatVector c50 = zero;
        FloatVector c60 = zero;
        FloatVector c70 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[ai + 1]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[ai + 2]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[ai + 3]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[ai + 4]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[ai + 5]); c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[ai + 6]); c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[ai + 7]); c70 = x.fma(b0, c70);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
        c60.intoArray(tile, 12 * L);
        c70.intoArray(tile, 14 * L);
    }
}
