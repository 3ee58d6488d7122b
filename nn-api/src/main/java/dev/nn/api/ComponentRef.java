package dev.nn.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The plain {@link Spec}: a provider name and its options. */
public record ComponentRef(String name, Map<String, Object> options) implements Spec {

    /**
     * Keeps a read-only copy of the options, in their order; null options mean none.
     *
     * @param name    the provider name
     * @param options the options given
     */
    public ComponentRef {
        Objects.requireNonNull(name, "name");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    @Override
    public String toString() {
        return options.isEmpty() ? name : name + options;
    }
}
