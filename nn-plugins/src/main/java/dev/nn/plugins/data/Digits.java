package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The 8x8 handwritten digits bundled with nn (UCI "Optical Recognition of Handwritten Digits",
 * the set scikit-learn loads with {@code load_digits()}): 1797 examples of 64 pixel counts in
 * 0..16, classes "0" to "9". Bundled so that the default pipeline runs with no download.
 */
public final class Digits {
    private static final String RESOURCE = "digits.csv.gz";
    private static final int EXAMPLES = 1797;
    private static final int PIXELS = 64;
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Parsed once per class loader; every load hands out copies, so callers cannot change it. */
    private static volatile Pixels cache;

    private record Pixels(float[] pixels, int[] labels) {}

    static Dataset load(Options options) throws IOException {
        Pixels digits = cache;
        if (digits == null) {
            digits = read();
            cache = digits;
        }
        return Dataset.classification(
                "digits",
                Matrix.wrap(EXAMPLES, PIXELS, digits.pixels().clone()),
                digits.labels().clone(),
                CLASSES);
    }

    private static Pixels read() throws IOException {
        InputStream resource = Digits.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            // Only a broken build can get here: the file is part of this jar.
            throw new IOException(
                    "the bundled resource dev/nn/plugins/data/" + RESOURCE + " is missing from the nn-plugins jar");
        }
        float[] pixels = new float[EXAMPLES * PIXELS];
        int[] labels = new int[EXAMPLES];
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.US_ASCII))) {
            int row = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] values = line.split(",");
                if (row >= EXAMPLES || values.length != PIXELS + 1) {
                    throw new IOException("the bundled " + RESOURCE + " is corrupt at line " + (row + 1));
                }
                for (int c = 0; c < PIXELS; c++) {
                    pixels[row * PIXELS + c] = Integer.parseInt(values[c].trim());
                }
                labels[row] = Integer.parseInt(values[PIXELS].trim());
                row++;
            }
            if (row != EXAMPLES) {
                throw new IOException("the bundled " + RESOURCE + " has " + row + " rows, expected " + EXAMPLES);
            }
        }
        return new Pixels(pixels, labels);
    }

    private Digits() {}

    /** The {@code digits} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "digits";
        }

        @Override
        public String description() {
            return "1797 handwritten digits as 8x8 pixel counts 0..16 (UCI, scikit-learn's load_digits), 10 classes; bundled";
        }

        @Override
        public Dataset load(Options options) throws IOException {
            return Digits.load(options);
        }
    }
}
