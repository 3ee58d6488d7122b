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

    /** {@return a layer that passes its input on unchanged} */
    public static Spec identity() {
        return Spec.of("identity");
    }
}
