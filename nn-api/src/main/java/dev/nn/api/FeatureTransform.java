package dev.nn.api;

import java.util.Arrays;

/**
 * A per-feature affine preprocessing step, {@code x' = (x - shift) * scale}, fitted on training
 * data and applied unchanged to everything else (validation, test, and inputs at prediction time).
 *
 * <p>Standardising, min-max scaling and a constant factor are all of this form, so one type
 * records any of them, and a model file can store the fitted numbers.
 *
 * @param kind {@code "standardize"}, {@code "minmax"} or {@code "scale"}
 */
public record FeatureTransform(String kind, float[] shift, float[] scale) {

    /**
     * Checks that there is one offset and one factor per feature.
     *
     * @param kind  {@code "standardize"}, {@code "minmax"} or {@code "scale"}
     * @param shift subtracted from each feature
     * @param scale then multiplies each feature
     */
    public FeatureTransform {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException(
                    "shift and scale lengths differ: " + shift.length + " vs " + scale.length);
        }
    }

    /**
     * {@return zero mean and unit variance per feature (population variance, as scikit-learn's StandardScaler); constant features are only centred}
     *
     * @param x the (training) data to fit, one row per example
     */
    public static FeatureTransform standardize(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        double[] sq = new double[d];
        float[] a = x.data();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                mean[c] += a[r * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= Math.max(n, 1);
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                double diff = a[r * d + c] - mean[c];
                sq[c] += diff * diff;
            }
        }
        float[] shift = new float[d];
        float[] scale = new float[d];
        for (int c = 0; c < d; c++) {
            double std = Math.sqrt(sq[c] / Math.max(n, 1));
            shift[c] = (float) mean[c];
            scale[c] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return new FeatureTransform("standardize", shift, scale);
    }

    /**
     * {@return each feature mapped to [0, 1] over the fitted data; constant features are only shifted}
     *
     * @param x the (training) data to fit, one row per example
     */
    public static FeatureTransform minmax(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        float[] min = new float[d];
        float[] max = new float[d];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] a = x.data();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                min[c] = Math.min(min[c], a[r * d + c]);
                max[c] = Math.max(max[c], a[r * d + c]);
            }
        }
        float[] scale = new float[d];
        for (int c = 0; c < d; c++) {
            if (n == 0) {
                min[c] = 0;
                max[c] = 0;
            }
            double range = (double) max[c] - min[c];
            scale[c] = range > 0 ? (float) (1 / range) : 1f;
        }
        return new FeatureTransform("minmax", min, scale);
    }

    /**
     * {@return every feature multiplied by {@code factor}}
     *
     * @param features the number of features
     * @param factor   the multiplier
     */
    public static FeatureTransform scale(int features, double factor) {
        float[] scale = new float[features];
        Arrays.fill(scale, (float) factor);
        return new FeatureTransform("scale", new float[features], scale);
    }

    /** {@return number of features this transform expects} */
    public int features() {
        return shift.length;
    }

    /**
     * {@return a transformed copy of {@code x}}
     *
     * @param x the data, one row per example (not modified)
     */
    public Matrix apply(Matrix x) {
        Matrix out = x.copy();
        applyInPlace(out);
        return out;
    }

    /**
     * Transforms {@code x} in place.
     *
     * @param x the data, one row per example
     */
    public void applyInPlace(Matrix x) {
        if (x.cols() != shift.length) {
            throw new IllegalArgumentException(
                    kind + " was fitted on " + shift.length + " features, the data has " + x.cols());
        }
        float[] a = x.data();
        int d = shift.length;
        for (int r = 0, i = 0; r < x.rows(); r++) {
            for (int c = 0; c < d; c++, i++) {
                a[i] = (a[i] - shift[c]) * scale[c];
            }
        }
    }

    /**
     * Undoes this transform in place, {@code x = x' / scale + shift}: network outputs trained on
     * scaled targets back to the targets' units.
     *
     * @param x transformed data, one row per example, overwritten with the values before the transform
     */
    public void invertInPlace(Matrix x) {
        if (x.cols() != shift.length) {
            throw new IllegalArgumentException(
                    kind + " was fitted on " + shift.length + " columns, the data has " + x.cols());
        }
        float[] a = x.data();
        int d = shift.length;
        for (int r = 0, i = 0; r < x.rows(); r++) {
            for (int c = 0; c < d; c++, i++) {
                a[i] = a[i] / scale[c] + shift[c];
            }
        }
    }

    /** Why {@link #invertInPlace} cannot undo this transform (a zero or non-finite factor), or null when it can. */
    String whyNotInvertible() {
        for (int c = 0; c < shift.length; c++) {
            if (!Float.isFinite(shift[c]) || !Float.isFinite(scale[c]) || scale[c] == 0) {
                return "column " + c + " has shift " + shift[c] + " and scale " + scale[c]
                        + "; the scale must be finite and not 0, the shift finite";
            }
        }
        return null;
    }

    /**
     * {@return this transform with the features marked in {@code untouched} left as they are (shift
     * 0, scale 1)}: a table's one-hot and boolean features stay 0/1 whatever step is fitted
     * ({@link TableEncoding#indicators()}).
     *
     * @param untouched one flag per feature; true leaves the feature unchanged
     * @throws IllegalArgumentException if there is not one flag per feature
     */
    public FeatureTransform leaving(boolean[] untouched) {
        if (untouched.length != shift.length) {
            throw new IllegalArgumentException(
                    untouched.length + " flags for the " + shift.length + " features of " + kind);
        }
        float[] s = shift.clone();
        float[] k = scale.clone();
        for (int c = 0; c < s.length; c++) {
            if (untouched[c]) {
                s[c] = 0f;
                k[c] = 1f;
            }
        }
        return new FeatureTransform(kind, s, k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureTransform t
                && t.kind.equals(kind)
                && Arrays.equals(t.shift, shift)
                && Arrays.equals(t.scale, scale);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return kind + "(" + shift.length + " features)";
    }
}
