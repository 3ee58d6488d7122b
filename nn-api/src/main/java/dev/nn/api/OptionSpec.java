package dev.nn.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The declaration of one option of a provider: its name, type, default, whether it is required,
 * what it does, and its allowed range or values.
 *
 * <p>Build them with the factories and the {@code with...} methods:
 * <pre>{@code
 * OptionSpec.integer("units", "number of output units").required().atLeast(1)
 * OptionSpec.number("rate", "fraction of units dropped").defaultValue(0.5).atLeast(0).below(1)
 * OptionSpec.component("init", ComponentKind.INITIALIZER, "weight initializer").defaultValue("xavier_uniform")
 * }</pre>
 * The registry checks given values against these before a provider's {@code create} is called,
 * so a provider can read its {@link Options} without checking them again.
 *
 * @param componentKind for {@link Type#COMPONENT} options, the kind of component referenced
 */
public record OptionSpec(
        String name,
        Type type,
        String description,
        Object defaultValue,
        boolean isRequired,
        Double min,
        boolean minExclusive,
        Double max,
        boolean maxExclusive,
        List<String> choices,
        ComponentKind componentKind) {

    /** The value types an option can have. */
    public enum Type {
        /** A whole number ({@code int}). */
        INTEGER,
        /** A real number ({@code double}); whole numbers are accepted. */
        NUMBER,
        BOOLEAN,
        STRING,
        /** A file or folder; relative paths are resolved against the config's folder. */
        PATH,
        /** A reference to another component ({@link Spec}) of {@link #componentKind()}. */
        COMPONENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (type == Type.COMPONENT && componentKind == null) {
            throw new IllegalArgumentException("component option '" + name + "' needs a component kind");
        }
    }

    public static OptionSpec integer(String name, String description) {
        return new OptionSpec(name, Type.INTEGER, description, null, false, null, false, null, false, null, null);
    }

    public static OptionSpec number(String name, String description) {
        return new OptionSpec(name, Type.NUMBER, description, null, false, null, false, null, false, null, null);
    }

    public static OptionSpec bool(String name, String description) {
        return new OptionSpec(name, Type.BOOLEAN, description, null, false, null, false, null, false, null, null);
    }

    public static OptionSpec string(String name, String description) {
        return new OptionSpec(name, Type.STRING, description, null, false, null, false, null, false, null, null);
    }

    public static OptionSpec path(String name, String description) {
        return new OptionSpec(name, Type.PATH, description, null, false, null, false, null, false, null, null);
    }

    public static OptionSpec component(String name, ComponentKind kind, String description) {
        return new OptionSpec(name, Type.COMPONENT, description, null, false, null, false, null, false, null, kind);
    }

    /** The value used when the option is not given. */
    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, type, description, value, isRequired, min, minExclusive, max, maxExclusive, choices, componentKind);
    }

    /** The option must be given. */
    public OptionSpec required() {
        return new OptionSpec(name, type, description, defaultValue, true, min, minExclusive, max, maxExclusive, choices, componentKind);
    }

    /** Values must be {@code >= bound}. */
    public OptionSpec atLeast(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, bound, false, max, maxExclusive, choices, componentKind);
    }

    /** Values must be {@code > bound}. */
    public OptionSpec above(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, bound, true, max, maxExclusive, choices, componentKind);
    }

    /** Values must be {@code <= bound}. */
    public OptionSpec atMost(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, bound, false, choices, componentKind);
    }

    /** Values must be {@code < bound}. */
    public OptionSpec below(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, bound, true, choices, componentKind);
    }

    /** A string option must be one of {@code values}. */
    public OptionSpec choices(String... values) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, max, maxExclusive, List.of(values), componentKind);
    }

    /** The allowed range in interval notation ({@code "(0, 1]"}), or empty when unbounded. */
    public String rangeText() {
        if (min == null && max == null) {
            return "";
        }
        return (min == null ? "(-inf" : (minExclusive ? "(" : "[") + format(min)) + ", "
                + (max == null ? "inf)" : format(max) + (maxExclusive ? ")" : "]"));
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
