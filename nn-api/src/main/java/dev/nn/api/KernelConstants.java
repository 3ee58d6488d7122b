package dev.nn.api;

/**
 * The constants of the engine's elementwise kernels ({@link Engine#gelu}, {@link Engine#geluTanh},
 * {@link Engine#sigmoid} and their backward passes), in one place for the plain loops and an
 * engine's vector loops, which must compute with the same float32 values.
 *
 * @since SPI 1.4
 */
public final class KernelConstants {
    /** √½, which turns x into the argument of erfc. */
    public static final float SQRT_HALF = (float) Math.sqrt(0.5);
    /** 1 / √(2π), the normal density's factor. */
    public static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    /**
     * Numerical Recipes' {@code erfcc}: {@code erfc(z) = t exp(-z² + P(t))}, {@code t = 1 / (1 + z/2)},
     * P's coefficients from the constant term up.
     */
    static final float[] ERFC = {
        -1.26551223f,
        1.00002368f,
        0.37409196f,
        0.09678418f,
        -0.18628806f,
        0.27886807f,
        -1.13520398f,
        1.48851587f,
        -0.82215223f,
        0.17087277f
    };
    /** Cephes' {@code expf} polynomial, highest power first: {@code e^r = 1 + r + r² Q(r)} on [-ln2/2, ln2/2]. */
    static final float[] EXP = {
        1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f
    };
    /** √(2/π), the tanh form's factor. */
    public static final float TANH_K = (float) Math.sqrt(2 / Math.PI);
    /** The tanh form's cubic coefficient. */
    public static final float TANH_C = 0.044715f;
    /** Three times it, for the derivative. */
    public static final float TANH_3C = (float) (3 * 0.044715);
    /** log₂ e. */
    public static final float LOG2E = 1.44269504088896341f;
    /** 1.5 · 2²³: adding and subtracting it rounds a float to the nearest integer (ties to even). */
    public static final float ROUND = 12582912f;
    /** The high part of ln 2 (exactly representable in a few bits, so n · LN2_HI is exact). */
    public static final float LN2_HI = 0.693359375f;
    /** ln 2 − LN2_HI. */
    public static final float LN2_LO = -2.12194440e-4f;
    /** 2²³ + 127: the float whose low bits are n + 127 once n is added, for 2ⁿ. */
    public static final float EXPONENT_BIAS = 8388735f;
    /** Below this, exp gives 0 (its true value would be subnormal). */
    public static final float EXP_MIN = -87f;

    private KernelConstants() {}

    /**
     * {@return the coefficient of P (erfc's exponent polynomial) for t to the power {@code k}, 0 to 9}
     *
     * @param k the power
     */
    public static float erfc(int k) {
        return ERFC[k];
    }

    /** {@return the number of coefficients of erfc's polynomial} */
    public static int erfcTerms() {
        return ERFC.length;
    }

    /**
     * {@return the coefficient of exp's polynomial Q at position {@code k}, highest power first, 0 to 5}
     *
     * @param k the position
     */
    public static float exp(int k) {
        return EXP[k];
    }

    /** {@return the number of coefficients of exp's polynomial} */
    public static int expTerms() {
        return EXP.length;
    }
}
