package dev.nn.plugins;

import dev.nn.api.Spec;

/**
 * The built-in initializers for the Java builder, as specs for a layer's {@code init} option,
 * resolved through the plugin registry like the same names in YAML ({@code init: he_normal}).
 */
public final class Initializers {
    private Initializers() {}

    /**
     * {@return U(low, high); {@code high} must be greater than {@code low}}
     *
     * @param low  the lower bound
     * @param high the upper bound
     */
    public static Spec uniform(double low, double high) {
        return Spec.of("uniform").with("low", low).with("high", high);
    }

    /**
     * {@return N(mean, std²)}
     *
     * @param mean the mean
     * @param std  the standard deviation
     */
    public static Spec normal(double mean, double std) {
        return Spec.of("normal").with("mean", mean).with("std", std);
    }

    /** {@return Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut))} */
    public static Spec xavierUniform() {
        return Spec.of("xavier_uniform");
    }

    /** {@return Glorot/Xavier normal: standard deviation sqrt(2 / (fanIn + fanOut))} */
    public static Spec xavierNormal() {
        return Spec.of("xavier_normal");
    }

    /** {@return He/Kaiming uniform: U(-a, a), a = sqrt(6 / fanIn)} */
    public static Spec heUniform() {
        return Spec.of("he_uniform");
    }

    /** {@return He/Kaiming normal: standard deviation sqrt(2 / fanIn)} */
    public static Spec heNormal() {
        return Spec.of("he_normal");
    }

    /** {@return every value 0} */
    public static Spec zeros() {
        return Spec.of("zeros");
    }

    /**
     * {@return every value {@code value}}
     *
     * @param value the value
     */
    public static Spec constant(double value) {
        return Spec.of("constant").with("value", value);
    }
}
