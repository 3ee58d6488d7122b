package dev.nn.plugins.preprocess;

import dev.nn.api.FeatureTransform;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;
import java.util.List;

/** Every feature multiplied by one constant factor, such as 1/255 for 8-bit pixels; nothing is learnt. */
public final class Scale implements Preprocessor {
    private final double factor;

    /**
     * Makes the step.
     *
     * @param factor what every feature is multiplied by, above 0
     * @throws IllegalArgumentException if {@code factor} is not above 0 and finite
     */
    public Scale(double factor) {
        if (!(factor > 0 && factor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale's factor must be above 0, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    public FeatureTransform fit(Matrix trainFeatures) {
        return FeatureTransform.scale(trainFeatures.cols(), factor);
    }

    /** The {@code scale} provider. */
    public static final class Provider implements PreprocessorProvider {
        @Override
        public String name() {
            return "scale";
        }

        @Override
        public String description() {
            return "every feature multiplied by a constant factor (1/255 for 8-bit pixels)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number(
                            "factor", "what every feature is multiplied by, such as 0.00392156862745098" + " for 1/255")
                    .required()
                    .above(0));
        }

        @Override
        public Preprocessor create(Options options) {
            return new Scale(options.number("factor"));
        }
    }
}
