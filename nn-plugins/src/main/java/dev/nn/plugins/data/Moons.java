package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * Two interleaving half circles in the plane, scikit-learn's {@code make_moons}: a classic
 * problem that a linear model cannot separate.
 *
 * <p>The outer moon (class 0) is {@code (cos t, sin t)} for {@code t} evenly spaced in
 * {@code [0, pi]}; the inner moon (class 1) is {@code (1 - cos t, 0.5 - sin t)}. The first
 * {@code samples / 2} examples go to the outer moon. Rows are shuffled, then Gaussian noise is added.
 */
public final class Moons {
    static Dataset load(Options options) {
        int samples = options.integer("samples");
        GeneratedData.checkSize(options, samples, 2);
        int outer = samples / 2;
        int inner = samples - outer;
        double[] x = new double[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < outer; i++) {
            double t = GeneratedData.linspace(i, outer, Math.PI);
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < inner; i++) {
            double t = GeneratedData.linspace(i, inner, Math.PI);
            int row = outer + i;
            x[2 * row] = 1 - Math.cos(t);
            x[2 * row + 1] = 1 - Math.sin(t) - 0.5;
            labels[row] = 1;
        }
        return GeneratedData.twoClassesInThePlane("moons", x, labels, options);
    }

    private Moons() {}

    /** The {@code moons} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "moons";
        }

        @Override
        public String description() {
            return "two interleaving half circles in 2-D (scikit-learn's make_moons), 2 classes";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.integer("samples", "number of examples")
                            .defaultValue(1000)
                            .atLeast(2),
                    OptionSpec.number("noise", "standard deviation of the Gaussian noise added to each coordinate")
                            .defaultValue(0.1)
                            .atLeast(0),
                    GeneratedData.seedOption());
        }

        @Override
        public Dataset load(Options options) {
            return Moons.load(options);
        }
    }
}
