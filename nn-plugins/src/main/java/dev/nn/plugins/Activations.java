package dev.nn.plugins;

import dev.nn.api.Spec;
import java.util.Map;

/** Specs of the built-in activation layers for the builder: {@code .add(relu())}. */
public final class Activations {
    private Activations() {}

    /** {@return a logistic sigmoid layer} */
    public static Spec sigmoid() {
        return Spec.of("sigmoid");
    }

    /** {@return a ReLU layer: {@code max(0, x)}} */
    public static Spec relu() {
        return Spec.of("relu");
    }

    /** {@return leaky ReLU with the default slope 0.01} */
    public static Spec leakyRelu() {
        return Spec.of("leaky_relu");
    }

    /**
     * {@return leaky ReLU: {@code x} above 0, {@code slope * x} below}
     *
     * @param slope the slope below 0
     */
    public static Spec leakyRelu(double slope) {
        return Spec.of("leaky_relu", Map.of("slope", slope));
    }

    /** {@return a hyperbolic tangent layer} */
    public static Spec tanh() {
        return Spec.of("tanh");
    }

    /** {@return a softsign layer: {@code x / (1 + |x|)}} */
    public static Spec softsign() {
        return Spec.of("softsign");
    }

    /** {@return a softmax layer; for training a classifier prefer {@link Losses#softmaxCrossEntropy()} on logits} */
    public static Spec softmax() {
        return Spec.of("softmax");
    }

    /** {@return the logarithm of the softmax over each row: log-probabilities, for {@link Losses#klDiv()}} */
    public static Spec logSoftmax() {
        return Spec.of("log_softmax");
    }

    /** {@return a layer that passes its input on unchanged} */
    public static Spec identity() {
        return Spec.of("identity");
    }

    /** {@return GELU, exact (with erf): {@code x Φ(x)}} */
    public static Spec gelu() {
        return Spec.of("gelu");
    }

    /**
     * {@return GELU: {@code none} with erf, {@code tanh} with the tanh approximation}
     *
     * @param approximate {@code none} or {@code tanh}
     */
    public static Spec gelu(String approximate) {
        return Spec.of("gelu", Map.of("approximate", approximate));
    }

    /** {@return SiLU: {@code x σ(x)}} */
    public static Spec silu() {
        return Spec.of("silu");
    }

    /** {@return ELU with alpha 1} */
    public static Spec elu() {
        return Spec.of("elu");
    }

    /**
     * {@return ELU: {@code x} above 0, {@code alpha (eˣ - 1)} below}
     *
     * @param alpha the output's limit below 0 is {@code -alpha}
     */
    public static Spec elu(double alpha) {
        return Spec.of("elu", Map.of("alpha", alpha));
    }

    /** {@return SELU, PyTorch's scaled ELU} */
    public static Spec selu() {
        return Spec.of("selu");
    }

    /** {@return softplus with beta 1 and threshold 20} */
    public static Spec softplus() {
        return Spec.of("softplus");
    }

    /**
     * {@return softplus: {@code log(1 + e^(βx)) / β}, {@code x} above the threshold}
     *
     * @param beta the sharpness, above 0
     * @param threshold above this {@code βx} the output is {@code x}
     */
    public static Spec softplus(double beta, double threshold) {
        return Spec.of("softplus", Map.of("beta", beta, "threshold", threshold));
    }

    /** {@return Mish: {@code x tanh(softplus(x))}} */
    public static Spec mish() {
        return Spec.of("mish");
    }

    /** {@return the hard sigmoid: {@code clamp(x/6 + 1/2, 0, 1)}} */
    public static Spec hardSigmoid() {
        return Spec.of("hard_sigmoid");
    }

    /** {@return ReLU6: {@code min(max(0, x), 6)}} */
    public static Spec relu6() {
        return Spec.of("relu6");
    }
}
