package dev.nn.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reference to a component by provider name, with options: what {@code relu} or
 * {@code {sgd: {lr: 0.1}}} means in YAML, and what the builder's factories return.
 *
 * <p>Option values are plain Java values (numbers, strings, booleans, paths or nested specs);
 * they are checked against the provider's {@link OptionSpec}s when the spec is resolved.
 */
public interface Spec {

    /** {@return the provider name, as used in YAML ({@code "dense"})} */
    String name();

    /** {@return the options given, in order; options not given take their defaults} */
    Map<String, Object> options();

    /**
     * {@return a copy of this spec with {@code option} set to {@code value}}
     *
     * @param option the option's name
     * @param value  its value
     */
    default Spec with(String option, Object value) {
        Map<String, Object> options = new LinkedHashMap<>(options());
        options.put(option, value);
        return new ComponentRef(name(), options);
    }

    /**
     * {@return a spec with no options}
     *
     * @param name the provider name
     */
    static Spec of(String name) {
        return new ComponentRef(name, Map.of());
    }

    /**
     * {@return a spec with the given options}
     *
     * @param name    the provider name
     * @param options the options, in order
     */
    static Spec of(String name, Map<String, ?> options) {
        return new ComponentRef(name, new LinkedHashMap<>(options));
    }
}
