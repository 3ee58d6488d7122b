package dev.nn.plugins;

import dev.nn.api.Spec;
import java.util.Map;

/** Specs of the built-in activation layers for the builder: {@code .add(relu())}. */
public final class Activations {
    private Activations() {
    }

    public static Spec sigmoid() {
        return Spec.of("sigmoid");
    }

    public static Spec relu() {
        return Spec.of("relu");
    }

    /** Leaky ReLU with the default slope 0.01. */
    public static Spec leakyRelu() {
        return Spec.of("leaky_relu");
    }

    public static Spec leakyRelu(double slope) {
        return Spec.of("leaky_relu", Map.of("slope", slope));
    }

    public static Spec tanh() {
        return Spec.of("tanh");
    }

    public static Spec softsign() {
        return Spec.of("softsign");
    }

    /** A softmax layer; for training a classifier prefer {@link Losses#softmaxCrossEntropy()} on logits. */
    public static Spec softmax() {
        return Spec.of("softmax");
    }

    public static Spec identity() {
        return Spec.of("identity");
    }
}
