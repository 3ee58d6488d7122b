package dev.nn.testkit;

import dev.nn.api.Matrix;
import java.util.SplittableRandom;

/** Seeded matrices for provider tests: the same seed gives the same matrix on every machine. */
public final class TestData {
    private TestData() {
    }

    /**
     * Values in {@code [-2, -0.05]} and {@code [0.05, 2]}: never closer to 0 than 0.05, so a
     * gradient check's step (1e-3) never crosses a kink at 0 such as ReLU's.
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

    /** Values drawn uniformly from {@code [low, high)}. */
    public static Matrix uniform(int rows, int cols, double low, double high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return m;
    }

    /** One-hot rows: a single 1 in a random column of each row (classification targets). */
    public static Matrix oneHot(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            m.set(r, random.nextInt(cols), 1f);
        }
        return m;
    }

    /** Each value 0 or 1 at random (targets of a sigmoid output). */
    public static Matrix bits(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = random.nextBoolean() ? 1f : 0f;
        }
        return m;
    }

    /** The rows of {@code top} followed by the rows of {@code bottom}, in a new matrix. */
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
