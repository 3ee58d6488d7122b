package dev.nn.api;

import java.util.Arrays;

/**
 * A dense, row-major float32 matrix; in a batch, each row is one example.
 *
 * <p>Element {@code (r, c)} is {@code data()[r * cols() + c]}. The array is exposed on purpose:
 * layers and engines work on it directly, and a matrix never copies it behind your back.
 * A matrix is mutable and not thread-safe; the object that created it owns it.
 */
public final class Matrix {
    /** The most values one matrix can hold: the largest array every JVM allocates. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private final int rows;
    private final int cols;
    private final float[] data;

    /**
     * A zero-filled {@code rows x cols} matrix.
     *
     * @param rows the number of rows (examples)
     * @param cols the number of columns (features)
     */
    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    private Matrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * {@return a matrix over {@code data} (not copied), which must hold exactly {@code rows * cols} values}
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param data the elements, row-major
     */
    public static Matrix wrap(int rows, int cols, float[] data) {
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + size + " values, the array has " + data.length);
        }
        return new Matrix(rows, cols, data);
    }

    /**
     * {@return a copy of the given rows, which must all have the same length}
     *
     * @param rowValues the rows
     */
    public static Matrix of(float[]... rowValues) {
        int cols = rowValues.length == 0 ? 0 : rowValues[0].length;
        Matrix m = new Matrix(rowValues.length, cols);
        for (int r = 0; r < rowValues.length; r++) {
            if (rowValues[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + rowValues[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rowValues[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix dimensions must not be negative: " + rows + "x" + cols);
        }
        long size = (long) rows * cols;
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix is too large for one array");
        }
        return (int) size;
    }

    /** {@return the number of rows (the examples of a batch)} */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns} */
    public int cols() {
        return cols;
    }

    /** {@return the backing array, row-major; writes to it change the matrix} */
    public float[] data() {
        return data;
    }

    /**
     * {@return element ({@code r}, {@code c})}
     *
     * @param r the row
     * @param c the column
     */
    public float get(int r, int c) {
        return data[r * cols + c];
    }

    /**
     * Sets element ({@code r}, {@code c}).
     *
     * @param r the row
     * @param c the column
     * @param v the value
     */
    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    /** {@return number of elements, {@code rows * cols}} */
    public int size() {
        return data.length;
    }

    /**
     * Sets every element to zero.
     *
     * @return this matrix
     */
    public Matrix zero() {
        Arrays.fill(data, 0f);
        return this;
    }

    /**
     * Sets every element to {@code value}.
     *
     * @param value the value
     * @return this matrix
     */
    public Matrix fill(float value) {
        Arrays.fill(data, value);
        return this;
    }

    /**
     * Copies {@code other}, which must have the same shape, into this matrix.
     *
     * @param other the matrix to copy
     * @return this matrix
     */
    public Matrix copyFrom(Matrix other) {
        requireSameShape(other, "copyFrom");
        System.arraycopy(other.data, 0, data, 0, data.length);
        return this;
    }

    /** {@return a deep copy} */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /**
     * {@return a copy of row {@code r}}
     *
     * @param r the row
     */
    public float[] row(int r) {
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /**
     * {@return true when {@code other} has the same number of rows and columns}
     *
     * @param other the matrix to compare with
     */
    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    /**
     * Throws with a message naming {@code what} unless {@code other} has this matrix's shape.
     *
     * @param other the matrix to check
     * @param what  what {@code other} is, for the message
     */
    public void requireSameShape(Matrix other, String what) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(what + ": shapes differ, " + shape() + " vs " + other.shape());
        }
    }

    /** {@return the shape as {@code "rowsxcols"}} */
    public String shape() {
        return rows + "x" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape());
        int shownRows = Math.min(rows, 6);
        int shownCols = Math.min(cols, 8);
        for (int r = 0; r < shownRows; r++) {
            sb.append("\n  [");
            for (int c = 0; c < shownCols; c++) {
                sb.append(c == 0 ? "" : ", ").append(get(r, c));
            }
            sb.append(cols > shownCols ? ", ...]" : "]");
        }
        if (rows > shownRows) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
