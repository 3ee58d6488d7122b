package dev.nn.api;

/**
 * A preprocessing step as configured ({@code standardize}, {@code minmax}, {@code {scale: {factor: f}}}
 * or a plugin's): it is fitted on the training part's features only, and what it learns is a
 * {@link FeatureTransform}, applied to every part and to any input given later.
 *
 * <p>A fitted step is a per-feature affine map, {@code x' = (x - shift) * scale}, whatever the
 * provider: so a model file records it as data and loads without the plugin that fitted it, and
 * anything that applies a model (the predict command, an export) applies every step the same way.
 */
@FunctionalInterface
public interface Preprocessor {

    /**
     * Fits this step on the training features; must not change them.
     *
     * @param trainFeatures the training part's features, one row per example
     * @return the fitted step, for {@code trainFeatures.cols()} features; its {@link FeatureTransform#kind()}
     *         is the provider's name
     */
    FeatureTransform fit(Matrix trainFeatures);
}
