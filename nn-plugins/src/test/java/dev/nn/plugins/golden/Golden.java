package dev.nn.plugins.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.provider.Arguments;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the golden files {@code tools/torch-golden/golden.py} writes into this module's test resources. */
final class Golden {
    private Golden() {}

    /**
     * {@return the cases under {@code key} of {@code /golden/file}, each as (label, case) for a parameterised test}
     *
     * @param file  the resource's name in {@code golden/}
     * @param key   the list of cases in it
     * @param least how many cases there must be at least
     */
    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases(String file, String key, int least) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden/" + file).isNotNull();
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get(key);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(least);
            return cases.stream().map(c -> Arguments.of(c.get("name") + " " + c.get("options"), c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts every element of {@code actual} is within {@code absolute + 1e-5 |expected|} of {@code expected}.
     *
     * @param what     what is compared, for the message
     * @param actual   nn's values
     * @param expected PyTorch's
     * @param absolute the absolute part of the tolerance
     */
    static void assertClose(String what, float[] actual, float[] expected, double absolute) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i])
                    .as("%s at element %d", what, i)
                    .isCloseTo(expected[i], Offset.offset(absolute + 1e-5 * Math.abs(expected[i])));
        }
    }

    /**
     * {@return a golden file's list of numbers as float32}
     *
     * @param list the list, as the YAML loader read it
     */
    @SuppressWarnings("unchecked")
    static float[] floats(Object list) {
        List<Number> values = (List<Number>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    /**
     * {@return the values under {@code key} of a case as a matrix of the case's {@code rows} and {@code cols}}
     *
     * @param c   the case
     * @param key the values' key
     */
    static Matrix matrix(Map<String, Object> c, String key) {
        return Matrix.wrap((Integer) c.get("rows"), (Integer) c.get("cols"), floats(c.get(key)));
    }
}
