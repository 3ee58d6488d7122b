package dev.nn.core.internal.engine;

import dev.nn.api.Engine.RangeBody;
import dev.nn.api.Matrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector engine's float32 matrix product {@code c = alpha * op(a) * op(b) + beta * c}, with
 * the Vector API's fused multiply-add on the machine's widest vectors.
 *
 * <p>Blocks of op(b) ({@code depth x NC}) are packed into slivers one or two vectors wide, zero
 * padded, that stream from L2 through micro-kernels keeping 8 x 2 (or 16 x 1) vector accumulators
 * in registers while they broadcast elements of op(a). The column kernels read op(a) as columns
 * of a, in place when a is given transposed; otherwise a panel wide enough to repay it gets 16
 * rows of a copied by one gather per depth step, and a narrow one is served by row kernels reading
 * a in place. No transpose of a whole operand is ever built. Threads split c, by columns when it
 * is wide (each thread then packs only its own part of b) and by rows otherwise, never by depth.
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
    /** Rows of c per micro-kernel for two-vector slivers; threads split rows in groups of this many. */
    static final int MR = 8;
    /** Rows of c per block: two 8-row kernels for a two-vector sliver, one 16-row kernel for a one-vector sliver. */
    static final int MB = 16;
    /** Columns of a full sliver of packed op(b): two vectors. */
    static final int NR = 2 * L;
    /** Largest depth of a k-block: a sliver of op(a) rows (8 x 256 floats) stays in L1. */
    static final int KC = 256;
    /** Columns of a packed panel of op(b): KC x NC floats (512 KiB with AVX-512) stay in L2. */
    static final int NC = 32 * L;
    /** Below this many multiply-adds, handing work to other threads costs more than it saves. */
    static final long PARALLEL_PRODUCT = 50_000;

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
    static void multiply(
            WorkerPool pool,
            boolean transA,
            boolean transB,
            float alpha,
            Matrix a,
            Matrix b,
            float beta,
            Matrix c,
            Split split) {
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
            if (m == 1 && !transA && !transB) {
                // One row (a prediction for one example): the kernels' 8 rows and packed b would be 8 times the work.
                call.oneRow();
                return;
            }
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

    /**
     * c = alpha * a * b + beta * c for one row of a and b as given (k x n), on this thread: reads b's
     * rows in place and packs nothing, in the summation order of the class comment (per k-block a sum
     * from zero of fused multiply-adds in order, stored as {@link #store} stores it), so its bits are
     * those of the kernels.
     */
    private void oneRow() {
        int whole4 = n - n % (4 * L);
        int whole = n - n % L;
        for (int pc = 0; pc < k; pc += depth) {
            int kc = Math.min(depth, k - pc);
            float keep = pc == 0 ? beta : 1f;
            boolean overwrite = pc == 0 && beta == 0;
            int j = 0;
            for (; j < whole4; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                for (int p = 0, off = pc * n + j; p < kc; p++, off += n) {
                    FloatVector av = FloatVector.broadcast(S, a[pc + p]);
                    s0 = av.fma(FloatVector.fromArray(S, b, off), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, off + L), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, off + 2 * L), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, off + 3 * L), s3);
                }
                s0 = s0.mul(alpha);
                s1 = s1.mul(alpha);
                s2 = s2.mul(alpha);
                s3 = s3.mul(alpha);
                if (overwrite) {
                    s0.intoArray(c, j);
                    s1.intoArray(c, j + L);
                    s2.intoArray(c, j + 2 * L);
                    s3.intoArray(c, j + 3 * L);
                } else {
                    FloatVector.fromArray(S, c, j).mul(keep).add(s0).intoArray(c, j);
                    FloatVector.fromArray(S, c, j + L).mul(keep).add(s1).intoArray(c, j + L);
                    FloatVector.fromArray(S, c, j + 2 * L).mul(keep).add(s2).intoArray(c, j + 2 * L);
                    FloatVector.fromArray(S, c, j + 3 * L).mul(keep).add(s3).intoArray(c, j + 3 * L);
                }
            }
            for (; j < whole; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0, off = pc * n + j; p < kc; p++, off += n) {
                    s0 = FloatVector.broadcast(S, a[pc + p]).fma(FloatVector.fromArray(S, b, off), s0);
                }
                s0 = s0.mul(alpha);
                if (overwrite) {
                    s0.intoArray(c, j);
                } else {
                    FloatVector.fromArray(S, c, j).mul(keep).add(s0).intoArray(c, j);
                }
            }
            for (; j < n; j++) {
                float sum = 0f;
                for (int p = 0, off = pc * n + j; p < kc; p++, off += n) {
                    sum = Math.fma(a[pc + p], b[off], sum);
                }
                c[j] = overwrite ? sum * alpha : c[j] * keep + sum * alpha;
            }
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
        // Whole rows of c are this thread's alone: a partial last vector may then be stored as a whole
        // one, rewriting the next row's first elements with the values they have (see store).
        ws.target.ownedEnd = colFrom == 0 && colTo == n ? rowTo * n : 0;
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                float[] panel = ws.panel(kc * ceilDiv(nc, L) * L);
                packB(panel, ws, pc, kc, jc, nc);
                ws.target.begin(c, n, alpha, pc == 0 ? beta : 1f, pc == 0 && beta == 0);
                for (int ir = rowFrom; ir < rowTo; ir += MB) {
                    rowBlock(ws, panel, ir, Math.min(MB, rowTo - ir), pc, kc, jc, nc);
                }
            }
        }
        ws.target.c = null; // the thread-local must not keep the caller's array alive
    }

    /**
     * Rows {@code [ir, ir + rows)} (at most MB) of c over one panel and one k-block. Kernels
     * compute whole 8- or 16-row blocks; rows past the end of c are computed and dropped.
     */
    private void rowBlock(Workspace ws, float[] panel, int ir, int rows, int pc, int kc, int jc, int nc) {
        // With a transposed, or a's rows copied MB wide, the column kernels read op(a) rows
        // [top, top + MB), row top + w at a[base + p * step + w]. The copy costs one gather per p and
        // pays when it serves enough slivers: the column kernels run faster than the row kernels.
        boolean columns = transA || ceilDiv(nc, NR) >= 4 && L <= MB && MB % L == 0;
        float[] src = a;
        int top = ir;
        int step = m;
        if (!transA && columns) {
            src = ws.rows(a, k, ir, rows, pc, kc);
            step = MB;
        } else if (transA && ir + MB > m) {
            if (m >= MB) {
                top = m - MB;
            } else {
                src = ws.columns(a, m, pc, kc);
                top = 0;
                step = MB;
            }
        }
        int base = src == a ? pc * m + top : 0;
        Target out = ws.target;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int col = jc + jr;
            int bOff = jr * kc;
            int height = cols > L || rows <= MR ? MR : MB;
            for (int h = 0; h < rows; h += height) {
                int row = ir + h;
                int count = Math.min(height, rows - h);
                if (columns) {
                    // Start the kernel where its rows stay inside the window; skip the rows above row.
                    int w = Math.min(row - top, MB - height);
                    int skip = row - top - w;
                    if (cols > L) {
                        cols8x2(kc, src, base + w, step, panel, bOff, out);
                    } else if (height == MB && MB == L && cols <= 4) {
                        narrow16x4(kc, src, base + w, step, panel, bOff, out);
                    } else if (height == MB && MB == L && cols <= 8) {
                        narrow16x8(kc, src, base + w, step, panel, bOff, out);
                    } else if (height == MB) {
                        cols16x1(kc, src, base + w, step, panel, bOff, out);
                    } else {
                        cols8x1(kc, src, base + w, step, panel, bOff, out);
                    }
                    store(out, skip, row, count, col, cols);
                } else {
                    int[] start = ws.start;
                    for (int r = 0; r < height; r++) {
                        // Missing rows repeat the last one; their sums are computed and dropped.
                        start[r] = (row + Math.min(r, count - 1)) * k + pc;
                    }
                    if (cols > L) {
                        rows8x2(kc, a, start, panel, bOff, out);
                    } else if (height == MB) {
                        rows16x1(kc, a, start, panel, bOff, out);
                    } else {
                        rows8x1(kc, a, start, panel, bOff, out);
                    }
                    store(out, 0, row, count, col, cols);
                }
            }
        }
    }

    /**
     * Packs depth {@code [pc, pc + kc)} x columns {@code [jc, jc + nc)} of op(b) as slivers of
     * {@link #NR} columns (the last one or two vectors wide): sliver s starts at {@code s * NR * kc}
     * and holds, for each p, its columns of row p; columns past nc are zero.
     */
    private void packB(float[] panel, Workspace ws, int pc, int kc, int jc, int nc) {
        if (transB) {
            packColumnsOfB(panel, ws, pc, kc, jc, nc);
            return;
        }
        // b is k x n: a row of op(b) is contiguous; copy it row by row into every sliver.
        int lastWidth = nc - (nc - 1) / NR * NR > L ? NR : L;
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + jc;
            int jr = 0;
            for (; jr + NR <= nc; jr += NR) {
                int dst = jr * kc + p * NR;
                FloatVector.fromArray(S, b, src + jr).intoArray(panel, dst);
                FloatVector.fromArray(S, b, src + jr + L).intoArray(panel, dst + L);
            }
            if (jr == nc) {
                continue;
            }
            int dst = jr * kc + p * lastWidth;
            int j = jr;
            if (j + L <= nc) {
                FloatVector.fromArray(S, b, src + j).intoArray(panel, dst);
                j += L;
                dst += L;
            }
            if (j < nc) {
                if (src + j + L <= b.length) {
                    // A masked load is one instruction while the whole vector lies inside b. (Masks are
                    // made where they are used: one live across a safepoint may be allocated.)
                    FloatVector.fromArray(S, b, src + j, S.indexInRange(j, nc)).intoArray(panel, dst);
                } else {
                    for (int t = 0; t < L; t++) {
                        panel[dst + t] = j + t < nc ? b[src + j + t] : 0f;
                    }
                }
            }
        }
    }

    /** As {@link #packB} for b given transposed (n x k): a column of op(b) is contiguous; gather L at a time. */
    private void packColumnsOfB(float[] panel, Workspace ws, int pc, int kc, int jc, int nc) {
        int[] index = ws.index(k);
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int width = cols > L ? NR : L;
            int base = jr * kc;
            int j0 = jc + jr;
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

    /**
     * Adds rows {@code [tileRow, tileRow + rows)} of the block sums a kernel left in the tile into
     * c at {@code (row0, col0)}, {@code cols} columns wide, with the kernels' arithmetic. A partial
     * last vector is written whole with the lanes past the row blended back to the values just read,
     * when those lanes are in c and belong to this thread (a masked store is not one instruction on
     * every JDK); otherwise its columns are written one by one.
     */
    private void store(Target out, int tileRow, int row0, int rows, int col0, int cols) {
        float[] tile = out.tile;
        int vectors = cols / L;
        int whole = vectors * L;
        float scale = out.alpha;
        float keep = out.keep;
        boolean overwrite = out.overwrite;
        for (int t = 0; t < rows; t++) {
            int ti = (tileRow + t) * NR;
            int ci = (row0 + t) * n + col0;
            for (int v = 0, j = 0; v < vectors; v++, j += L) {
                FloatVector sum = FloatVector.fromArray(S, tile, ti + j).mul(scale);
                if (overwrite) {
                    sum.intoArray(c, ci + j);
                } else {
                    FloatVector.fromArray(S, c, ci + j).mul(keep).add(sum).intoArray(c, ci + j);
                }
            }
            if (whole == cols) {
                continue;
            }
            int last = ci + whole;
            if (last + L <= out.ownedEnd) {
                FloatVector sum = FloatVector.fromArray(S, tile, ti + whole).mul(scale);
                FloatVector old = FloatVector.fromArray(S, c, last);
                VectorMask<Float> tail = S.indexInRange(whole, cols);
                if (overwrite) {
                    old.blend(sum, tail).intoArray(c, last);
                } else {
                    old.blend(old.mul(keep).add(sum), tail).intoArray(c, last);
                }
            } else {
                for (int j = whole; j < cols; j++) {
                    c[ci + j] = overwrite ? tile[ti + j] * scale : c[ci + j] * keep + tile[ti + j] * scale;
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /**
     * Where a kernel puts its block sums: a tile, which {@link #store} adds to c as
     * {@code keep * c + alpha * s}, where keep is beta for the first block and 1 (exact) for later
     * ones. The kernels never write c themselves: storing sixteen more vectors at the end of a
     * kernel (to c directly, when the block is whole and overwritten) made the method big enough
     * that C2 on JDK 17 now and then compiled its last few stores without the vector intrinsic,
     * boxing four vectors per call for the rest of the JVM's life (seen as AllocationTest failing
     * about one run in eight). The tile round trip costs sixteen L1 loads per kernel call.
     */
    private static final class Target {
        final float[] tile = new float[MB * NR];
        /** The narrow kernels' sums, column j of MB rows at {@code j * L}. */
        final float[] columns = new float[8 * L];

        float[] c;
        int n;
        float alpha;
        float keep;
        boolean overwrite;
        /** Index in c before which the thread owns whole rows: see {@link VectorGemm#store}. */
        int ownedEnd;

        /** Moves the narrow kernels' {@code cols} columns of MB rows into the tile (row r at r * NR). */
        void transpose(int cols) {
            for (int j = 0; j < cols; j++) {
                for (int r = 0, from = j * L, to = j; r < MB; r++, from++, to += NR) {
                    tile[to] = columns[from];
                }
            }
        }

        void begin(float[] c, int n, float alpha, float keep, boolean overwrite) {
            this.c = c;
            this.n = n;
            this.alpha = alpha;
            this.keep = keep;
            this.overwrite = overwrite;
        }
    }

    /** One thread's buffers, kept so that repeated products allocate nothing. */
    private static final class Workspace {
        final Target target = new Target();
        final int[] start = new int[MB];
        private final int[] index = new int[L];
        private int indexStride = -1;
        private float[] panel = new float[0];
        private final float[] columns = new float[MB * KC];
        private final float[] block = new float[MB * KC];
        private final int[] rowIndex = new int[MB];
        private int rowIndexStride = -1;
        private int rowIndexRows = -1;

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
         * Rows {@code [row, row + rows)} of a (k columns), depth {@code [pc, pc + kc)}, copied MB wide
         * ({@code block[p * MB + r]}) with the last row repeated, by gathers down the columns.
         */
        float[] rows(float[] a, int k, int row, int rows, int pc, int kc) {
            if (rowIndexStride != k || rowIndexRows != rows) {
                for (int r = 0; r < MB; r++) {
                    rowIndex[r] = Math.min(r, rows - 1) * k;
                }
                rowIndexStride = k;
                rowIndexRows = rows;
            }
            int src = row * k + pc;
            if (MB == L) {
                // (A gather whose index offset is not a constant is not compiled to one instruction on JDK 17.)
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(S, a, src + p, rowIndex, 0).intoArray(block, p * MB);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < MB; r += L) {
                        FloatVector.fromArray(S, a, src + p, rowIndex, r).intoArray(block, p * MB + r);
                    }
                }
            }
            return block;
        }

        /**
         * The m (fewer than MB) rows of op(a) = a transposed, over depth {@code [pc, pc + kc)}, copied
         * MB wide with the last row repeated, so the column kernels can read them with step MB.
         */
        float[] columns(float[] a, int m, int pc, int kc) {
            for (int p = 0; p < kc; p++) {
                int src = (pc + p) * m;
                for (int r = 0; r < MB; r++) {
                    columns[p * MB + r] = a[src + Math.min(r, m - 1)];
                }
            }
            return columns;
        }
    }

    // The micro-kernels: block sums of 8 or 16 rows of op(a) times one sliver of packed op(b) over
    // depth kc, written to the tile (row r at r * NR) for store(). Written out in full so that C2 keeps every
    // accumulator in a register: a helper
    // taking vectors would box them.

    /** Two vectors wide; row r of op(a) is read from {@code a[start[r] + p]}. */
    private static void rows8x2(int kc, float[] a, int[] start, float[] b, int bOff, Target out) {
        int a0 = start[0], a1 = start[1], a2 = start[2], a3 = start[3];
        int a4 = start[4], a5 = start[5], a6 = start[6], a7 = start[7];
        FloatVector zero = FloatVector.zero(S);
        FloatVector s00 = zero, s01 = zero;
        FloatVector s10 = zero, s11 = zero;
        FloatVector s20 = zero, s21 = zero;
        FloatVector s30 = zero, s31 = zero;
        FloatVector s40 = zero, s41 = zero;
        FloatVector s50 = zero, s51 = zero;
        FloatVector s60 = zero, s61 = zero;
        FloatVector s70 = zero, s71 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        float[] t = out.tile;
        s00.intoArray(t, 0);
        s01.intoArray(t, L);
        s10.intoArray(t, 2 * L);
        s11.intoArray(t, 3 * L);
        s20.intoArray(t, 4 * L);
        s21.intoArray(t, 5 * L);
        s30.intoArray(t, 6 * L);
        s31.intoArray(t, 7 * L);
        s40.intoArray(t, 8 * L);
        s41.intoArray(t, 9 * L);
        s50.intoArray(t, 10 * L);
        s51.intoArray(t, 11 * L);
        s60.intoArray(t, 12 * L);
        s61.intoArray(t, 13 * L);
        s70.intoArray(t, 14 * L);
        s71.intoArray(t, 15 * L);
    }

    /** One vector wide; row r of op(a) is read from {@code a[start[r] + p]}. */
    private static void rows16x1(int kc, float[] a, int[] start, float[] b, int bOff, Target out) {
        int a0 = start[0], a1 = start[1], a2 = start[2], a3 = start[3];
        int a4 = start[4], a5 = start[5], a6 = start[6], a7 = start[7];
        int a8 = start[8], a9 = start[9], a10 = start[10], a11 = start[11];
        int a12 = start[12], a13 = start[13], a14 = start[14], a15 = start[15];
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        FloatVector s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        FloatVector s8 = zero, s9 = zero, s10 = zero, s11 = zero;
        FloatVector s12 = zero, s13 = zero, s14 = zero, s15 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            s0 = x.fma(b0, s0);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s1 = x.fma(b0, s1);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s2 = x.fma(b0, s2);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s3 = x.fma(b0, s3);
            x = FloatVector.broadcast(S, a[a4 + p]);
            s4 = x.fma(b0, s4);
            x = FloatVector.broadcast(S, a[a5 + p]);
            s5 = x.fma(b0, s5);
            x = FloatVector.broadcast(S, a[a6 + p]);
            s6 = x.fma(b0, s6);
            x = FloatVector.broadcast(S, a[a7 + p]);
            s7 = x.fma(b0, s7);
            x = FloatVector.broadcast(S, a[a8 + p]);
            s8 = x.fma(b0, s8);
            x = FloatVector.broadcast(S, a[a9 + p]);
            s9 = x.fma(b0, s9);
            x = FloatVector.broadcast(S, a[a10 + p]);
            s10 = x.fma(b0, s10);
            x = FloatVector.broadcast(S, a[a11 + p]);
            s11 = x.fma(b0, s11);
            x = FloatVector.broadcast(S, a[a12 + p]);
            s12 = x.fma(b0, s12);
            x = FloatVector.broadcast(S, a[a13 + p]);
            s13 = x.fma(b0, s13);
            x = FloatVector.broadcast(S, a[a14 + p]);
            s14 = x.fma(b0, s14);
            x = FloatVector.broadcast(S, a[a15 + p]);
            s15 = x.fma(b0, s15);
        }
        float[] t = out.tile;
        s0.intoArray(t, 0);
        s1.intoArray(t, 2 * L);
        s2.intoArray(t, 4 * L);
        s3.intoArray(t, 6 * L);
        s4.intoArray(t, 8 * L);
        s5.intoArray(t, 10 * L);
        s6.intoArray(t, 12 * L);
        s7.intoArray(t, 14 * L);
        s8.intoArray(t, 16 * L);
        s9.intoArray(t, 18 * L);
        s10.intoArray(t, 20 * L);
        s11.intoArray(t, 22 * L);
        s12.intoArray(t, 24 * L);
        s13.intoArray(t, 26 * L);
        s14.intoArray(t, 28 * L);
        s15.intoArray(t, 30 * L);
    }

    /** One vector wide; row r of op(a) is read from {@code a[start[r] + p]}. */
    private static void rows8x1(int kc, float[] a, int[] start, float[] b, int bOff, Target out) {
        int a0 = start[0], a1 = start[1], a2 = start[2], a3 = start[3];
        int a4 = start[4], a5 = start[5], a6 = start[6], a7 = start[7];
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        FloatVector s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            s0 = x.fma(b0, s0);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s1 = x.fma(b0, s1);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s2 = x.fma(b0, s2);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s3 = x.fma(b0, s3);
            x = FloatVector.broadcast(S, a[a4 + p]);
            s4 = x.fma(b0, s4);
            x = FloatVector.broadcast(S, a[a5 + p]);
            s5 = x.fma(b0, s5);
            x = FloatVector.broadcast(S, a[a6 + p]);
            s6 = x.fma(b0, s6);
            x = FloatVector.broadcast(S, a[a7 + p]);
            s7 = x.fma(b0, s7);
        }
        float[] t = out.tile;
        s0.intoArray(t, 0);
        s1.intoArray(t, 2 * L);
        s2.intoArray(t, 4 * L);
        s3.intoArray(t, 6 * L);
        s4.intoArray(t, 8 * L);
        s5.intoArray(t, 10 * L);
        s6.intoArray(t, 12 * L);
        s7.intoArray(t, 14 * L);
    }

    /** Two vectors wide; row r of op(a) is read from {@code a[aOff + p * aStep + r]}. */
    private static void cols8x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, Target out) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector s00 = zero, s01 = zero;
        FloatVector s10 = zero, s11 = zero;
        FloatVector s20 = zero, s21 = zero;
        FloatVector s30 = zero, s31 = zero;
        FloatVector s40 = zero, s41 = zero;
        FloatVector s50 = zero, s51 = zero;
        FloatVector s60 = zero, s61 = zero;
        FloatVector s70 = zero, s71 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        float[] t = out.tile;
        s00.intoArray(t, 0);
        s01.intoArray(t, L);
        s10.intoArray(t, 2 * L);
        s11.intoArray(t, 3 * L);
        s20.intoArray(t, 4 * L);
        s21.intoArray(t, 5 * L);
        s30.intoArray(t, 6 * L);
        s31.intoArray(t, 7 * L);
        s40.intoArray(t, 8 * L);
        s41.intoArray(t, 9 * L);
        s50.intoArray(t, 10 * L);
        s51.intoArray(t, 11 * L);
        s60.intoArray(t, 12 * L);
        s61.intoArray(t, 13 * L);
        s70.intoArray(t, 14 * L);
        s71.intoArray(t, 15 * L);
    }

    /** One vector wide; row r of op(a) is read from {@code a[aOff + p * aStep + r]}. */
    private static void cols16x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, Target out) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        FloatVector s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        FloatVector s8 = zero, s9 = zero, s10 = zero, s11 = zero;
        FloatVector s12 = zero, s13 = zero, s14 = zero, s15 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            s0 = x.fma(b0, s0);
            x = FloatVector.broadcast(S, a[ai + 1]);
            s1 = x.fma(b0, s1);
            x = FloatVector.broadcast(S, a[ai + 2]);
            s2 = x.fma(b0, s2);
            x = FloatVector.broadcast(S, a[ai + 3]);
            s3 = x.fma(b0, s3);
            x = FloatVector.broadcast(S, a[ai + 4]);
            s4 = x.fma(b0, s4);
            x = FloatVector.broadcast(S, a[ai + 5]);
            s5 = x.fma(b0, s5);
            x = FloatVector.broadcast(S, a[ai + 6]);
            s6 = x.fma(b0, s6);
            x = FloatVector.broadcast(S, a[ai + 7]);
            s7 = x.fma(b0, s7);
            x = FloatVector.broadcast(S, a[ai + 8]);
            s8 = x.fma(b0, s8);
            x = FloatVector.broadcast(S, a[ai + 9]);
            s9 = x.fma(b0, s9);
            x = FloatVector.broadcast(S, a[ai + 10]);
            s10 = x.fma(b0, s10);
            x = FloatVector.broadcast(S, a[ai + 11]);
            s11 = x.fma(b0, s11);
            x = FloatVector.broadcast(S, a[ai + 12]);
            s12 = x.fma(b0, s12);
            x = FloatVector.broadcast(S, a[ai + 13]);
            s13 = x.fma(b0, s13);
            x = FloatVector.broadcast(S, a[ai + 14]);
            s14 = x.fma(b0, s14);
            x = FloatVector.broadcast(S, a[ai + 15]);
            s15 = x.fma(b0, s15);
        }
        float[] t = out.tile;
        s0.intoArray(t, 0);
        s1.intoArray(t, 2 * L);
        s2.intoArray(t, 4 * L);
        s3.intoArray(t, 6 * L);
        s4.intoArray(t, 8 * L);
        s5.intoArray(t, 10 * L);
        s6.intoArray(t, 12 * L);
        s7.intoArray(t, 14 * L);
        s8.intoArray(t, 16 * L);
        s9.intoArray(t, 18 * L);
        s10.intoArray(t, 20 * L);
        s11.intoArray(t, 22 * L);
        s12.intoArray(t, 24 * L);
        s13.intoArray(t, 26 * L);
        s14.intoArray(t, 28 * L);
        s15.intoArray(t, 30 * L);
    }

    /**
     * At most 4 columns (a narrow last sliver, such as the 4 of 100 = 3 x 32 + 4) of 16 rows, with
     * the vector along the rows: row r of op(a) at {@code a[aOff + p * aStep + r]} is one load per p,
     * and each column one broadcast and one FMA, where {@link #cols16x1} spends 16 FMAs of which 4
     * lanes count. Each sum is the same chain of FMAs over p, so the bits are those of cols16x1.
     */
    private static void narrow16x4(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, Target out) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += L) {
            FloatVector x = FloatVector.fromArray(S, a, ai);
            s0 = x.fma(FloatVector.broadcast(S, b[bi]), s0);
            s1 = x.fma(FloatVector.broadcast(S, b[bi + 1]), s1);
            s2 = x.fma(FloatVector.broadcast(S, b[bi + 2]), s2);
            s3 = x.fma(FloatVector.broadcast(S, b[bi + 3]), s3);
        }
        float[] c = out.columns;
        s0.intoArray(c, 0);
        s1.intoArray(c, L);
        s2.intoArray(c, 2 * L);
        s3.intoArray(c, 3 * L);
        out.transpose(4);
    }

    /** As {@link #narrow16x4} for at most 8 columns. */
    private static void narrow16x8(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, Target out) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        FloatVector s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += L) {
            FloatVector x = FloatVector.fromArray(S, a, ai);
            s0 = x.fma(FloatVector.broadcast(S, b[bi]), s0);
            s1 = x.fma(FloatVector.broadcast(S, b[bi + 1]), s1);
            s2 = x.fma(FloatVector.broadcast(S, b[bi + 2]), s2);
            s3 = x.fma(FloatVector.broadcast(S, b[bi + 3]), s3);
            s4 = x.fma(FloatVector.broadcast(S, b[bi + 4]), s4);
            s5 = x.fma(FloatVector.broadcast(S, b[bi + 5]), s5);
            s6 = x.fma(FloatVector.broadcast(S, b[bi + 6]), s6);
            s7 = x.fma(FloatVector.broadcast(S, b[bi + 7]), s7);
        }
        float[] c = out.columns;
        s0.intoArray(c, 0);
        s1.intoArray(c, L);
        s2.intoArray(c, 2 * L);
        s3.intoArray(c, 3 * L);
        s4.intoArray(c, 4 * L);
        s5.intoArray(c, 5 * L);
        s6.intoArray(c, 6 * L);
        s7.intoArray(c, 7 * L);
        out.transpose(8);
    }

    /** One vector wide; row r of op(a) is read from {@code a[aOff + p * aStep + r]}. */
    private static void cols8x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, Target out) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        FloatVector s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            s0 = x.fma(b0, s0);
            x = FloatVector.broadcast(S, a[ai + 1]);
            s1 = x.fma(b0, s1);
            x = FloatVector.broadcast(S, a[ai + 2]);
            s2 = x.fma(b0, s2);
            x = FloatVector.broadcast(S, a[ai + 3]);
            s3 = x.fma(b0, s3);
            x = FloatVector.broadcast(S, a[ai + 4]);
            s4 = x.fma(b0, s4);
            x = FloatVector.broadcast(S, a[ai + 5]);
            s5 = x.fma(b0, s5);
            x = FloatVector.broadcast(S, a[ai + 6]);
            s6 = x.fma(b0, s6);
            x = FloatVector.broadcast(S, a[ai + 7]);
            s7 = x.fma(b0, s7);
        }
        float[] t = out.tile;
        s0.intoArray(t, 0);
        s1.intoArray(t, 2 * L);
        s2.intoArray(t, 4 * L);
        s3.intoArray(t, 6 * L);
        s4.intoArray(t, 8 * L);
        s5.intoArray(t, 10 * L);
        s6.intoArray(t, 12 * L);
        s7.intoArray(t, 14 * L);
    }
}
