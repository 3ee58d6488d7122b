package dev.nn.api;

import java.util.List;

/**
 * What every plugin provider has: a unique name (as used in YAML), a one-line description and
 * its declared options.
 *
 * <p>Providers are found by {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/<provider interface>} and give it a public no-argument constructor.
 * Names are lower_snake_case and unique within a kind; a duplicate is reported as an error.
 */
public interface Provider {

    /** {@return the name used in configs and by the builder ({@code "dense"})} */
    String name();

    /** {@return one line for {@code nn plugins} and the JSON Schema} */
    String description();

    /** {@return every option this provider accepts; an empty list when it has none} */
    default List<OptionSpec> options() {
        return List.of();
    }
}
