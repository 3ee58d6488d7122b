package dev.nn.plugins.layers;

/**
 * The error function in double precision, to check {@link Erf} against: its Maclaurin series
 * below 3 (about 13 correct digits at worst, where the terms cancel most) and the continued
 * fraction of {@code erfc} from 3 on. Far more precise than the float32 results it feeds.
 */
final class ExactErf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private ExactErf() {}

    /** {@return erf(x)} */
    static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            double x2 = a * a;
            double term = a;
            double sum = a;
            for (int n = 1; n < 100; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else if (a < 27) {
            // erfc(a) = exp(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated from the tail.
            double f = a;
            for (int k = 60; k >= 1; k--) {
                f = a + (k / 2.0) / f;
            }
            r = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
        } else {
            r = 1; // erfc(27) < 1e-318
        }
        return x < 0 ? -r : r;
    }

    /** {@return erfc(a) for a >= 0, the tail without cancellation from 3 on} */
    static double erfc(double a) {
        if (a < 3) {
            return 1 - erf(a);
        }
        double f = a;
        for (int k = 60; k >= 1; k--) {
            f = a + (k / 2.0) / f;
        }
        return Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
    }
}
