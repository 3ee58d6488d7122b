package dev.nn.api;

/**
 * Makes a {@link Preprocessor} from its options, for {@code data.preprocess} in a pipeline and for
 * {@code Split.then(Preprocessor)} in Java. Registered like every other provider, through
 * {@code META-INF/services/dev.nn.api.PreprocessorProvider}; listed by {@code nn plugins}.
 */
public interface PreprocessorProvider extends Provider {

    /**
     * {@return the step these (checked) options configure}
     *
     * @param options the step's options, checked against {@link #options()}
     */
    Preprocessor create(Options options);
}
