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
 * {@link Spec} (for components). An option with no default that was not given is absent:
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
     */
    public static Options of(String where, Map<String, Object> values, Set<String> given) {
        return new Options(where == null ? "" : where, values, given);
    }

    /** Options with these values, all counted as given (for tests). */
    public static Options of(Map<String, Object> values) {
        return new Options("", values, values.keySet());
    }

    /** No options. */
    public static Options empty() {
        return new Options("", Map.of(), Set.of());
    }

    /** Where these options came from, as an option path ({@code model.layers[0].dense}); may be empty. */
    public String where() {
        return where;
    }

    /** True when the option has a value (given or default). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** True when the option was given explicitly rather than defaulted. */
    public boolean isGiven(String name) {
        return given.contains(name);
    }

    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    public double number(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** {@link #number} narrowed to float. */
    public float floatValue(String name) {
        return (float) number(name);
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String string(String name) {
        return (String) require(name);
    }

    public Path path(String name) {
        return (Path) require(name);
    }

    public Spec component(String name) {
        return (Spec) require(name);
    }

    /** The raw value, or null when the option has none. */
    public Object get(String name) {
        return values.get(name);
    }

    /** Every option with a value, in declaration order. */
    public Map<String, Object> values() {
        return values;
    }

    /** A {@link ConfigException} about option {@code name}, for checks that involve several options. */
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
