package dev.nn.plugins.data;

import dev.nn.api.ColumnType;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.TableColumn;
import dev.nn.api.Unseen;
import dev.nn.plugins.data.CsvSettings.Declared;
import dev.nn.plugins.data.CsvSettings.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset from a CSV table: named columns of numbers, words and yes/no values, with empty cells,
 * and a class label or one or several numbers to predict. The result is a raw table ({@link
 * Dataset#table()}): one feature column per input column, each cell as {@link TableColumn#parse}
 * makes it, for the fitted encoding (imputation, one-hot features) to turn into a network's inputs.
 *
 * <p>A classification target's classes are its whole numbers in increasing order when every label
 * is a whole number (so a file labelled 0..9 gets classes "0" to "9"), otherwise its distinct texts
 * in alphabetical order. A test file, if given, must have the same columns; its labels must be
 * among the training file's classes, and its category columns may add levels after the training
 * file's. Rows whose target is missing are left out of either file, and the log says how many.
 */
public final class Csv {
    private static final Logger LOG = LoggerFactory.getLogger(Csv.class);

    private static final String PATH = "path";
    private static final String LABEL = "label";
    private static final String HEADER = "header";
    private static final String TEST_PATH = "test_path";
    private static final String DELIMITER = "delimiter";
    private static final String TARGET = "target";
    private static final String TASK = "task";
    private static final String DROP = "drop";
    private static final String MISSING_VALUES = "missing_values";
    private static final String COLUMNS = "columns";
    private static final String TYPE = "type";
    private static final String MISSING = "missing";
    private static final String FILL = "fill";
    private static final String UNSEEN = "unseen";

    static Dataset load(Options options) throws IOException {
        CsvSettings settings = settings(options);
        CsvTable train = CsvTable.read(options.path(PATH), settings, null);
        CsvTable.Layout layout = train.layout;
        for (InputColumn column : layout.inputs) {
            column.finishTraining(train.store);
        }
        for (TargetColumn target : layout.targets) {
            String reason = target.finishTraining(train.store);
            if (reason != null) {
                LOG.info(
                        "{}: task {}, inferred: {}; set task: {} to change it",
                        train.file.getFileName(),
                        target.task().label(),
                        reason,
                        target.task() == Task.CLASSIFICATION ? "regression" : "classification");
            }
        }
        checkInferredColumns(options, layout);
        logDropped(train);
        CsvTable test = options.has(TEST_PATH) ? CsvTable.read(options.path(TEST_PATH), settings, layout) : null;
        if (test != null) {
            logDropped(test);
        }
        List<TableColumn> table = new ArrayList<>();
        for (InputColumn column : layout.inputs) {
            table.add(column.describe());
        }
        LOG.debug("{}: {} rows; {}", train.file.getFileName(), train.rows(), describe(layout));
        Dataset dataset = dataset(train, table);
        return test == null ? dataset : dataset.withTest(dataset(test, table));
    }

    /** The options, checked against each other. */
    private static CsvSettings settings(Options options) {
        String delimiter = delimiter(options);
        String headerText = options.has(HEADER) ? options.string(HEADER) : "auto";
        CsvTable.Header header = CsvTable.Header.parse(headerText);
        if (header == null) {
            throw options.error(HEADER, "must be auto, true or false, got '" + headerText + "'");
        }
        List<String> targets = options.has(TARGET) ? strings(options.get(TARGET)) : null;
        // A resolved config writes label's default out, so only another value than the default conflicts.
        if (targets != null
                && options.has(LABEL)
                && !options.string(LABEL).trim().equals("last")) {
            throw options.error(
                    TARGET, "give the target column once: as target, or as label (its older spelling), not both");
        }
        if (targets != null && targets.isEmpty()) {
            throw options.error(TARGET, "needs at least one column name");
        }
        if (targets != null && new HashSet<>(targets).size() != targets.size()) {
            throw options.error(TARGET, "names a column twice: " + String.join(", ", targets));
        }
        Task task = null;
        if (options.has(TASK)) {
            String text = options.string(TASK).trim().toLowerCase(Locale.ROOT);
            if (!text.equals("classification") && !text.equals("regression")) {
                throw options.error(TASK, "must be classification or regression, got '" + options.string(TASK) + "'");
            }
            task = Task.valueOf(text.toUpperCase(Locale.ROOT));
        }
        if (task == Task.CLASSIFICATION && targets != null && targets.size() > 1) {
            throw options.error(
                    TARGET,
                    "names " + targets.size() + " columns, and task: classification predicts one; several targets"
                            + " are the outputs of a regression (task: regression)");
        }
        CsvTable.LabelColumn label = targets != null
                ? null
                : new CsvTable.LabelColumn((options.has(LABEL) ? options.string(LABEL) : "last").trim());
        List<String> drop = options.has(DROP) ? strings(options.get(DROP)) : List.of();
        Set<String> missingValues = new LinkedHashSet<>(
                options.has(MISSING_VALUES)
                        ? strings(options.get(MISSING_VALUES))
                        : TableColumn.DEFAULT_MISSING_VALUES);
        missingValues.add("");
        return new CsvSettings(
                delimiter, header, label, targets, task, drop, Set.copyOf(missingValues), declarations(options));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> out.add(String.valueOf(item).trim()));
        } else {
            out.add(String.valueOf(value).trim());
        }
        return out;
    }

    /** What {@code columns:} declares; the parts that do not depend on the file are checked here. */
    private static Map<String, Declared> declarations(Options options) {
        Map<String, Declared> out = new LinkedHashMap<>();
        if (!options.has(COLUMNS)) {
            return out;
        }
        if (!(options.get(COLUMNS) instanceof Map<?, ?> columns)) {
            throw options.error(
                    COLUMNS, "must be a map from column names to their settings (type, missing, fill, unseen)");
        }
        for (Map.Entry<?, ?> entry : columns.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String at = COLUMNS + "." + name;
            Map<?, ?> keys = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
            ColumnType type = choice(options, at + "." + TYPE, keys.get(TYPE), ColumnType::fromLabel);
            Missing missing = choice(options, at + "." + MISSING, keys.get(MISSING), Missing::fromLabel);
            Unseen unseen = choice(options, at + "." + UNSEEN, keys.get(UNSEEN), Unseen::fromLabel);
            String fill = keys.get(FILL) == null ? null : String.valueOf(keys.get(FILL));
            if (fill != null && missing != Missing.CONSTANT) {
                throw options.error(
                        at + "." + FILL,
                        "is the value of missing: constant; set missing: constant, or remove fill"
                                + (missing == null ? "" : " (missing is " + missing.label() + ")"));
            }
            if (missing == Missing.CONSTANT && fill == null) {
                throw options.error(
                        at + "." + MISSING, "constant needs fill: the value a missing cell of " + name + " gets");
            }
            Declared declared = new Declared(type, missing, fill, unseen);
            if (type != null) {
                check(options, name, declared, type, "");
            }
            out.put(name, declared);
        }
        return out;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T choice(Options options, String at, Object value, Parser<T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.parse(String.valueOf(value).trim());
        } catch (IllegalArgumentException e) {
            throw options.error(at, e.getMessage());
        }
    }

    /**
     * Checks what is declared of column {@code name} against its type, {@code why} saying how the type
     * was found when it was inferred; problems are reported at the declaration's option path.
     */
    private static void check(Options options, String name, Declared declared, ColumnType type, String why) {
        String at = COLUMNS + "." + name + ".";
        String column = "column '" + name + "' is a " + type.label() + " column" + why;
        Missing missing = declared.missing();
        if ((missing == Missing.MEAN || missing == Missing.MEDIAN) && type != ColumnType.NUMBER) {
            throw options.error(
                    at + MISSING,
                    missing.label() + " is for number columns, and " + column + "; use most_frequent or constant");
        }
        if (declared.unseen() == Unseen.ERROR && type != ColumnType.CATEGORY) {
            throw options.error(at + UNSEEN, "is for category columns, and " + column);
        }
        if (declared.fill() != null) {
            String fill = declared.fill().trim();
            if (type == ColumnType.NUMBER && !Float.isFinite(TableColumn.numberValue(fill))) {
                throw options.error(at + FILL, "'" + declared.fill() + "' is not a number, and " + column);
            }
            if (type == ColumnType.BOOLEAN) {
                try {
                    TableColumn.bool(name).parse(fill, Set.of());
                } catch (IllegalArgumentException e) {
                    throw options.error(at + FILL, "'" + declared.fill() + "' is not true or false, and " + column);
                }
            }
        }
    }

    /** Declarations without a type, checked against the type the training file showed. */
    private static void checkInferredColumns(Options options, CsvTable.Layout layout) {
        Map<String, Declared> declared = declarations(options);
        for (InputColumn column : layout.inputs) {
            Declared d = declared.get(column.name);
            if (d != null && d.type() == null) {
                String why = switch (column.type()) {
                    case NUMBER -> "every cell of the training file is a number or missing";
                    case BOOLEAN -> "every cell of the training file is true, false, yes, no or missing";
                    case CATEGORY -> "the training file has words in it";
                };
                check(
                        options,
                        column.name,
                        d,
                        column.type(),
                        " (inferred: " + why + "; declare its type to choose another)");
            }
        }
    }

    private static void logDropped(CsvTable table) {
        if (table.droppedForTarget > 0) {
            StringJoiner names = new StringJoiner(", ");
            for (TargetColumn target : table.layout.targets) {
                names.add("'" + target.name + "'");
            }
            LOG.info(
                    "{}: left out {} row{} whose target {} missing",
                    table.file.getFileName(),
                    table.droppedForTarget,
                    table.droppedForTarget == 1 ? "" : "s",
                    (table.layout.targets.length == 1 ? names + " is" : "(" + names + ") is"));
        }
        if (!table.droppedForMissing.isEmpty()) {
            long all = table.droppedForMissing.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            StringJoiner by = new StringJoiner(", ");
            table.droppedForMissing.forEach((name, n) -> by.add(name + ": " + n));
            LOG.info(
                    "{}: left out {} row{} with a missing value in a drop_row column ({})",
                    table.file.getFileName(),
                    all,
                    all == 1 ? "" : "s",
                    by);
        }
    }

    private static String describe(CsvTable.Layout layout) {
        StringJoiner out = new StringJoiner(", ");
        for (InputColumn column : layout.inputs) {
            out.add(column.name + " " + column.type().label()
                    + (column.type() == ColumnType.CATEGORY ? " (" + column.levelCount() + " levels)" : "")
                    + (column.missingCells() > 0 ? " (" + column.missingCells() + " missing)" : ""));
        }
        for (TargetColumn target : layout.targets) {
            out.add(target.name + " target");
        }
        return out.toString();
    }

    private static String delimiter(Options options) {
        String delimiter = options.has(DELIMITER) ? options.string(DELIMITER) : ",";
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

    private static Dataset dataset(CsvTable table, List<TableColumn> columns) {
        String name = table.file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            name = name.substring(0, name.length() - 4);
        }
        CsvTable.Layout layout = table.layout;
        int rows = table.rows();
        float[] x = new float[rows * layout.inputs.length];
        float[] y = new float[rows * layout.targets.length];
        table.store.drainInto(layout.inputs.length, x, y);
        Matrix features = Matrix.wrap(rows, layout.inputs.length, x);
        List<String> featureNames = new ArrayList<>();
        for (InputColumn column : layout.inputs) {
            featureNames.add(column.name);
        }
        TargetColumn first = layout.targets[0];
        Dataset dataset;
        List<String> targetNames = new ArrayList<>();
        if (first.task() == Task.CLASSIFICATION) {
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = (int) y[i];
            }
            dataset = Dataset.classification(name, features, labels, first.classNames());
        } else {
            dataset = Dataset.regression(name, features, Matrix.wrap(rows, layout.targets.length, y));
            for (TargetColumn target : layout.targets) {
                targetNames.add(target.name);
            }
        }
        return dataset.withNames(featureNames, targetNames).withTable(columns);
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
            return "a CSV table: columns of numbers, categories (words) and booleans, empty cells, and a class label"
                    + " or numbers to predict; with an optional test file";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.path(PATH, "the CSV file, one example per row").required(),
                    OptionSpec.string(
                                    LABEL,
                                    "the class label column: last, first, a 0-based column index or a header name"
                                            + " (the older spelling of target, whose task defaults to classification)")
                            .defaultValue("last"),
                    OptionSpec.string(
                                    HEADER,
                                    "whether the first row names the columns; auto: when it holds a word outside the"
                                            + " label column, or when target, drop or columns name columns")
                            .defaultValue("auto")
                            .choices("auto", "true", "false"),
                    OptionSpec.path(TEST_PATH, "a CSV file with the same columns, used as the fixed test split"),
                    OptionSpec.string(DELIMITER, "the character between values").defaultValue(","),
                    OptionSpec.list(
                            TARGET,
                            OptionSpec.string("column", "a column name"),
                            "the column to predict, or a list of columns for several regression outputs (instead of"
                                    + " label; a file without a header names its columns 0, 1, ...)"),
                    OptionSpec.string(
                                    TASK,
                                    "classification or regression; inferred when not given: a target with text, or"
                                            + " with at most 20 distinct whole numbers, is classification (the log"
                                            + " says which and why)")
                            .choices("classification", "regression"),
                    OptionSpec.list(DROP, OptionSpec.string("column", "a column name"), "columns to leave out"),
                    OptionSpec.list(
                                    MISSING_VALUES,
                                    OptionSpec.string("value", "a cell's text"),
                                    "the cells that mean missing (an empty cell always does)")
                            .defaultValue(TableColumn.DEFAULT_MISSING_VALUES),
                    OptionSpec.map(
                            COLUMNS,
                            OptionSpec.section(
                                    "column",
                                    "what a column holds and how its missing cells are filled",
                                    OptionSpec.string(
                                                    TYPE,
                                                    "number, category or boolean; inferred when not given: number if"
                                                            + " every cell is one, boolean if every cell is true, false,"
                                                            + " yes or no, else category (declare category to keep"
                                                            + " texts such as 02134 exactly)")
                                            .choices("number", "category", "boolean"),
                                    OptionSpec.string(
                                                    MISSING,
                                                    "what a missing cell becomes: mean, median (numbers), most_frequent"
                                                            + " (from the training part), constant (fill), drop_row, or"
                                                            + " error; default mean for numbers, most_frequent otherwise")
                                            .choices(
                                                    "mean", "median", "most_frequent", "constant", "drop_row", "error"),
                                    OptionSpec.string(FILL, "the value of missing: constant"),
                                    OptionSpec.string(
                                                    UNSEEN,
                                                    "what a category value the training part lacks becomes: zeros (all"
                                                            + " its one-hot features 0, the default) or error")
                                            .choices("zeros", "error")),
                            "the columns whose type or missing-value treatment the config sets, by name"));
        }

        @Override
        public Dataset load(Options options) throws IOException {
            return Csv.load(options);
        }
    }
}
