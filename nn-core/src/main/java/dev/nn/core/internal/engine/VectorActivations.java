package dev.nn.core.internal.engine;

import dev.nn.api.KernelConstants;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link VectorEngine}'s activation kernels (GELU, its tanh form, the
 * sigmoid), loaded only when the JVM has the module: each lane does the float32 operations of
 * {@link dev.nn.api.Engine}'s plain loop in the same order (fused multiply-adds where it fuses), so
 * the bits are the plain loop's. Each does whole
 * vectors and returns where it stopped; the caller finishes the tail with the plain loop.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorActivations() {}

    static int forward(float[] x, float[] y, int from, int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        for (; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(normalCdf(v)).intoArray(y, i);
        }
        return i;
    }

    static int backward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        for (; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector cdf = FloatVector.fromArray(S, y, i).div(v).blend(half, v.eq(0f));
            FloatVector pdf = gaussian(v).mul(KernelConstants.INV_SQRT_2PI);
            FloatVector.fromArray(S, g, i).mul(v.fma(pdf, cdf)).intoArray(dx, i);
        }
        return i;
    }

    static int forwardTanh(float[] x, float[] y, int from, int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector u = v.mul(KernelConstants.TANH_C).fma(v.mul(v), v).mul(KernelConstants.TANH_K);
            FloatVector e = exp(u.abs().mul(-2f), FloatVector.zero(S));
            FloatVector q = one.div(one.add(e));
            v.mul(one.blend(e, u.lt(0f)).mul(q)).intoArray(y, i);
        }
        return i;
    }

    static int backwardTanh(float[] x, float[] g, float[] dx, int from, int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector u = v.mul(KernelConstants.TANH_C).fma(v.mul(v), v).mul(KernelConstants.TANH_K);
            FloatVector e = exp(u.abs().mul(-2f), FloatVector.zero(S));
            FloatVector q = one.div(one.add(e));
            FloatVector half = one.blend(e, u.lt(0f)).mul(q);
            FloatVector sech2 = e.mul(4f).mul(q).mul(q);
            FloatVector inner = v.mul(KernelConstants.TANH_3C).fma(v, one).mul(KernelConstants.TANH_K);
            FloatVector d = half.add(v.mul(0.5f).mul(sech2).mul(inner));
            FloatVector.fromArray(S, g, i).mul(d).intoArray(dx, i);
        }
        return i;
    }

    static int sigmoid(float[] x, float[] y, int from, int to) {
        int end = from + S.loopBound(to - from);
        int i = from;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector e = exp(v.abs().neg(), FloatVector.zero(S));
            FloatVector q = one.div(one.add(e));
            one.blend(e, v.lt(0f)).mul(q).intoArray(y, i);
        }
        return i;
    }

    private static FloatVector normalCdf(FloatVector x) {
        FloatVector z = x.abs().mul(KernelConstants.SQRT_HALF);
        FloatVector t = FloatVector.broadcast(S, 1f).div(z.fma(0.5f, 1f));
        int terms = KernelConstants.erfcTerms();
        FloatVector poly = FloatVector.broadcast(S, KernelConstants.erfc(terms - 1));
        for (int k = terms - 2; k >= 0; k--) {
            poly = poly.fma(t, FloatVector.broadcast(S, KernelConstants.erfc(k)));
        }
        FloatVector s = x.mul(x);
        FloatVector e = x.fma(x, s.neg());
        FloatVector b = s.mul(-0.5f);
        FloatVector hi = b.add(poly);
        FloatVector bb = hi.sub(b);
        FloatVector lo = b.sub(hi.sub(bb)).add(poly.sub(bb)).sub(e.mul(0.5f));
        FloatVector tail = t.mul(exp(hi, lo)).mul(0.5f);
        return FloatVector.broadcast(S, 1f).sub(tail).blend(tail, x.lt(0f));
    }

    private static FloatVector gaussian(FloatVector x) {
        FloatVector s = x.mul(x);
        return exp(s.mul(-0.5f), x.fma(x, s.neg()).mul(-0.5f));
    }

    private static FloatVector exp(FloatVector hi, FloatVector lo) {
        FloatVector n = hi.mul(KernelConstants.LOG2E).add(KernelConstants.ROUND).sub(KernelConstants.ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(S, -KernelConstants.LN2_HI), hi);
        r = n.fma(FloatVector.broadcast(S, -KernelConstants.LN2_LO), r).add(lo);
        int terms = KernelConstants.expTerms();
        FloatVector p = FloatVector.broadcast(S, KernelConstants.exp(0));
        for (int k = 1; k < terms; k++) {
            p = p.fma(r, FloatVector.broadcast(S, KernelConstants.exp(k)));
        }
        p = p.fma(r.mul(r), r).add(1f);
        FloatVector scale = n.add(KernelConstants.EXPONENT_BIAS)
                .reinterpretAsInts()
                .lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale).blend(0f, hi.lt(KernelConstants.EXP_MIN));
    }
}
