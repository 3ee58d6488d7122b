package dev.nn.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A base for typed, immutable specs with fluent setters, such as {@code sgd(0.1).momentum(0.9)}.
 *
 * <p>A subclass adds one method per option, each returning {@code set(name, value)}, and
 * implements {@link #copy} with its private constructor. Only options that were set appear in
 * {@link #options()}, so the rest take the provider's defaults, exactly as in YAML.
 *
 * @param <S> the subclass itself
 */
public abstract class FluentSpec<S extends FluentSpec<S>> implements Spec {
    private final ComponentRef ref;

    /**
     * A fluent spec over {@code ref}.
     *
     * @param ref the provider name and the options so far
     */
    protected FluentSpec(ComponentRef ref) {
        this.ref = ref;
    }

    /**
     * {@return the same kind of spec over {@code ref}}
     *
     * @param ref the name and options of the copy
     */
    protected abstract S copy(ComponentRef ref);

    /**
     * {@return a copy of this spec with {@code option} set to {@code value}}
     *
     * @param option the option's name
     * @param value  its value
     */
    protected final S set(String option, Object value) {
        Map<String, Object> options = new LinkedHashMap<>(ref.options());
        options.put(option, value);
        return copy(new ComponentRef(ref.name(), options));
    }

    @Override
    public final String name() {
        return ref.name();
    }

    @Override
    public final Map<String, Object> options() {
        return ref.options();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((FluentSpec<?>) o).ref.equals(ref);
    }

    @Override
    public final int hashCode() {
        return ref.hashCode();
    }

    @Override
    public final String toString() {
        return ref.toString();
    }
}
