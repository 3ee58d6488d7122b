package dev.nn.plugins.optim;

import dev.nn.api.Engine;

/**
 * Adam's two decay rates as the float32 factors PyTorch multiplies by, and the running moments
 * they make (Adam, AMSGrad and NAdam update their moments alike). {@code 1 - beta} is taken in
 * double first, as PyTorch does: {@code 1 - 0.999f} would be off by 1e-5 relative and no longer
 * match the bias correction.
 *
 * @param beta1         the first moment's decay rate
 * @param oneMinusBeta1 {@code 1 - beta1}
 * @param beta2         the second moment's decay rate
 * @param oneMinusBeta2 {@code 1 - beta2}
 */
record Betas(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2) {

    /**
     * {@return the factors of decay rates {@code beta1} and {@code beta2}}
     *
     * @param beta1 the first moment's decay rate
     * @param beta2 the second moment's decay rate
     */
    static Betas of(double beta1, double beta2) {
        return new Betas((float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2));
    }

    /**
     * {@return the first moment after {@code m} sees gradient {@code g}, a subnormal stored as zero}
     *
     * @param m the moment before
     * @param g the gradient
     */
    float first(float m, float g) {
        return Engine.flushSubnormal(beta1 * m + oneMinusBeta1 * g);
    }

    /**
     * {@return the second moment after {@code v} sees gradient {@code g}, a subnormal stored as zero}
     *
     * @param v the moment before
     * @param g the gradient
     */
    float second(float v, float g) {
        return Engine.flushSubnormal(beta2 * v + oneMinusBeta2 * g * g);
    }
}
