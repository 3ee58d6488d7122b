package dev.nn.api;

import java.util.Locale;

/** The kinds of pluggable component, each with its provider interface and its name in configs. */
public enum ComponentKind {
    LAYER(LayerProvider.class),
    LOSS(LossProvider.class),
    OPTIMIZER(OptimizerProvider.class),
    INITIALIZER(InitializerProvider.class),
    SCHEDULE(ScheduleProvider.class),
    DATASET(DatasetProvider.class),
    ENGINE(EngineProvider.class);

    private final Class<? extends Provider> providerType;

    ComponentKind(Class<? extends Provider> providerType) {
        this.providerType = providerType;
    }

    /** The provider interface a plugin implements for this kind. */
    public Class<? extends Provider> providerType() {
        return providerType;
    }

    /** The lower-case word used in messages and on the command line ({@code "layer"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural for listings ({@code "layers"}, {@code "losses"}). */
    public String plural() {
        return this == LOSS ? "losses" : label() + "s";
    }

    /** The kind whose {@link #label()} is {@code label}, ignoring case. */
    public static ComponentKind fromLabel(String label) {
        for (ComponentKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown component kind '" + label + "'");
    }
}
