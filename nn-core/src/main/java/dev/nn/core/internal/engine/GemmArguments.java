package dev.nn.core.internal.engine;

import dev.nn.api.Matrix;
import java.util.Arrays;
import java.util.Objects;

/** The argument checks and degenerate cases every engine's gemm shares, so all engines fail alike. */
final class GemmArguments {

    private GemmArguments() {}

    /**
     * Checks that {@code op(a) * op(b)} is defined and has c's shape, and that c has an array of its own.
     *
     * @return the inner dimension k
     * @throws IllegalArgumentException naming the shapes that disagree
     */
    static int check(boolean transA, boolean transB, Matrix a, Matrix b, Matrix c) {
        Objects.requireNonNull(a, "gemm: a is null");
        Objects.requireNonNull(b, "gemm: b is null");
        Objects.requireNonNull(c, "gemm: c is null");
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new IllegalArgumentException("gemm: op(a) is " + m + "x" + k + " but op(b) is " + kb + "x" + n
                    + "; inner dimensions differ" + operands(transA, a, transB, b));
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: op(a) * op(b) is " + m + "x" + n + " but c is " + c.shape()
                    + "; c must have the product's shape" + operands(transA, a, transB, b));
        }
        if (c.data() == a.data() || c.data() == b.data()) {
            throw new IllegalArgumentException("gemm: c shares its array with " + (c.data() == a.data() ? "a" : "b")
                    + "; write the product into a separate matrix");
        }
        return k;
    }

    private static String operands(boolean transA, Matrix a, boolean transB, Matrix b) {
        if (!transA && !transB) {
            return "";
        }
        return " (a is " + a.shape() + (transA ? " transposed" : "") + ", b is " + b.shape()
                + (transB ? " transposed" : "") + ")";
    }

    /**
     * True when the product contributes nothing ({@code alpha == 0} or {@code k == 0}); c is then
     * scaled by beta here. As in BLAS, a and b are not read, so NaN in them does not reach c.
     */
    static boolean onlyScalesC(float alpha, int k, float beta, float[] c) {
        if (alpha != 0 && k != 0) {
            return false;
        }
        if (beta == 0) {
            Arrays.fill(c, 0f);
        } else if (beta != 1) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= beta;
            }
        }
        return true;
    }
}
