package dev.nn.plugins;

import dev.nn.api.Spec;

/**
 * The built-in initializers for the Java builder, as specs for a layer's {@code init} option,
 * resolved through the plugin registry like the same names in YAML ({@code init: he_normal}).
 */
public final class Initializers {
    private Initializers() {
    }

    /** U(low, high); {@code high} must be greater than {@code low}. */
    public static Spec uniform(double low, double high) {
        return Spec.of("uniform").with("low", low).with("high", high);
    }

    /** N(mean, std²). */
    public static Spec normal(double mean, double std) {
        return Spec.of("normal").with("mean", mean).with("std", std);
    }

    /** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    public static Spec xavierUniform() {
        return Spec.of("xavier_uniform");
    }

    /** Glorot/Xavier normal: standard deviation sqrt(2 / (fanIn + fanOut)). */
    public static Spec xavierNormal() {
        return Spec.of("xavier_normal");
    }

    /** He/Kaiming uniform: U(-a, a), a = sqrt(6 / fanIn). */
    public static Spec heUniform() {
        return Spec.of("he_uniform");
    }

    /** He/Kaiming normal: standard deviation sqrt(2 / fanIn). */
    public static Spec heNormal() {
        return Spec.of("he_normal");
    }

    /** Every value 0. */
    public static Spec zeros() {
        return Spec.of("zeros");
    }

    /** Every value {@code value}. */
    public static Spec constant(double value) {
        return Spec.of("constant").with("value", value);
    }
}
