package dev.nn.testkit;

import dev.nn.api.Matrix;
import java.util.SplittableRandom;

/** Seeded matrices for provider tests: the same seed gives the same matrix on every machine. */
public final class TestData {
    private TestData() {}

    /**
     * Values in {@code [-2, -0.05]} and {@code [0.05, 2]}: never closer to 0 than 0.05, so a
     * gradient check's step (1e-3) never crosses a kink at 0 such as ReLU's.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param seed seeds the values
     * @return the matrix
     */
    public static Matrix inputs(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            double v = 0.05 + random.nextDouble() * 1.95;
            m.data()[i] = (float) (random.nextBoolean() ? v : -v);
        }
        return m;
    }

    /**
     * {@return values drawn uniformly from {@code [low, high)}}
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param low  the smallest value possible
     * @param high the bound no value reaches
     * @param seed seeds the values
     */
    public static Matrix uniform(int rows, int cols, double low, double high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return m;
    }

    /**
     * {@return one-hot rows: a single 1 in a random column of each row (classification targets)}
     *
     * @param rows the number of rows
     * @param cols the number of columns (classes)
     * @param seed seeds the choices
     */
    public static Matrix oneHot(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            m.set(r, random.nextInt(cols), 1f);
        }
        return m;
    }

    /**
     * {@return each value 0 or 1 at random (targets of a sigmoid output)}
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param seed seeds the values
     */
    public static Matrix bits(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = random.nextBoolean() ? 1f : 0f;
        }
        return m;
    }

    /**
     * {@return the rows of {@code top} followed by the rows of {@code bottom}, in a new matrix}
     *
     * @param top    the first rows
     * @param bottom the rows after them, with as many columns
     */
    public static Matrix stack(Matrix top, Matrix bottom) {
        if (top.cols() != bottom.cols()) {
            throw new IllegalArgumentException("cannot stack " + top.shape() + " on " + bottom.shape());
        }
        Matrix m = new Matrix(top.rows() + bottom.rows(), top.cols());
        System.arraycopy(top.data(), 0, m.data(), 0, top.size());
        System.arraycopy(bottom.data(), 0, m.data(), top.size(), bottom.size());
        return m;
    }
}
