package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;

/**
 * A classification dataset from a CSV file: numeric feature columns and one label column.
 *
 * <p>When every label is a whole number, the classes are those numbers in increasing order (so a
 * file labelled 0..9 gets classes "0" to "9"); otherwise they are the distinct label texts in
 * alphabetical order. A test file, if given, must have the same columns, and its labels must be
 * among the training file's classes.
 */
public final class Csv {
    private static final String PATH = "path";
    private static final String LABEL = "label";
    private static final String HEADER = "header";
    private static final String TEST_PATH = "test_path";
    private static final String DELIMITER = "delimiter";

    static Dataset load(Options options) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter(options))
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        CsvTable.Header header = CsvTable.Header.parse(options.string(HEADER));
        if (header == null) {
            throw options.error(HEADER, "must be auto, true or false, got '" + options.string(HEADER) + "'");
        }
        CsvTable.LabelColumn label =
                new CsvTable.LabelColumn(options.string(LABEL).trim());

        CsvTable train = CsvTable.read(options.path(PATH), format, header, label, null);
        Classes classes = Classes.of(train);
        Dataset dataset = dataset(train, classes.labelsOf(train), classes.names);
        if (!options.has(TEST_PATH)) {
            return dataset;
        }
        CsvTable test = CsvTable.read(options.path(TEST_PATH), format, header, label, train);
        return dataset.withTest(dataset(test, classes.labelsOf(test), classes.names));
    }

    private static String delimiter(Options options) {
        String delimiter = options.string(DELIMITER);
        // In single-quoted YAML '\t' stays a backslash and a t; nobody means that as a delimiter.
        if (delimiter.equals("\\t")) {
            return "\t";
        }
        if (delimiter.isEmpty() || delimiter.equals("\"") || delimiter.contains("\n") || delimiter.contains("\r")) {
            throw options.error(
                    DELIMITER,
                    "cannot be " + (delimiter.isEmpty() ? "empty" : "a quote or line break")
                            + "; use a character such as ',', ';' or '\\t'");
        }
        return delimiter;
    }

    private static Dataset dataset(CsvTable table, int[] labels, List<String> classNames) {
        String name = table.file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            name = name.substring(0, name.length() - 4);
        }
        Matrix x = Matrix.wrap(table.rows, table.featureCount(), table.features);
        return Dataset.classification(name, x, labels, classNames);
    }

    /** The classes found in the training file, and how a label text maps to its index. */
    private record Classes(List<String> names, Map<String, Integer> index, boolean integers) {

        static Classes of(CsvTable train) {
            boolean integers = true;
            for (String label : train.labels) {
                if (integerValue(label) == null) {
                    integers = false;
                    break;
                }
            }
            List<String> names = new ArrayList<>();
            if (integers) {
                TreeSet<Long> values = new TreeSet<>();
                for (String label : train.labels) {
                    values.add(integerValue(label));
                }
                values.forEach(v -> names.add(Long.toString(v)));
            } else {
                names.addAll(new TreeSet<>(List.of(train.labels)));
            }
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                index.put(names.get(k), k);
            }
            return new Classes(List.copyOf(names), index, integers);
        }

        int[] labelsOf(CsvTable table) {
            int[] labels = new int[table.rows];
            for (int i = 0; i < labels.length; i++) {
                String text = table.labels[i];
                Long value = integers ? integerValue(text) : null;
                Integer k = index.get(value != null ? Long.toString(value) : text);
                if (k == null) {
                    throw new ConfigException(
                            table.where(i),
                            "label '" + text + "' is not one of the training file's classes (" + describe(names)
                                    + "); the test file may only use classes the training file has");
                }
                labels[i] = k;
            }
            return labels;
        }

        private static String describe(List<String> names) {
            if (names.size() <= 20) {
                return String.join(", ", names);
            }
            return String.join(", ", names.subList(0, 20)) + ", ... " + (names.size() - 20) + " more";
        }

        /** The label as a whole number ("3", "-1", and "3.0" as written by pandas), or null. */
        private static Long integerValue(String text) {
            String digits = text;
            int dot = text.indexOf('.');
            if (dot >= 0) {
                for (int i = dot + 1; i < text.length(); i++) {
                    if (text.charAt(i) != '0') {
                        return null;
                    }
                }
                digits = text.substring(0, dot);
            }
            try {
                return Long.valueOf(digits);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private Csv() {}

    /** The {@code csv} provider. */
    public static final class Provider implements DatasetProvider {
        @Override
        public String name() {
            return "csv";
        }

        @Override
        public String description() {
            return "a CSV file of numeric features and a class label column, with an optional test file";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.path(PATH, "the CSV file, one example per row").required(),
                    OptionSpec.string(LABEL, "the label column: last, first, a 0-based column index or a header name")
                            .defaultValue("last"),
                    OptionSpec.string(
                                    HEADER, "whether the first row names the columns; auto: when it holds a non-number")
                            .defaultValue("auto")
                            .choices("auto", "true", "false"),
                    OptionSpec.path(TEST_PATH, "a CSV file with the same columns, used as the fixed test split"),
                    OptionSpec.string(DELIMITER, "the character between values").defaultValue(","));
        }

        @Override
        public Dataset load(Options options) throws IOException {
            return Csv.load(options);
        }
    }
}
