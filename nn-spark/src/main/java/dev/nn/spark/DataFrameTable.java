package dev.nn.spark;

import dev.nn.api.ColumnType;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.TableColumn;
import dev.nn.api.Unseen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataFrame read into the raw table the {@code csv} dataset makes ({@link Dataset#table()}): one
 * feature column per input column (numbers as their float32 value, strings as categories, booleans
 * as 0/1, nulls and NaN missing), and the target as csv decides it: text, or at most 20 distinct
 * whole numbers, is classification (whole-number classes in increasing order, else texts in
 * alphabetical order); other numbers are regression. The rows are collected on the driver, which
 * holds them as nn's arrays, as for any other dataset.
 */
final class DataFrameTable {
    private static final Logger LOG = LoggerFactory.getLogger(DataFrameTable.class);

    static final String TARGET = "target";
    static final String TASK = "task";
    static final String DROP = "drop";
    static final String COLUMNS = "columns";
    /** Classification takes whole numbers with at most this many distinct values, as csv does. */
    static final int MAX_WHOLE_CLASSES = 20;

    private DataFrameTable() {}

    /** The options every DataFrame dataset shares, after its own ({@code path} or {@code name}). */
    static List<OptionSpec> options(OptionSpec source) {
        return List.of(
                source,
                OptionSpec.list(
                                TARGET,
                                OptionSpec.string("column", "a column name"),
                                "the column to predict, or a list of columns for several regression outputs")
                        .required(),
                OptionSpec.string(
                                TASK,
                                "classification or regression; inferred when not given, as csv infers it: text, or"
                                        + " at most 20 distinct whole numbers, is classification")
                        .choices("classification", "regression"),
                OptionSpec.list(DROP, OptionSpec.string("column", "a column name"), "columns to leave out"),
                OptionSpec.map(
                        COLUMNS,
                        OptionSpec.section(
                                "column",
                                "what a column holds and how its missing cells are filled",
                                OptionSpec.string(
                                                "type",
                                                "number, category or boolean; default from the schema: numeric"
                                                        + " columns are numbers, booleans booleans, strings categories")
                                        .choices("number", "category", "boolean"),
                                OptionSpec.string(
                                                "missing",
                                                "what a missing cell (null, NaN) becomes: mean, median (numbers),"
                                                        + " most_frequent, constant (fill), drop_row, or error")
                                        .choices("mean", "median", "most_frequent", "constant", "drop_row", "error"),
                                OptionSpec.string("fill", "the value of missing: constant"),
                                OptionSpec.string(
                                                "unseen",
                                                "what a category value the training part lacks becomes: zeros or error")
                                        .choices("zeros", "error")),
                        "the columns whose type or missing-value treatment the config sets, by name"));
    }

    /**
     * {@return the table of {@code frame}'s columns as {@code options} say}
     *
     * @param name    the dataset's name
     * @param frame   the data
     * @param options the dataset's options
     * @param source  the option naming where the data came from, for messages about it
     */
    static Dataset read(String name, org.apache.spark.sql.Dataset<Row> frame, Options options, String source) {
        Map<String, StructField> fields = new LinkedHashMap<>();
        for (StructField field : frame.schema().fields()) {
            fields.put(field.name(), field);
        }
        List<String> targets = strings(options.get(TARGET));
        if (targets.isEmpty()) {
            throw options.error(TARGET, "needs at least one column name");
        }
        for (String target : targets) {
            requireColumn(options, TARGET, target, fields, source);
        }
        List<String> drop = options.has(DROP) ? strings(options.get(DROP)) : List.of();
        for (String column : drop) {
            requireColumn(options, DROP, column, fields, source);
        }
        Map<?, ?> declared = options.has(COLUMNS) && options.get(COLUMNS) instanceof Map<?, ?> m ? m : Map.of();
        for (Object column : declared.keySet()) {
            requireColumn(options, COLUMNS + "." + column, String.valueOf(column), fields, source);
        }
        List<String> inputs = new ArrayList<>();
        for (String column : fields.keySet()) {
            if (!targets.contains(column) && !drop.contains(column)) {
                inputs.add(column);
            }
        }
        if (inputs.isEmpty()) {
            throw options.error(
                    TARGET, "leaves no input column: the data's columns are " + String.join(", ", fields.keySet()));
        }
        String task = options.has(TASK) ? options.string(TASK).toLowerCase(Locale.ROOT) : null;
        if ("classification".equals(task) && targets.size() > 1) {
            throw options.error(
                    TARGET,
                    "names " + targets.size() + " columns, and task: classification predicts one; several targets"
                            + " are the outputs of a regression (task: regression)");
        }

        // Rows whose target is missing are left out, as csv leaves them out.
        Column anyTargetMissing = null;
        for (String target : targets) {
            Column missing = functions.col(quoted(target)).isNull();
            if (fields.get(target).dataType() instanceof NumericType) {
                missing = missing.or(functions.isnan(functions.col(quoted(target))));
            }
            anyTargetMissing = anyTargetMissing == null ? missing : anyTargetMissing.or(missing);
        }
        List<String> selected = new ArrayList<>(inputs);
        selected.addAll(targets);
        org.apache.spark.sql.Dataset<Row> rows = frame.filter(functions.not(anyTargetMissing))
                .select(selected.stream().map(c -> functions.col(quoted(c))).toArray(Column[]::new));

        Input[] in = new Input[inputs.size()];
        for (int j = 0; j < in.length; j++) {
            String column = inputs.get(j);
            Map<?, ?> keys = declared.get(column) instanceof Map<?, ?> k ? k : Map.of();
            in[j] = new Input(column, type(options, column, fields.get(column).dataType(), keys), keys);
        }
        int k = targets.size();
        List<float[]> x = new ArrayList<>();
        List<Object[]> y = new ArrayList<>();
        Iterator<Row> it = rows.toLocalIterator();
        while (it.hasNext()) {
            Row row = it.next();
            float[] cells = new float[in.length];
            for (int j = 0; j < in.length; j++) {
                cells[j] = in[j].cell(row.get(j), options);
            }
            Object[] t = new Object[k];
            for (int c = 0; c < k; c++) {
                t[c] = row.get(in.length + c);
            }
            x.add(cells);
            y.add(t);
        }
        long left = frame.count() - x.size();
        if (left > 0) {
            LOG.info("{}: left out {} row{} whose target is missing", name, left, left == 1 ? "" : "s");
        }
        if (x.isEmpty()) {
            throw options.error(source, "has no rows with a target to train on");
        }
        int n = x.size();
        float[] features = new float[n * in.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.get(i), 0, features, i * in.length, in.length);
        }
        List<TableColumn> table = new ArrayList<>();
        for (Input input : in) {
            table.add(input.describe(options));
        }
        Matrix matrix = Matrix.wrap(n, in.length, features);
        Dataset dataset;
        List<String> targetNames = new ArrayList<>();
        if (task == null) {
            task = inferTask(name, targets, y, fields);
        }
        if (task.equals("classification")) {
            dataset = classification(name, matrix, y, targets.get(0));
        } else {
            float[] values = new float[n * k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    values[i * k + c] = number(y.get(i)[c], options, targets.get(c));
                }
            }
            dataset = Dataset.regression(name, matrix, Matrix.wrap(n, k, values));
            targetNames.addAll(targets);
        }
        return dataset.withNames(inputs, targetNames).withTable(table);
    }

    private static void requireColumn(
            Options options, String option, String column, Map<String, StructField> fields, String source) {
        if (!fields.containsKey(column)) {
            throw options.error(
                    option,
                    "no column '" + column + "' in the data of " + source + "; its columns are "
                            + String.join(", ", fields.keySet()));
        }
    }

    /** A column name as Spark's {@code col} takes it, whatever characters it holds. */
    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> out.add(String.valueOf(item).trim()));
        } else if (value != null) {
            out.add(String.valueOf(value).trim());
        }
        return out;
    }

    private static ColumnType type(Options options, String column, DataType type, Map<?, ?> keys) {
        if (keys.get("type") != null) {
            return ColumnType.fromLabel(String.valueOf(keys.get("type")));
        }
        if (type instanceof NumericType) {
            return ColumnType.NUMBER;
        }
        if (type instanceof BooleanType) {
            return ColumnType.BOOLEAN;
        }
        if (type instanceof StringType) {
            return ColumnType.CATEGORY;
        }
        throw options.error(
                DROP,
                "column '" + column + "' is of type " + type.simpleString()
                        + ", which nn does not read as a table column (numbers, strings, booleans); drop it");
    }

    /** Text, or few distinct whole numbers: classification; other numbers: regression (csv's rule). */
    private static String inferTask(
            String name, List<String> targets, List<Object[]> y, Map<String, StructField> fields) {
        String target = targets.get(0);
        String reason;
        String task;
        if (targets.size() > 1) {
            return "regression";
        }
        DataType type = fields.get(target).dataType();
        Set<Double> distinct = new HashSet<>();
        Double fraction = null;
        if (!(type instanceof NumericType)) {
            task = "classification";
            reason = "target '" + target + "' holds " + (type instanceof BooleanType ? "booleans" : "text");
        } else {
            for (Object[] row : y) {
                double v = ((Number) row[0]).doubleValue();
                if (v != Math.rint(v)) {
                    fraction = fraction == null ? v : fraction;
                } else if (distinct.size() <= MAX_WHOLE_CLASSES) {
                    distinct.add(v);
                }
            }
            if (fraction != null) {
                task = "regression";
                reason = "target '" + target + "' holds numbers that are not whole, such as " + fraction;
            } else if (distinct.size() > MAX_WHOLE_CLASSES) {
                task = "regression";
                reason = "target '" + target + "' holds more than " + MAX_WHOLE_CLASSES + " distinct whole numbers";
            } else {
                task = "classification";
                reason = "target '" + target + "' holds " + distinct.size() + " distinct whole numbers (classification"
                        + " takes at most " + MAX_WHOLE_CLASSES + ")";
            }
        }
        LOG.info(
                "{}: task {}, inferred: {}; set task: {} to change it",
                name,
                task,
                reason,
                task.equals("classification") ? "regression" : "classification");
        return task;
    }

    /** Whole-number labels: classes in increasing order ("3"); any other: the texts in alphabetical order. */
    private static Dataset classification(String name, Matrix features, List<Object[]> y, String target) {
        String[] texts = new String[y.size()];
        boolean integers = true;
        for (int i = 0; i < texts.length; i++) {
            Object v = y.get(i)[0];
            texts[i] = label(v);
            integers &= integerValue(texts[i]) != null;
        }
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        if (integers) {
            TreeSet<Long> values = new TreeSet<>();
            for (String text : texts) {
                values.add(integerValue(text));
            }
            values.forEach(v -> names.add(Long.toString(v)));
            for (String text : new HashSet<>(Arrays.asList(texts))) {
                index.put(text, names.indexOf(Long.toString(integerValue(text))));
            }
        } else {
            names.addAll(new TreeSet<>(Arrays.asList(texts)));
            for (int c = 0; c < names.size(); c++) {
                index.put(names.get(c), c);
            }
        }
        int[] labels = new int[texts.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(texts[i]);
        }
        return Dataset.classification(name, features, labels, names);
    }

    private static String label(Object v) {
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.valueOf(v);
        }
        return String.valueOf(v).trim();
    }

    private static Long integerValue(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float number(Object v, Options options, String target) {
        if (v instanceof Number number) {
            float f = number.floatValue();
            if (Float.isFinite(f)) {
                return f;
            }
        } else if (v != null) {
            float f = TableColumn.numberValue(String.valueOf(v).trim());
            if (Float.isFinite(f)) {
                return f;
            }
        }
        throw options.error(
                TARGET,
                "value '" + v + "' in target column '" + target + "' is not a finite number;"
                        + " regression targets must be numbers");
    }

    /** One input column while the rows are read: its type, and a category's levels as they appear. */
    private static final class Input {
        final String name;
        final ColumnType type;
        final Map<?, ?> keys;
        final TableColumn parser;
        final Map<String, Integer> codes = new HashMap<>();
        final List<String> levels = new ArrayList<>();

        Input(String name, ColumnType type, Map<?, ?> keys) {
            this.name = name;
            this.type = type;
            this.keys = keys;
            this.parser = type == ColumnType.BOOLEAN ? TableColumn.bool(name) : TableColumn.number(name);
        }

        float cell(Object value, Options options) {
            if (value == null) {
                return Float.NaN;
            }
            if (type == ColumnType.CATEGORY) {
                String text = value instanceof Number ? label(value) : String.valueOf(value);
                return codes.computeIfAbsent(text, t -> {
                    levels.add(t);
                    return levels.size() - 1;
                });
            }
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (value instanceof Number number) {
                float f = number.floatValue();
                if (type == ColumnType.BOOLEAN && !Float.isNaN(f) && f != 0 && f != 1) {
                    throw options.error(
                            COLUMNS + "." + name + ".type",
                            "value " + value + " of column '" + name + "' is not true or false (1 or 0)");
                }
                return f;
            }
            try {
                return parser.parse(String.valueOf(value), Set.of());
            } catch (IllegalArgumentException e) {
                throw options.error(
                        COLUMNS + "." + name + ".type",
                        "column '" + name + "' is declared " + type.label() + ", but " + e.getMessage());
            }
        }

        TableColumn describe(Options options) {
            Missing missing =
                    keys.get("missing") == null ? null : Missing.fromLabel(String.valueOf(keys.get("missing")));
            Unseen unseen = keys.get("unseen") == null ? null : Unseen.fromLabel(String.valueOf(keys.get("unseen")));
            String fill = keys.get("fill") == null ? null : String.valueOf(keys.get("fill"));
            try {
                return new TableColumn(name, type, type == ColumnType.CATEGORY ? levels : null, missing, fill, unseen);
            } catch (IllegalArgumentException e) {
                throw options.error(COLUMNS + "." + name, e.getMessage());
            }
        }
    }
}
