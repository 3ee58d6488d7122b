package dev.nn.core.internal.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link VectorEngine}'s updates and of {@link Gradients#allFinite}, loaded
 * only when the JVM has the module. Each does whole vectors and returns where it stopped; the caller
 * finishes the tail with the plain loop.
 */
final class VectorUpdates {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorUpdates() {}

    static int sgd(
            float[] w,
            float[] grad,
            float[] v,
            float lr,
            float momentum,
            float weightDecay,
            boolean nesterov,
            int from,
            int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        if (v == null) {
            for (; i < end; i += L) {
                FloatVector wi = FloatVector.fromArray(S, w, i);
                FloatVector g = FloatVector.fromArray(S, grad, i).add(wi.mul(weightDecay));
                wi.sub(g.mul(lr)).intoArray(w, i);
            }
            return i;
        }
        for (; i < end; i += L) {
            FloatVector wi = FloatVector.fromArray(S, w, i);
            FloatVector g = FloatVector.fromArray(S, grad, i).add(wi.mul(weightDecay));
            FloatVector vi = flush(FloatVector.fromArray(S, v, i).mul(momentum).add(g));
            vi.intoArray(v, i);
            FloatVector step = nesterov ? g.add(vi.mul(momentum)) : vi;
            wi.sub(step.mul(lr)).intoArray(w, i);
        }
        return i;
    }

    static int adam(
            float[] w,
            float[] grad,
            float[] m,
            float[] v,
            float beta1,
            float oneMinusBeta1,
            float beta2,
            float oneMinusBeta2,
            float stepSize,
            float sqrtCorrection2,
            float eps,
            float weightDecay,
            int from,
            int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        for (; i < end; i += L) {
            FloatVector wi = FloatVector.fromArray(S, w, i);
            FloatVector g = FloatVector.fromArray(S, grad, i).add(wi.mul(weightDecay));
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(oneMinusBeta1)));
            FloatVector vi = flush(FloatVector.fromArray(S, v, i)
                    .mul(beta2)
                    .add(g.mul(oneMinusBeta2).mul(g)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denominator =
                    vi.lanewise(VectorOperators.SQRT).div(sqrtCorrection2).add(eps);
            wi.sub(mi.mul(stepSize).div(denominator)).intoArray(w, i);
        }
        return i;
    }

    /**
     * Whether {@code values[0, returned end)} are all finite, as {@code sum(x * 0)}: 0 for finite
     * values, NaN once any is NaN or infinite. Returns the negated end when one is not.
     */
    static int allFinite(float[] values) {
        int end = S.loopBound(values.length);
        FloatVector zeros = FloatVector.zero(S);
        for (int i = 0; i < end; i += L) {
            zeros = zeros.add(FloatVector.fromArray(S, values, i).mul(0f));
        }
        return zeros.reduceLanes(VectorOperators.ADD) == 0f ? end : -end - 1;
    }

    private static FloatVector flush(FloatVector x) {
        VectorMask<Float> subnormal = x.abs().lt(Float.MIN_NORMAL);
        return x.blend(0f, subnormal);
    }
}
