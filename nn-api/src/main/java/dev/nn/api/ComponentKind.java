package dev.nn.api;

import java.util.Locale;

/** The kinds of pluggable component, each with its provider interface and its name in configs. */
public enum ComponentKind {
    /** Layers ({@link LayerProvider}), activations included. */
    LAYER(LayerProvider.class),
    /** Losses ({@link LossProvider}). */
    LOSS(LossProvider.class),
    /** Optimizers ({@link OptimizerProvider}). */
    OPTIMIZER(OptimizerProvider.class),
    /** Weight initializers ({@link InitializerProvider}). */
    INITIALIZER(InitializerProvider.class),
    /** Learning-rate schedules ({@link ScheduleProvider}). */
    SCHEDULE(ScheduleProvider.class),
    /** Datasets ({@link DatasetProvider}). */
    DATASET(DatasetProvider.class),
    /** Preprocessing steps fitted on the training part ({@link PreprocessorProvider}); since SPI 1.3. */
    PREPROCESSOR(PreprocessorProvider.class),
    /** Compute engines ({@link EngineProvider}). */
    ENGINE(EngineProvider.class);

    private final Class<? extends Provider> providerType;

    ComponentKind(Class<? extends Provider> providerType) {
        this.providerType = providerType;
    }

    /** {@return the provider interface a plugin implements for this kind} */
    public Class<? extends Provider> providerType() {
        return providerType;
    }

    /** {@return the lower-case word used in messages and on the command line ({@code "layer"})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return the plural for listings ({@code "layers"}, {@code "losses"})} */
    public String plural() {
        return this == LOSS ? "losses" : label() + "s";
    }

    /**
     * {@return the kind whose {@link #label()} is {@code label}, ignoring case}
     *
     * @param label a kind's label, such as {@code "layer"}
     * @throws IllegalArgumentException if no kind has that label
     */
    public static ComponentKind fromLabel(String label) {
        for (ComponentKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown component kind '" + label + "'");
    }
}
