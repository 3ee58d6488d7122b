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
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Text. */
        STRING,
        /** A file or folder; relative paths are resolved against the config's folder. */
        PATH,
        /** A reference to another component ({@link Spec}) of {@link #componentKind()}. */
        COMPONENT;

        /** {@return the type's name in messages and listings ({@code "integer"})} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks that the option has a name and a type (and a kind, for a component), and copies the choices.
     *
     * @param name          the option's name in YAML
     * @param type          its type
     * @param description   what it does (null for none)
     * @param defaultValue  the value when it is not given, or null
     * @param isRequired    whether it must be given
     * @param min           the lower bound, or null
     * @param minExclusive  whether the lower bound itself is excluded
     * @param max           the upper bound, or null
     * @param maxExclusive  whether the upper bound itself is excluded
     * @param choices       the allowed values of a string option (null or empty for any)
     * @param componentKind for {@link Type#COMPONENT} options, the kind of component referenced
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (type == Type.COMPONENT && componentKind == null) {
            throw new IllegalArgumentException("component option '" + name + "' needs a component kind");
        }
    }

    /**
     * {@return an optional integer option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec integer(String name, String description) {
        return new OptionSpec(name, Type.INTEGER, description, null, false, null, false, null, false, null, null);
    }

    /**
     * {@return an optional number option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec number(String name, String description) {
        return new OptionSpec(name, Type.NUMBER, description, null, false, null, false, null, false, null, null);
    }

    /**
     * {@return an optional boolean option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec bool(String name, String description) {
        return new OptionSpec(name, Type.BOOLEAN, description, null, false, null, false, null, false, null, null);
    }

    /**
     * {@return an optional string option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec string(String name, String description) {
        return new OptionSpec(name, Type.STRING, description, null, false, null, false, null, false, null, null);
    }

    /**
     * {@return an optional path option (relative to the config file) with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec path(String name, String description) {
        return new OptionSpec(name, Type.PATH, description, null, false, null, false, null, false, null, null);
    }

    /**
     * {@return an optional option naming a component of {@code kind}, with no default}
     *
     * @param name        the option's name in YAML
     * @param kind        the kind of component it names
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec component(String name, ComponentKind kind, String description) {
        return new OptionSpec(name, Type.COMPONENT, description, null, false, null, false, null, false, null, kind);
    }

    /**
     * {@return the value used when the option is not given}
     *
     * @param value the default
     */
    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, type, description, value, isRequired, min, minExclusive, max, maxExclusive, choices, componentKind);
    }

    /** {@return the option must be given} */
    public OptionSpec required() {
        return new OptionSpec(name, type, description, defaultValue, true, min, minExclusive, max, maxExclusive, choices, componentKind);
    }

    /**
     * {@return this option, its values required to be {@code >= bound}}
     *
     * @param bound the smallest allowed value
     */
    public OptionSpec atLeast(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, bound, false, max, maxExclusive, choices, componentKind);
    }

    /**
     * {@return this option, its values required to be {@code > bound}}
     *
     * @param bound the values must be above it
     */
    public OptionSpec above(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, bound, true, max, maxExclusive, choices, componentKind);
    }

    /**
     * {@return this option, its values required to be {@code <= bound}}
     *
     * @param bound the largest allowed value
     */
    public OptionSpec atMost(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, bound, false, choices, componentKind);
    }

    /**
     * {@return this option, its values required to be {@code < bound}}
     *
     * @param bound the values must be below it
     */
    public OptionSpec below(double bound) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, bound, true, choices, componentKind);
    }

    /**
     * {@return a string option must be one of {@code values}}
     *
     * @param values the allowed values
     */
    public OptionSpec choices(String... values) {
        return new OptionSpec(name, type, description, defaultValue, isRequired, min, minExclusive, max, maxExclusive, List.of(values), componentKind);
    }

    /** {@return the allowed range in interval notation ({@code "(0, 1]"}), or empty when unbounded} */
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
