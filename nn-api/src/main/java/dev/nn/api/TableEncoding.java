package dev.nn.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the columns of a table become the features a network takes, fitted on the training part of a
 * raw table ({@link Dataset#table()}) and applied unchanged to every other part and to rows given
 * at prediction time.
 *
 * <p>Each input column becomes:
 * <ul>
 *   <li>a <b>number</b>: one feature, its value, a missing cell filled with the training part's
 *       mean, median (numpy's: the middle value, or the mean of the two middle ones), most
 *       frequent value (the smallest on a tie) or a constant;
 *   <li>a <b>boolean</b>: one 0/1 feature, filled the same way (most frequent: false on a tie);
 *   <li>a <b>category</b>: one 0/1 feature per value of its vocabulary, named {@code city=Paris}.
 *       The vocabulary is the values that occur in the training part, in the order the table
 *       lists its levels (first appearance in the training file); with {@code missing: constant}
 *       the fill value is part of it too, so a missing cell has its own feature. A missing cell
 *       is the most frequent value (the first in the vocabulary on a tie) or the constant. A value
 *       the training part did not have (in validation, test or prediction rows) is all zeros, or,
 *       with {@link Unseen#ERROR}, an error naming the column and the value.
 * </ul>
 * Rows with a missing cell in a {@link Missing#DROP_ROW} column are left out of every part; a
 * missing cell in a {@link Missing#ERROR} column is an error. When predicting, neither can fill a
 * missing cell in, so there a missing cell of such a column is an error naming it; every other
 * missing cell is filled with what the training part gave.
 *
 * <p>An encoding is plain data (the columns with their fill values and vocabularies, the texts
 * that mean "missing", the targets' names), so a model file records it and loads it without the
 * plugin that read the table. Instances are immutable and safe to share between threads.
 *
 * @since SPI 1.4
 */
public final class TableEncoding {

    /**
     * One input column as the encoding treats it.
     *
     * @param name       the column's name (its header)
     * @param type       number, category or boolean
     * @param vocabulary a category's values that get a feature each, in order; empty otherwise
     * @param missing    how a missing cell was filled in training
     * @param fill       the value a missing number or boolean cell gets (a boolean's 0 or 1, or the
     *                   fraction of true for {@code mean}); NaN for a category, and for
     *                   {@link Missing#DROP_ROW} and {@link Missing#ERROR}
     * @param fillLevel  the value a missing category cell gets, one of the vocabulary; null for
     *                   numbers and booleans, and for {@link Missing#DROP_ROW} and {@link Missing#ERROR}
     * @param unseen     what a category value outside the vocabulary means
     */
    public record Column(
            String name,
            ColumnType type,
            List<String> vocabulary,
            Missing missing,
            float fill,
            String fillLevel,
            Unseen unseen) {

        /**
         * Checks that the parts fit the column's type.
         *
         * @param name       the column's name
         * @param type       number, category or boolean
         * @param vocabulary a category's values, in order; empty otherwise
         * @param missing    how a missing cell was filled
         * @param fill       a number's or boolean's fill value, or NaN
         * @param fillLevel  a category's fill value, or null
         * @param unseen     what a category value outside the vocabulary means
         * @throws IllegalArgumentException saying which part does not fit
         */
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            vocabulary = List.copyOf(vocabulary);
            Objects.requireNonNull(missing, "missing");
            Objects.requireNonNull(unseen, "unseen");
            String column = "column '" + name + "'";
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a table column needs a name");
            }
            boolean fills = missing != Missing.DROP_ROW && missing != Missing.ERROR;
            if (type == ColumnType.CATEGORY) {
                if (vocabulary.isEmpty()) {
                    throw new IllegalArgumentException(column + " is a category with no values");
                }
                if (new HashSet<>(vocabulary).size() != vocabulary.size()) {
                    throw new IllegalArgumentException(column + " has a value twice in its vocabulary " + vocabulary);
                }
                if (missing == Missing.MEAN || missing == Missing.MEDIAN) {
                    throw new IllegalArgumentException(column + " is a category, which has no " + missing.label()
                            + "; use most_frequent or constant");
                }
                if (fills ? !vocabulary.contains(fillLevel) : fillLevel != null) {
                    throw new IllegalArgumentException(column + " fills a missing cell with "
                            + (fillLevel == null ? "nothing" : "'" + fillLevel + "'") + ", which "
                            + (fills
                                    ? "is not in its vocabulary " + vocabulary
                                    : "missing: " + missing.label() + " does not do"));
                }
                if (!Float.isNaN(fill)) {
                    throw new IllegalArgumentException(column + " is a category; its fill is a value, not " + fill);
                }
            } else {
                if (!vocabulary.isEmpty() || fillLevel != null) {
                    throw new IllegalArgumentException(column + " is a " + type.label() + " and has no vocabulary");
                }
                if (fills ? !Float.isFinite(fill) : !Float.isNaN(fill)) {
                    throw new IllegalArgumentException(
                            column + " fills a missing cell with " + fill + " under missing: " + missing.label());
                }
                if (type == ColumnType.BOOLEAN && fills && !(fill >= 0 && fill <= 1)) {
                    throw new IllegalArgumentException(
                            column + " is a boolean; its fill must be in [0, 1], got " + fill);
                }
            }
        }

        /** {@return how many features it becomes: 1, or one per vocabulary value} */
        public int width() {
            return type == ColumnType.CATEGORY ? vocabulary.size() : 1;
        }

        /** {@return the names of its features: its name, or {@code name=value} for each vocabulary value} */
        public List<String> featureNames() {
            if (type != ColumnType.CATEGORY) {
                return List.of(name);
            }
            return vocabulary.stream().map(v -> name + "=" + v).toList();
        }

        private boolean fills() {
            return missing != Missing.DROP_ROW && missing != Missing.ERROR;
        }
    }

    private final List<Column> columns;
    private final List<String> missingValues;
    private final List<String> targetNames;
    private final Set<String> missingSet;
    private final List<String> featureNames;
    private final boolean[] indicators;
    /** Where each column's features start. */
    private final int[] offsets;
    /** Each column as a {@link TableColumn} whose levels are its vocabulary, for parsing text. */
    private final List<TableColumn> parsers;

    /**
     * An encoding from its parts (as a model file records them).
     *
     * @param columns       the input columns, in the order their features come
     * @param missingValues the texts that mean "missing" in a cell
     * @param targetNames   the names of the targets the table's model predicts (empty when unnamed)
     * @throws IllegalArgumentException when there are no columns or two have one name
     */
    public TableEncoding(List<Column> columns, Collection<String> missingValues, List<String> targetNames) {
        this.columns = List.copyOf(columns);
        this.missingValues = List.copyOf(new LinkedHashSet<>(missingValues));
        this.targetNames = List.copyOf(targetNames);
        this.missingSet = Set.copyOf(this.missingValues);
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("a table encoding needs at least one column");
        }
        Set<String> names = new HashSet<>();
        List<String> features = new ArrayList<>();
        List<TableColumn> parse = new ArrayList<>();
        offsets = new int[this.columns.size()];
        for (int j = 0; j < this.columns.size(); j++) {
            Column c = this.columns.get(j);
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two table columns are named '" + c.name() + "'");
            }
            offsets[j] = features.size();
            features.addAll(c.featureNames());
            parse.add(parser(c));
        }
        this.featureNames = List.copyOf(features);
        this.parsers = List.copyOf(parse);
        this.indicators = new boolean[features.size()];
        for (int j = 0; j < this.columns.size(); j++) {
            Arrays.fill(
                    indicators,
                    offsets[j],
                    offsets[j] + this.columns.get(j).width(),
                    this.columns.get(j).type() != ColumnType.NUMBER);
        }
    }

    /** A column whose {@link TableColumn#parse} reads a cell of {@code c}: a category's levels are its vocabulary. */
    private static TableColumn parser(Column c) {
        return switch (c.type()) {
            case NUMBER -> TableColumn.number(c.name());
            case BOOLEAN -> TableColumn.bool(c.name());
            case CATEGORY -> TableColumn.category(c.name(), c.vocabulary());
        };
    }

    /**
     * Fits an encoding on the training part of a raw table, with the default texts for "missing"
     * ({@link TableColumn#DEFAULT_MISSING_VALUES}) recorded for prediction.
     *
     * @param rawTrainingPart the training part, a raw table
     * @return the fitted encoding
     * @throws IllegalArgumentException when the dataset is not a raw table
     * @throws ConfigException          when a column cannot be fitted (every cell missing, a missing
     *                                  cell under {@code missing: error}, a constant that does not
     *                                  fit the column), naming the column
     */
    public static TableEncoding fit(Dataset rawTrainingPart) {
        return fit(rawTrainingPart, TableColumn.DEFAULT_MISSING_VALUES);
    }

    /**
     * Fits an encoding on the training part of a raw table: fill values and vocabularies from its
     * rows only.
     *
     * @param rawTrainingPart the training part, a raw table
     * @param missingValues   the texts that meant "missing" when the table was read, recorded so that
     *                        rows given at prediction time read the same
     * @return the fitted encoding
     * @throws IllegalArgumentException when the dataset is not a raw table
     * @throws ConfigException          when a column cannot be fitted, naming the column
     */
    public static TableEncoding fit(Dataset rawTrainingPart, Collection<String> missingValues) {
        Dataset raw = rawTrainingPart;
        List<TableColumn> table = requireTable(raw);
        boolean[] kept = keptRows(raw, table);
        float[] x = raw.features().data();
        int d = table.size();
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            TableColumn c = table.get(j);
            String where = raw.name();
            String column = "column '" + c.name() + "'";
            // The column's cells that are there, in plain floats (-0 as 0): a table may have millions of rows.
            float[] values = new float[raw.size()];
            int count = 0;
            for (int r = 0; r < raw.size(); r++) {
                float v = x[r * d + j];
                if (kept[r] && !Float.isNaN(v)) {
                    values[count++] = v == 0f ? 0f : v;
                }
            }
            values = Arrays.copyOf(values, count);
            for (int r = 0; r < raw.size(); r++) {
                if (Float.isNaN(x[r * d + j])) {
                    if (c.missing() == Missing.ERROR) {
                        throw new ConfigException(
                                where,
                                column + " has a missing cell in row " + (r + 1)
                                        + ", and its missing rule is error; fill it in, or choose another rule");
                    }
                }
            }
            boolean needsFill = c.missing() != Missing.DROP_ROW && c.missing() != Missing.ERROR;
            if (needsFill && c.missing() != Missing.CONSTANT && values.length == 0) {
                throw new ConfigException(
                        where,
                        column + ": every cell of the training part is missing, so there is no "
                                + c.missing().label()
                                + " to fill with; drop the column, or give missing: constant with a fill");
            }
            if (c.type() == ColumnType.CATEGORY) {
                columns.add(category(c, values, where));
            } else {
                float fill = Float.NaN;
                if (needsFill) {
                    fill = switch (c.missing()) {
                        case MEAN -> mean(values);
                        case MEDIAN -> median(values);
                        case MOST_FREQUENT -> mostFrequent(values);
                        default -> constant(c, where);
                    };
                }
                columns.add(new Column(c.name(), c.type(), List.of(), c.missing(), fill, null, c.unseen()));
            }
        }
        return new TableEncoding(columns, missingValues, raw.targetNames());
    }

    private static Column category(TableColumn c, float[] codes, String where) {
        String column = "column '" + c.name() + "'";
        if (c.missing() == Missing.MEAN || c.missing() == Missing.MEDIAN) {
            throw new ConfigException(
                    where,
                    column + " is a category, which has no " + c.missing().label()
                            + "; use missing: most_frequent or constant");
        }
        int[] counts = new int[c.levels().size()];
        for (float code : codes) {
            int k = (int) code;
            if (k >= 0 && k < counts.length) {
                counts[k]++;
            }
        }
        List<String> vocabulary = new ArrayList<>();
        int best = -1;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                vocabulary.add(c.levels().get(k));
            }
            // The first level in levels order wins a tie.
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
                best = k;
            }
        }
        String fillLevel = null;
        if (c.missing() == Missing.MOST_FREQUENT) {
            if (best < 0) {
                throw new ConfigException(
                        where,
                        column + ": every cell of the training part is missing, so there is no most frequent value"
                                + " to fill with; drop the column, or give missing: constant with a fill");
            }
            fillLevel = c.levels().get(best);
        } else if (c.missing() == Missing.CONSTANT) {
            if (c.fill() == null) {
                throw new ConfigException(where, column + " has missing: constant but no fill value; give one");
            }
            fillLevel = c.fill().strip();
            if (!vocabulary.contains(fillLevel)) {
                // In levels order when the table knows it, else after every value of the training part.
                int at = c.levels().indexOf(fillLevel);
                int pos = vocabulary.size();
                if (at >= 0) {
                    pos = 0;
                    while (pos < vocabulary.size() && c.levels().indexOf(vocabulary.get(pos)) < at) {
                        pos++;
                    }
                }
                vocabulary.add(pos, fillLevel);
            }
        }
        if (vocabulary.isEmpty()) {
            throw new ConfigException(
                    where, column + " has no values in the training part; drop the column, or give it some");
        }
        return new Column(c.name(), c.type(), vocabulary, c.missing(), Float.NaN, fillLevel, c.unseen());
    }

    private static float constant(TableColumn c, String where) {
        String column = "column '" + c.name() + "'";
        if (c.fill() == null) {
            throw new ConfigException(where, column + " has missing: constant but no fill value; give one");
        }
        float v;
        try {
            v = c.parse(c.fill(), Set.of());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where, column + ": its fill " + e.getMessage());
        }
        if (!Float.isFinite(v)) {
            throw new ConfigException(where, column + ": its fill '" + c.fill() + "' is not a finite number");
        }
        return v;
    }

    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    /** numpy's median: the middle value, or the mean of the two middle values. */
    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (float) (((double) sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }

    /** The most frequent value, the smallest on a tie (as scikit-learn's SimpleImputer). */
    private static float mostFrequent(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        float best = Float.NaN;
        int bestCount = 0;
        for (int i = 0, run; i < sorted.length; i += run) {
            run = 1;
            while (i + run < sorted.length && sorted[i + run] == sorted[i]) {
                run++;
            }
            // Ascending order: a later run wins only with more cells, so the smallest value wins a tie.
            if (run > bestCount) {
                best = sorted[i];
                bestCount = run;
            }
        }
        return best;
    }

    private static List<TableColumn> requireTable(Dataset raw) {
        if (raw.table().isEmpty()) {
            throw new IllegalArgumentException(raw.name() + " is not a raw table (it has no table columns)");
        }
        return raw.table();
    }

    /** The rows with no missing cell in a drop_row column. */
    private static boolean[] keptRows(Dataset raw, List<TableColumn> table) {
        boolean[] kept = new boolean[raw.size()];
        Arrays.fill(kept, true);
        float[] x = raw.features().data();
        int d = table.size();
        for (int j = 0; j < d; j++) {
            if (table.get(j).missing() == Missing.DROP_ROW) {
                for (int r = 0; r < raw.size(); r++) {
                    kept[r] &= !Float.isNaN(x[r * d + j]);
                }
            }
        }
        return kept;
    }

    /** {@return the input columns, in the order their features come} */
    public List<Column> columns() {
        return columns;
    }

    /** {@return the texts that mean "missing" in a cell given to {@link #forHeader} or {@link #encode(Map)}} */
    public List<String> missingValues() {
        return missingValues;
    }

    /** {@return the names of the targets the table's model predicts, in output order; empty when unnamed} */
    public List<String> targetNames() {
        return targetNames;
    }

    /** {@return the number of features the encoded rows have} */
    public int width() {
        return featureNames.size();
    }

    /** {@return the encoded features' names, in order: {@code rooms}, {@code city=Paris}, {@code smoker}} */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * {@return for each encoded feature, whether it is an indicator (a category's one-hot feature, or
     * a boolean), which scaling steps leave as it is so that it stays 0/1 (a copy)}
     */
    public boolean[] indicators() {
        return indicators.clone();
    }

    /**
     * Encodes a raw table: the columns' features, missing cells filled, rows with a missing cell in a
     * {@link Missing#DROP_ROW} column left out. Its fixed test split, if any, is encoded too.
     *
     * @param raw a raw table with the columns this encoding was fitted on (codes are read through
     *            its own levels, so its levels may differ)
     * @return the encoded dataset, with {@link #featureNames()} as its feature names
     * @throws IllegalArgumentException when {@code raw} is not a raw table of these columns
     * @throws ConfigException          for a missing cell in an {@link Missing#ERROR} column, or an
     *                                  unseen value in an {@link Unseen#ERROR} column, naming the
     *                                  column, the value and the row
     */
    public Dataset apply(Dataset raw) {
        List<TableColumn> table = requireTable(raw);
        List<String> given = table.stream().map(c -> c.name() + ":" + c.type()).toList();
        List<String> mine = columns.stream().map(c -> c.name() + ":" + c.type()).toList();
        if (!given.equals(mine)) {
            throw new IllegalArgumentException(
                    raw.name() + " has the columns " + given + ", but the encoding was fitted on " + mine);
        }
        Dataset part = raw;
        boolean[] kept = keptRows(raw, table);
        int keep = 0;
        for (boolean k : kept) {
            keep += k ? 1 : 0;
        }
        if (keep < raw.size()) {
            int[] rows = new int[keep];
            for (int r = 0, i = 0; r < raw.size(); r++) {
                if (kept[r]) {
                    rows[i++] = r;
                }
            }
            part = raw.subset(rows);
        }
        int d = columns.size();
        // For each column, each code of the dataset's own levels as an index into the vocabulary (-1: unseen).
        int[][] lookup = new int[d][];
        for (int j = 0; j < d; j++) {
            List<String> levels = table.get(j).levels();
            lookup[j] = new int[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                lookup[j][k] = columns.get(j).vocabulary().indexOf(levels.get(k));
            }
        }
        Matrix out = new Matrix(part.size(), width());
        float[] x = part.features().data();
        float[] y = out.data();
        int w = width();
        for (int r = 0; r < part.size(); r++) {
            for (int j = 0; j < d; j++) {
                Column c = columns.get(j);
                float v = x[r * d + j];
                int at = r * w + offsets[j];
                if (Float.isNaN(v) && !c.fills()) {
                    throw new ConfigException(
                            raw.name(),
                            "column '" + c.name() + "' has a missing cell in row " + (r + 1)
                                    + ", and its missing rule is error; fill it in, or choose another rule");
                }
                if (c.type() != ColumnType.CATEGORY) {
                    y[at] = Float.isNaN(v) ? c.fill() : v;
                    continue;
                }
                int k;
                if (Float.isNaN(v)) {
                    k = c.vocabulary().indexOf(c.fillLevel());
                } else {
                    int code = (int) v;
                    k = code >= 0 && code < lookup[j].length ? lookup[j][code] : -1;
                    if (k < 0 && c.unseen() == Unseen.ERROR) {
                        String text = code >= 0 && code < table.get(j).levels().size()
                                ? table.get(j).levels().get(code)
                                : "code " + code;
                        throw new ConfigException(raw.name(), unseenMessage(c, text) + " (row " + (r + 1) + ")");
                    }
                }
                if (k >= 0) {
                    y[at + k] = 1f;
                }
            }
        }
        Dataset encoded = part.isClassification()
                ? Dataset.classification(part.name(), out, part.labels(), part.classNames())
                : Dataset.regression(part.name(), out, part.targets());
        encoded = encoded.withNames(featureNames, part.targetNames());
        if (raw.test().isPresent()) {
            encoded = encoded.withTest(apply(raw.test().get()));
        }
        return encoded;
    }

    private String unseenMessage(Column c, String value) {
        return "column '" + c.name() + "': '" + value + "' is not one of the values of the training part ("
                + shortList(c.vocabulary()) + "), and its unseen rule is error; set unseen: zeros to encode it"
                + " as all zeros, or train on data that has it";
    }

    private static String shortList(List<String> values) {
        return values.size() <= 10
                ? String.join(", ", values)
                : String.join(", ", values.subList(0, 10)) + ", ... " + (values.size() - 10) + " more";
    }

    /**
     * {@return an encoder of text rows whose columns are named by {@code header}} Columns are found
     * by name, in any order; columns the encoding does not know are ignored.
     *
     * @param header the rows' column names (surrounding spaces are ignored)
     * @throws IllegalArgumentException naming a column of the encoding the header lacks, or has twice
     */
    public Encoder forHeader(List<String> header) {
        int[] index = new int[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            String name = columns.get(j).name();
            index[j] = -1;
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i) != null && header.get(i).strip().equals(name)) {
                    if (index[j] >= 0) {
                        throw new IllegalArgumentException("the header has the column '" + name + "' twice");
                    }
                    index[j] = i;
                }
            }
            if (index[j] < 0) {
                throw new IllegalArgumentException("the header has no column '" + name
                        + "', which the model needs (it takes " + shortList(columnNames()) + ")");
            }
        }
        return new Encoder(index, header.size());
    }

    private List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * {@return one row's encoded features} Each column the encoding knows must be a key; its value
     * is a String (read as a cell of the table would be), a Number, a Boolean, or null for a missing
     * cell. Other keys are ignored.
     *
     * @param row the row's values by column name
     * @throws IllegalArgumentException naming the column, for a missing key, a value that does not
     *                                  fit its column, a missing value the column cannot fill, or an
     *                                  unseen value under {@link Unseen#ERROR}
     */
    public float[] encode(Map<String, ?> row) {
        float[] out = new float[width()];
        for (int j = 0; j < columns.size(); j++) {
            Column c = columns.get(j);
            if (!row.containsKey(c.name())) {
                throw new IllegalArgumentException("no value for the column '" + c.name()
                        + "'; give every column the model was trained on (null for a missing value): "
                        + shortList(columnNames()));
            }
            Object value = row.get(c.name());
            if (value == null || value instanceof String) {
                encodeCell(j, (String) value, out, 0);
            } else if (value instanceof Boolean b) {
                if (c.type() == ColumnType.NUMBER) {
                    throw new IllegalArgumentException(
                            "column '" + c.name() + "': " + b + " is a boolean, but the column holds numbers");
                }
                encodeCell(j, b.toString(), out, 0);
            } else if (value instanceof Number n) {
                double v = n.doubleValue();
                if (Double.isNaN(v)) {
                    encodeCell(j, null, out, 0);
                } else if (c.type() == ColumnType.NUMBER) {
                    if (Double.isInfinite(v)) {
                        throw new IllegalArgumentException("column '" + c.name() + "': " + n + " is not finite");
                    }
                    out[offsets[j]] = n.floatValue();
                } else {
                    boolean whole = v == Math.rint(v) && Math.abs(v) < 1e15;
                    encodeCell(j, whole ? Long.toString((long) v) : n.toString(), out, 0);
                }
            } else {
                throw new IllegalArgumentException("column '" + c.name() + "': a value must be a String, Number,"
                        + " Boolean or null, got a " + value.getClass().getName());
            }
        }
        return out;
    }

    /** Column {@code j}'s features for the text {@code cell} (null: missing), at {@code base + offsets[j]}. */
    private void encodeCell(int j, String cell, float[] out, int base) {
        Column c = columns.get(j);
        float v;
        try {
            v = parsers.get(j).parse(cell, missingSet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column '" + c.name() + "': " + e.getMessage());
        }
        int at = base + offsets[j];
        if (Float.isNaN(v)) {
            if (!c.fills()) {
                throw new IllegalArgumentException("column '" + c.name() + "' is missing, and the model was trained"
                        + " with missing: " + c.missing().label()
                        + " for it, so it cannot fill it in; give a value");
            }
            if (c.type() != ColumnType.CATEGORY) {
                out[at] = c.fill();
                return;
            }
            v = c.vocabulary().indexOf(c.fillLevel());
        }
        if (c.type() != ColumnType.CATEGORY) {
            out[at] = v;
            return;
        }
        Arrays.fill(out, at, at + c.width(), 0f);
        if (v < 0) {
            if (c.unseen() == Unseen.ERROR) {
                throw new IllegalArgumentException(unseenMessage(c, cell.strip()));
            }
            return;
        }
        out[at + (int) v] = 1f;
    }

    /**
     * Encodes text rows with a given header: one per file being read, made by {@link #forHeader}.
     * Safe to share between threads.
     */
    public final class Encoder {
        private final int[] index;
        private final int headerSize;

        private Encoder(int[] index, int headerSize) {
            this.index = index;
            this.headerSize = headerSize;
        }

        /** {@return the number of features {@link #encode} writes: the encoding's width} */
        public int width() {
            return TableEncoding.this.width();
        }

        /** {@return the number of columns of the header it was made for} */
        public int headerSize() {
            return headerSize;
        }

        /**
         * Encodes one row of cells into {@code out[offset, offset + width())}.
         *
         * @param cells  the row's cells, in the header's order (null or a missing text: missing)
         * @param out    where the features go
         * @param offset where the row's first feature goes
         * @throws IllegalArgumentException naming the column, for a row shorter than a needed column,
         *                                  a cell that does not fit its column, a missing cell the
         *                                  column cannot fill, or an unseen value under {@link Unseen#ERROR};
         *                                  the caller puts the file and line before it
         */
        public void encode(List<String> cells, float[] out, int offset) {
            for (int j = 0; j < columns.size(); j++) {
                if (index[j] >= cells.size()) {
                    throw new IllegalArgumentException("the row has " + cells.size() + " values, so no column '"
                            + columns.get(j).name() + "' (the header has " + headerSize + ")");
                }
                encodeCell(j, cells.get(index[j]), out, offset);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableEncoding t
                && t.columns.equals(columns)
                && t.missingValues.equals(missingValues)
                && t.targetNames.equals(targetNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, missingValues, targetNames);
    }

    @Override
    public String toString() {
        return "table(" + columns.size() + " columns -> " + width() + " features)";
    }
}
