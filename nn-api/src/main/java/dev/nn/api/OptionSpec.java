package dev.nn.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The declaration of one option of a provider (or one key of a pipeline's own sections): its name,
 * type, default, whether it is required, what it does, and its allowed range or values.
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
 * <p>The pipeline format declares its sections ({@code train}, {@code data}, ...) with the same
 * machinery: a {@link Type#SECTION} holds the specs of its keys, a {@link Type#LIST} the spec of
 * its items.
 *
 * @param componentKind for {@link Type#COMPONENT} options, the kind of component referenced
 * @param pattern       a regular expression a string value must match, or null
 * @param options       the keys of a {@link Type#SECTION}, or the one item spec of a {@link Type#LIST} or
 *                      {@link Type#MAP}; empty otherwise
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
        ComponentKind componentKind,
        String pattern,
        List<OptionSpec> options) {

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
        COMPONENT,
        /** A whole number that fits a {@code long} (a seed). */
        LONG,
        /**
         * A map of further keys, declared by {@link #options()}; a section with a default (an empty map)
         * is filled in when absent. For the pipeline's own sections: a provider's options are never sections.
         */
        SECTION,
        /** A list whose items are all of the one spec in {@link #options()}; for the pipeline's own keys, like {@link #SECTION}. */
        LIST,
        /**
         * A map from names the user chooses (the columns of a file) to values of the one spec in
         * {@link #options()}, which may be a {@link #SECTION} of further keys; since SPI 1.4.
         */
        MAP;

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
     * @param pattern       a regular expression a string value must match, or null
     * @param options       the keys of a section, or the item spec of a list or map
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        options = options == null ? List.of() : List.copyOf(options);
        if (type == Type.COMPONENT && componentKind == null) {
            throw new IllegalArgumentException("component option '" + name + "' needs a component kind");
        }
        if ((type == Type.LIST || type == Type.MAP) && options.size() != 1) {
            throw new IllegalArgumentException(type.label() + " option '" + name + "' needs one item spec");
        }
    }

    /**
     * An option with no pattern and no nested specs, as declared before sections and lists existed.
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
    public OptionSpec(
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
        this(
                name,
                type,
                description,
                defaultValue,
                isRequired,
                min,
                minExclusive,
                max,
                maxExclusive,
                choices,
                componentKind,
                null,
                null);
    }

    private static OptionSpec of(
            String name, Type type, String description, ComponentKind kind, List<OptionSpec> options) {
        return new OptionSpec(
                name, type, description, null, false, null, false, null, false, null, kind, null, options);
    }

    /**
     * {@return an optional integer option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec integer(String name, String description) {
        return of(name, Type.INTEGER, description, null, null);
    }

    /**
     * {@return an optional number option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec number(String name, String description) {
        return of(name, Type.NUMBER, description, null, null);
    }

    /**
     * {@return an optional boolean option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec bool(String name, String description) {
        return of(name, Type.BOOLEAN, description, null, null);
    }

    /**
     * {@return an optional string option with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec string(String name, String description) {
        return of(name, Type.STRING, description, null, null);
    }

    /**
     * {@return an optional path option (relative to the config file) with no default}
     *
     * @param name        the option's name in YAML
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec path(String name, String description) {
        return of(name, Type.PATH, description, null, null);
    }

    /**
     * {@return an optional option naming a component of {@code kind}, with no default}
     *
     * @param name        the option's name in YAML
     * @param kind        the kind of component it names
     * @param description what it does, for {@code nn plugins}
     */
    public static OptionSpec component(String name, ComponentKind kind, String description) {
        return of(name, Type.COMPONENT, description, kind, null);
    }

    /**
     * {@return an optional whole-number option that fits a {@code long}, with no default}
     *
     * @param name        the key's name in YAML
     * @param description what it does
     */
    public static OptionSpec longInteger(String name, String description) {
        return of(name, Type.LONG, description, null, null);
    }

    /**
     * {@return an optional section holding {@code keys}, absent when not given (see {@link #defaultValue})}
     *
     * @param name        the section's name in YAML ({@code ""} for the top level)
     * @param description what it is for
     * @param keys        its keys, in the order they are listed and written
     */
    public static OptionSpec section(String name, String description, OptionSpec... keys) {
        return of(name, Type.SECTION, description, null, List.of(keys));
    }

    /**
     * {@return an optional list whose items are all {@code item}, with no default} As a provider's
     * option, the list's items are numbers, strings or booleans; one item given alone counts as a list
     * of one, and the words of {@link #choices} are taken instead of a list ({@code class_weights:
     * balanced}).
     *
     * @param name        the key's name in YAML
     * @param item        the spec of every item (its name names the items in messages)
     * @param description what it holds
     */
    public static OptionSpec list(String name, OptionSpec item, String description) {
        return of(name, Type.LIST, description, null, List.of(item));
    }

    /**
     * {@return an optional map from names the user chooses to values of {@code value}, with no default}
     * A provider's map option takes any names as its keys (the provider checks them against its
     * data); each value is checked against {@code value}, which may be a {@link #section} of
     * keys, and problems are reported at {@code option.name.key}. The checked value is a
     * {@code Map<String, Object>} in the order given; a section's keys have their defaults filled in.
     *
     * @param name        the key's name in YAML
     * @param value       the spec of every value (its name names the map's keys in messages and listings)
     * @param description what it holds
     * @since SPI 1.4
     */
    public static OptionSpec map(String name, OptionSpec value, String description) {
        return of(name, Type.MAP, description, null, List.of(value));
    }

    /**
     * {@return the key named {@code child} of this section, or null}
     *
     * @param child the key's name
     */
    public OptionSpec key(String child) {
        for (OptionSpec key : options) {
            if (key.name.equals(child)) {
                return key;
            }
        }
        return null;
    }

    /** {@return the names of this section's keys, in order} */
    public List<String> keyNames() {
        return options.stream().map(OptionSpec::name).toList();
    }

    /**
     * {@return this string option, its values required to match {@code regex}}
     *
     * @param regex the regular expression
     */
    public OptionSpec pattern(String regex) {
        return with(defaultValue, isRequired, choices, regex);
    }

    /**
     * {@return the value used when the option is not given}
     *
     * @param value the default
     */
    public OptionSpec defaultValue(Object value) {
        return with(value, isRequired, choices, pattern);
    }

    /** {@return the option must be given} */
    public OptionSpec required() {
        return with(defaultValue, true, choices, pattern);
    }

    /**
     * {@return this option, its values required to be {@code >= bound}}
     *
     * @param bound the smallest allowed value
     */
    public OptionSpec atLeast(double bound) {
        return range(bound, false, max, maxExclusive);
    }

    /**
     * {@return this option, its values required to be {@code > bound}}
     *
     * @param bound the values must be above it
     */
    public OptionSpec above(double bound) {
        return range(bound, true, max, maxExclusive);
    }

    /**
     * {@return this option, its values required to be {@code <= bound}}
     *
     * @param bound the largest allowed value
     */
    public OptionSpec atMost(double bound) {
        return range(min, minExclusive, bound, false);
    }

    /**
     * {@return this option, its values required to be {@code < bound}}
     *
     * @param bound the values must be below it
     */
    public OptionSpec below(double bound) {
        return range(min, minExclusive, bound, true);
    }

    /**
     * {@return a string option must be one of {@code values}; a list option takes these words instead of a list}
     *
     * @param values the allowed values
     */
    public OptionSpec choices(String... values) {
        return with(defaultValue, isRequired, List.of(values), pattern);
    }

    /** {@return the allowed range in interval notation ({@code "(0, 1]"}), or empty when unbounded} */
    public String rangeText() {
        if (min == null && max == null) {
            return "";
        }
        return (min == null ? "(-inf" : (minExclusive ? "(" : "[") + format(min)) + ", "
                + (max == null ? "inf)" : format(max) + (maxExclusive ? ")" : "]"));
    }

    /** This spec with another default, requirement, choices and pattern; the rest kept. */
    private OptionSpec with(Object value, boolean required, List<String> allowed, String regex) {
        return new OptionSpec(
                name,
                type,
                description,
                value,
                required,
                min,
                minExclusive,
                max,
                maxExclusive,
                allowed,
                componentKind,
                regex,
                options);
    }

    /** This spec with another range; the rest kept. */
    private OptionSpec range(Double low, boolean lowExclusive, Double high, boolean highExclusive) {
        return new OptionSpec(
                name,
                type,
                description,
                defaultValue,
                isRequired,
                low,
                lowExclusive,
                high,
                highExclusive,
                choices,
                componentKind,
                pattern,
                options);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
