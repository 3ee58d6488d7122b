package dev.nn.api;

/**
 * Creates a {@link Layer} from checked options and the size of its input.
 *
 * <p>An option named {@code activation} of kind {@link ComponentKind#LAYER} is shorthand the
 * network builder understands: when set, that layer is added right after this one.
 */
public interface LayerProvider extends Provider {

    /**
     * @param inputSize the number of features each example has when it reaches this layer
     * @param init      the seeded random source and initializers for new parameters
     * @throws ConfigException if the options do not fit the input (say which option and why)
     * @param options   this provider's options, already checked
     * @return the layer, its parameters initialized
     */
    Layer create(Options options, int inputSize, InitContext init);
}
