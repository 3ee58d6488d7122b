package dev.nn.core.internal.engine;

import static org.assertj.core.api.Assertions.fail;

import dev.nn.api.Matrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/** A naive, double-accumulating gemm and the float32 error bound the engine must stay within. */
final class ReferenceGemm {

    /** Unit roundoff of float32. */
    static final double U = Math.ulp(1.0f) / 2;

    final double[] expected;
    /**
     * Per element, the largest acceptable |engine - reference|: the textbook forward-error bound
     * of a float32 dot product, (k + 2) * u * (|alpha| * sum |a_ip * b_pj| + |beta * c_ij|), with
     * u = 2^-24, doubled as a margin. A wrong index or a missing term is off by far more.
     */
    final double[] tolerance;

    private ReferenceGemm(double[] expected, double[] tolerance) {
        this.expected = expected;
        this.tolerance = tolerance;
    }

    /** The reference for {@code c = alpha * op(a) * op(b) + beta * c}, from c's values before the call. */
    static ReferenceGemm of(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        double[] expected = new double[m * n];
        double[] tolerance = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
                    sum += term;
                    magnitude += Math.abs(term);
                }
                double old = beta == 0 ? 0 : (double) beta * c.get(i, j);
                expected[i * n + j] = alpha * sum + old;
                tolerance[i * n + j] = 2 * (k + 2) * U * (Math.abs(alpha) * magnitude + Math.abs(old));
            }
        }
        return new ReferenceGemm(expected, tolerance);
    }

    /** Fails, naming the first element out of tolerance, unless {@code actual} matches the reference. */
    void assertMatches(Matrix actual, String what) {
        float[] got = actual.data();
        for (int idx = 0; idx < got.length; idx++) {
            double error = Math.abs(got[idx] - expected[idx]);
            if (!(error <= tolerance[idx])) {
                fail(
                        "%s: c(%d, %d) is %s, reference %s (error %.3g, tolerance %.3g)",
                        what, idx / actual.cols(), idx % actual.cols(), got[idx], expected[idx], error, tolerance[idx]);
            }
        }
    }

    /** Fails, naming the first differing element, unless the two are bit for bit equal ({@link Arrays#equals(float[], float[])}). */
    static void assertBitIdentical(Matrix actual, Matrix expected, String what) {
        if (!Arrays.equals(actual.data(), expected.data())) {
            int idx = Arrays.mismatch(actual.data(), expected.data());
            fail(
                    "%s: c(%d, %d) is %s (bits %08x) but should be %s (bits %08x)",
                    what,
                    idx / expected.cols(),
                    idx % expected.cols(),
                    actual.data()[idx],
                    Float.floatToRawIntBits(actual.data()[idx]),
                    expected.data()[idx],
                    Float.floatToRawIntBits(expected.data()[idx]));
        }
    }

    /** A matrix of values in [-1, 1) from {@code random}. */
    static Matrix random(int rows, int cols, SplittableRandom random) {
        Matrix m = new Matrix(rows, cols);
        float[] data = m.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return m;
    }

    /** op(x) of shape {@code rows x cols}: x itself, or a matrix whose transpose has that shape. */
    static Matrix operand(int rows, int cols, boolean transposed, SplittableRandom random) {
        return transposed ? random(cols, rows, random) : random(rows, cols, random);
    }
}
