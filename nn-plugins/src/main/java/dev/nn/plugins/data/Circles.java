package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;

/**
 * A small circle inside a large one in the plane, scikit-learn's {@code make_circles}.
 *
 * <p>The outer circle (class 0, radius 1) gets {@code samples / 2} examples, the inner circle
 * (class 1, radius {@code factor}) the rest, each at angles evenly spaced over {@code [0, 2 pi)}.
 * Rows are shuffled, then Gaussian noise is added.
 */
public final class Circles {
    static Dataset load(Options options) {
        int samples = options.integer("samples");
        double factor = options.number("factor");
        GeneratedData.checkSize(options, samples, 2);
        int outer = samples / 2;
        int inner = samples - outer;
        double[] x = new double[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < outer; i++) {
            double t = 2 * Math.PI * i / outer;
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < inner; i++) {
            double t = 2 * Math.PI * i / inner;
            int row = outer + i;
            x[2 * row] = factor * Math.cos(t);
            x[2 * row + 1] = factor * Math.sin(t);
            labels[row] = 1;
        }
        return GeneratedData.twoClassesInThePlane("circles", x, labels, options);
    }

    private Circles() {}

    /** The {@code circles} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "circles";
        }

        @Override
        public String description() {
            return "a small circle inside a large one in 2-D (scikit-learn's make_circles), 2 classes";
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
                    OptionSpec.number("factor", "radius of the inner circle relative to the outer one")
                            .defaultValue(0.8)
                            .above(0)
                            .below(1),
                    GeneratedData.seedOption());
        }

        @Override
        public Dataset load(Options options) {
            return Circles.load(options);
        }
    }
}
