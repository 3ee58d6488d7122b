package dev.nn.plugins.layers;

/**
 * The standard normal distribution function, which GELU needs and Java's {@code Math} lacks, to
 * float32 precision at the cost of one {@code exp}: {@code erfc} by the Chebyshev fit of Numerical
 * Recipes' {@code erfcc}, whose relative error is below 1.2e-7 for every argument, so that
 * {@code Φ(x)} keeps its relative precision in the far left tail too (where GELU's output is tiny).
 */
final class Erf {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private Erf() {}

    /** {@return erfc(z) for z >= 0, within 1.2e-7 relative} */
    static double erfc(double z) {
        double t = 1 / (1 + 0.5 * z);
        double poly = -1.26551223
                + t
                        * (1.00002368
                                + t
                                        * (0.37409196
                                                + t
                                                        * (0.09678418
                                                                + t
                                                                        * (-0.18628806
                                                                                + t
                                                                                        * (0.27886807
                                                                                                + t
                                                                                                        * (-1.13520398
                                                                                                                + t
                                                                                                                        * (1.48851587
                                                                                                                                + t
                                                                                                                                        * (-0.82215223
                                                                                                                                                + t
                                                                                                                                                        * 0.17087277))))))));
        return t * Math.exp(-z * z + poly);
    }

    /** {@return Φ(x), the standard normal distribution function, within about 1.2e-7 relative} */
    static double normalCdf(double x) {
        double tail = 0.5 * erfc(Math.abs(x) * SQRT_HALF);
        return x < 0 ? tail : 1 - tail;
    }
}
