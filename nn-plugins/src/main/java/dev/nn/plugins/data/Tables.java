package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The small real tables bundled with nn, the copies scikit-learn 1.2.1 ships
 * ({@code load_iris}, {@code load_wine}, {@code load_breast_cancer}, {@code load_diabetes(scaled=False)},
 * {@code load_linnerud}): the same rows in the same order, so figures compare directly. Each is a
 * CSV resource with a header of column names and the target column(s) last; features and
 * regression targets are named by that header, classes as scikit-learn names them
 * ({@code target_names}, in its order).
 *
 * <p>Sources and licenses are in nn's NOTICE: iris, wine and breast_cancer come from the UCI
 * Machine Learning Repository (CC BY 4.0), diabetes and linnerud are distributed with
 * scikit-learn (BSD-3-Clause).
 */
public final class Tables {
    /** Parsed once per class loader; every load hands out copies, so callers cannot change them. */
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    private Tables() {}

    /**
     * One bundled table: its resource, its size, and its classes (empty for regression, whose
     * {@code targets} last columns are the targets).
     */
    private record Table(String name, int rows, int features, List<String> classes, int targets) {
        String resource() {
            return "tabular/" + name + ".csv";
        }
    }

    private static final Table IRIS = new Table("iris", 150, 4, List.of("setosa", "versicolor", "virginica"), 0);
    private static final Table WINE = new Table("wine", 178, 13, List.of("class_0", "class_1", "class_2"), 0);
    private static final Table BREAST_CANCER = new Table("breast_cancer", 569, 30, List.of("malignant", "benign"), 0);
    private static final Table DIABETES = new Table("diabetes", 442, 10, List.of(), 1);
    private static final Table LINNERUD = new Table("linnerud", 20, 3, List.of(), 3);

    private static Dataset load(Table table) throws IOException {
        Dataset parsed = CACHE.get(table.name());
        if (parsed == null) {
            parsed = read(table);
            CACHE.put(table.name(), parsed);
        }
        return copy(parsed);
    }

    private static Dataset copy(Dataset d) {
        Matrix features = d.features().copy();
        Dataset copy = d.isClassification()
                ? Dataset.classification(d.name(), features, d.labels().clone(), d.classNames())
                : Dataset.regression(d.name(), features, d.targets().copy());
        return copy.withNames(d.featureNames(), d.targetNames());
    }

    private static Dataset read(Table table) throws IOException {
        InputStream resource = Tables.class.getResourceAsStream(table.resource());
        if (resource == null) {
            // Only a broken build can get here: the file is part of this jar.
            throw new IOException("the bundled resource dev/nn/plugins/data/" + table.resource()
                    + " is missing from the nn-plugins jar");
        }
        boolean classes = !table.classes().isEmpty();
        int targets = classes ? 1 : table.targets();
        int columns = table.features() + targets;
        Matrix x = new Matrix(table.rows(), table.features());
        Matrix y = classes ? null : new Matrix(table.rows(), targets);
        int[] labels = new int[table.rows()];
        List<String> header;
        try (Reader in = new InputStreamReader(resource, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            header = csv.getHeaderNames();
            if (header.size() != columns) {
                throw corrupt(table, "its header has " + header.size() + " columns, expected " + columns);
            }
            int row = 0;
            for (CSVRecord record : csv) {
                if (row >= table.rows() || record.size() != columns) {
                    throw corrupt(table, "at line " + (record.getRecordNumber() + 1));
                }
                for (int c = 0; c < table.features(); c++) {
                    x.set(row, c, number(table, record, c));
                }
                if (classes) {
                    labels[row] = table.classes().indexOf(record.get(columns - 1));
                    if (labels[row] < 0) {
                        throw corrupt(table, "at line " + (record.getRecordNumber() + 1) + ": unknown class");
                    }
                } else {
                    for (int t = 0; t < targets; t++) {
                        y.set(row, t, number(table, record, table.features() + t));
                    }
                }
                row++;
            }
            if (row != table.rows()) {
                throw corrupt(table, "it has " + row + " rows, expected " + table.rows());
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw corrupt(table, e.getMessage());
        }
        List<String> featureNames = header.subList(0, table.features());
        if (classes) {
            return Dataset.classification(table.name(), x, labels, table.classes())
                    .withNames(featureNames, List.of());
        }
        return Dataset.regression(table.name(), x, y)
                .withNames(featureNames, header.subList(table.features(), columns));
    }

    private static float number(Table table, CSVRecord record, int column) throws IOException {
        try {
            return Float.parseFloat(record.get(column));
        } catch (NumberFormatException e) {
            throw corrupt(table, "at line " + (record.getRecordNumber() + 1) + ", column " + (column + 1));
        }
    }

    private static IOException corrupt(Table table, String where) {
        return new IOException("the bundled " + table.resource() + " is corrupt: " + where);
    }

    /** A bundled table by its name, with no options. */
    private abstract static class BundledTable implements DatasetProvider {
        private final Table table;
        private final String description;

        BundledTable(Table table, String description) {
            this.table = table;
            this.description = description;
        }

        @Override
        public String name() {
            return table.name();
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Dataset load(Options options) throws IOException {
            return Tables.load(table);
        }
    }

    /** The {@code iris} provider. */
    public static final class Iris extends BundledTable {
        /** The provider, as ServiceLoader makes it. */
        public Iris() {
            super(
                    IRIS,
                    "150 iris flowers: 4 measurements in cm, 3 species (Fisher 1936, UCI; scikit-learn's"
                            + " load_iris); bundled");
        }
    }

    /** The {@code wine} provider. */
    public static final class Wine extends BundledTable {
        /** The provider, as ServiceLoader makes it. */
        public Wine() {
            super(
                    WINE,
                    "178 Italian wines: 13 chemical measurements, 3 cultivars class_0..class_2 (Forina et al., UCI;"
                            + " scikit-learn's load_wine); bundled");
        }
    }

    /** The {@code breast_cancer} provider. */
    public static final class BreastCancer extends BundledTable {
        /** The provider, as ServiceLoader makes it. */
        public BreastCancer() {
            super(
                    BREAST_CANCER,
                    "569 breast tumours: 30 features of cell nuclei, malignant or benign (Wolberg, Street,"
                            + " Mangasarian 1995, UCI; scikit-learn's load_breast_cancer); bundled");
        }
    }

    /** The {@code diabetes} provider. */
    public static final class Diabetes extends BundledTable {
        /** The provider, as ServiceLoader makes it. */
        public Diabetes() {
            super(
                    DIABETES,
                    "442 diabetes patients: age, sex, bmi, bp and 6 blood serum measurements (raw, unscaled),"
                            + " regression target progression a year later (Efron et al. 2004; scikit-learn's"
                            + " load_diabetes(scaled=False)); bundled");
        }
    }

    /** The {@code linnerud} provider. */
    public static final class Linnerud extends BundledTable {
        /** The provider, as ServiceLoader makes it. */
        public Linnerud() {
            super(
                    LINNERUD,
                    "20 middle-aged men: exercises Chins, Situps, Jumps, 3 regression targets Weight, Waist, Pulse"
                            + " (Linnerud, in Tenenhaus 1998; scikit-learn's load_linnerud); bundled");
        }
    }
}
