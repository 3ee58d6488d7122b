package dev.nn.plugins.init;

import dev.nn.api.Matrix;
import java.util.random.RandomGenerator;

/**
 * The two ways every random initializer fills a matrix. Values are drawn in index order, one draw
 * per element, so a seed always gives the same matrix.
 */
final class RandomFill {
    private RandomFill() {}

    /** Fills {@code values} from U(low, high). */
    static void uniform(Matrix values, double low, double high, RandomGenerator random) {
        float[] data = values.data();
        double width = high - low;
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (low + width * random.nextDouble());
        }
    }

    /** Fills {@code values} from N(mean, std²). */
    static void normal(Matrix values, double mean, double std, RandomGenerator random) {
        float[] data = values.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean + std * random.nextGaussian());
        }
    }
}
