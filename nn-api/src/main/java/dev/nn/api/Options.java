package dev.nn.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The checked options of one component: every declared option with its given or default value,
 * already of the declared type and within range.
 *
 * <p>The registry builds it from a {@link Spec} and the provider's {@link OptionSpec}s; values
 * are {@code Integer}, {@code Double}, {@code Boolean}, {@code String}, {@link Path} or
 * {@link Spec} (for components), a {@code List} of those for a list option, and a
 * {@code Map<String, Object>} for a map option (see {@link OptionSpec#map}). An option with no default that was not given is absent:
 * {@link #has} tells. {@link #where()} is the option path for messages a provider raises itself.
 */
public final class Options {
    private final String where;
    private final Map<String, Object> values;
    private final Set<String> given;

    private Options(String where, Map<String, Object> values, Set<String> given) {
        this.where = where;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.given = Set.copyOf(given);
    }

    /**
     * Options with already-checked values; {@code given} names those set explicitly (the rest are defaults).
     * Normally only the registry calls this.
     *
     * @param where  the options' path in the config, for messages
     * @param values every option's value, defaults included
     * @param given  the names given explicitly
     * @return the options
     */
    public static Options of(String where, Map<String, Object> values, Set<String> given) {
        return new Options(where == null ? "" : where, values, given);
    }

    /**
     * {@return options with these values, all counted as given (for tests)}
     *
     * @param values the options' values
     */
    public static Options of(Map<String, Object> values) {
        return new Options("", values, values.keySet());
    }

    /** {@return no options} */
    public static Options empty() {
        return new Options("", Map.of(), Set.of());
    }

    /** {@return where these options came from, as an option path ({@code model.layers[0].dense}); may be empty} */
    public String where() {
        return where;
    }

    /**
     * {@return true when the option has a value (given or default)}
     *
     * @param name the option's name
     */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /**
     * {@return true when the option was given explicitly rather than defaulted}
     *
     * @param name the option's name
     */
    public boolean isGiven(String name) {
        return given.contains(name);
    }

    /**
     * {@return the integer option {@code name}}
     *
     * @param name the option's name
     */
    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    /**
     * {@return the number option {@code name}}
     *
     * @param name the option's name
     */
    public double number(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * {@return {@link #number} narrowed to float}
     *
     * @param name the option's name
     */
    public float floatValue(String name) {
        return (float) number(name);
    }

    /**
     * {@return the boolean option {@code name}}
     *
     * @param name the option's name
     */
    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    /**
     * {@return the string option {@code name}}
     *
     * @param name the option's name
     */
    public String string(String name) {
        return (String) require(name);
    }

    /**
     * {@return the path option {@code name}}
     *
     * @param name the option's name
     */
    public Path path(String name) {
        return (Path) require(name);
    }

    /**
     * {@return the component option {@code name}}
     *
     * @param name the option's name
     */
    public Spec component(String name) {
        return (Spec) require(name);
    }

    /**
     * {@return the raw value, or null when the option has none}
     *
     * @param name the option's name
     */
    public Object get(String name) {
        return values.get(name);
    }

    /** {@return every option with a value, in declaration order} */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * {@return a {@link ConfigException} about option {@code name}, for checks that involve several options}
     *
     * @param name    the option's name
     * @param message what is wrong and what to do
     */
    public ConfigException error(String name, String message) {
        String path = where.isEmpty() ? name : where + "." + name;
        return new ConfigException(path, message);
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw error(name, "option '" + name + "' has no value");
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
