package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.TableColumn;
import dev.nn.core.registry.DidYouMean;
import dev.nn.plugins.data.CsvSettings.Declared;
import dev.nn.plugins.data.CsvSettings.Task;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CSV file read in one pass, every cell straight to float32 in its column's slot of the rows
 * (see {@link InputColumn} and {@link TargetColumn}). {@link CsvTokens} splits the text without a
 * String per cell; the only text kept is each category column's distinct values. Every problem is
 * a {@link ConfigException} at {@code file:line}.
 */
final class CsvTable {
    /** Whether the first record is a header: {@code "true"}, {@code "false"} or {@code "auto"}. */
    enum Header {
        TRUE,
        FALSE,
        AUTO;

        /** The mode named {@code value}, or null when it is none of them. */
        static Header parse(String value) {
            for (Header mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** How the label column was asked for: {@code last}, {@code first}, a 0-based index or a header name. */
    record LabelColumn(String text) {

        boolean isName() {
            return !text.equals("last") && !text.equals("first") && index() == null;
        }

        /** The column given as a number, or null. */
        Integer index() {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The columns of a table as its training file's first row fixes them: names, targets, inputs. */
    static final class Layout {
        final Path file;
        /** The header, or null when the file has none. */
        final List<String> header;
        /** Every column's name: the header's (an empty one is "Unnamed: i", as pandas names it), or its index. */
        final List<String> names;

        final int columns;
        final InputColumn[] inputs;
        final TargetColumn[] targets;
        /** The inputs whose missing cells drop their row. */
        final InputColumn[] dropRow;

        Layout(Path file, List<String> header, List<String> names, InputColumn[] inputs, TargetColumn[] targets) {
            this.file = file;
            this.header = header;
            this.names = names;
            this.columns = names.size();
            this.inputs = inputs;
            this.targets = targets;
            this.dropRow = Arrays.stream(inputs)
                    .filter(c -> c.missing == Missing.DROP_ROW)
                    .toArray(InputColumn[]::new);
        }

        int width() {
            return inputs.length + targets.length;
        }
    }

    final Path file;
    final Layout layout;
    final RowStore store;
    /** Rows left out for a missing target. */
    final long droppedForTarget;
    /** Rows left out for a missing cell in a {@code drop_row} column, by column (the first such cell of a row). */
    final Map<String, Long> droppedForMissing;

    private CsvTable(
            Path file, Layout layout, RowStore store, long droppedForTarget, Map<String, Long> droppedForMissing) {
        this.file = file;
        this.layout = layout;
        this.store = store;
        this.droppedForTarget = droppedForTarget;
        this.droppedForMissing = droppedForMissing;
    }

    int rows() {
        return store.rows();
    }

    /**
     * Reads {@code file}; {@code like} is the training file's layout when this is its test file, so
     * that the columns must match it and their types and classes are fixed.
     */
    static CsvTable read(Path file, CsvSettings settings, Layout like) throws IOException {
        try (Reader reader = new StrictUtf8Reader(DataFiles.open(file, "a CSV file"))) {
            return new Reading(file, new CsvTokens(reader, settings.delimiter()), settings, like).read();
        }
    }

    /** The state of reading one file; the columns raise their errors through it. */
    static final class Reading {
        private final Path file;
        private final CsvTokens tokens;
        private final CsvSettings settings;
        private final Layout like;
        private final Set<String> missingValues;
        private final int longestMissing;
        private final String[] missingSpellings;
        private final Cell cell = new Cell();
        /** The first characters of the missing-value spellings: a cell starting otherwise is not looked up. */
        private final boolean[] missingStarts = new boolean[128];

        private boolean missingStartsAbove127;

        private Layout layout;
        private long firstLine;
        private RowStore store;
        private float[] row;
        private long droppedForTarget;
        private final Map<String, Long> droppedForMissing = new LinkedHashMap<>();

        Reading(Path file, CsvTokens tokens, CsvSettings settings, Layout like) {
            this.file = file;
            this.tokens = tokens;
            this.settings = settings;
            this.like = like;
            this.missingValues = settings.missingValues();
            this.longestMissing = settings.longestMissing();
            this.missingSpellings =
                    missingValues.stream().filter(m -> !m.isEmpty()).toArray(String[]::new);
            for (String spelling : missingValues) {
                if (!spelling.isEmpty()) {
                    char c = spelling.charAt(0);
                    if (c < 128) {
                        missingStarts[c] = true;
                    } else {
                        missingStartsAbove127 = true;
                    }
                }
            }
        }

        /** {@return an error at {@code line} of this file} */
        ConfigException error(long line, String message) {
            return new ConfigException(file + ":" + line, message);
        }

        RowStore store() {
            return store;
        }

        CsvTable read() throws IOException {
            if (!next()) {
                throw new ConfigException(
                        file.toString(),
                        "the file is empty; expected rows of values, one example per row, with a header naming the"
                                + " columns");
            }
            firstLine = tokens.line();
            List<String> firstValues = tokens.texts();
            int columns = firstValues.size();
            boolean hasSecond = next();
            List<String> secondValues = hasSecond ? tokens.texts() : null;

            if (columns < 2) {
                throw error(
                        firstLine,
                        "found " + columns + " column; a row needs at least one feature and the label"
                                + delimiterHint(firstValues.get(0)));
            }
            boolean hasHeader = hasHeader(firstValues, secondValues, columns);
            List<String> header = hasHeader ? List.copyOf(firstValues) : null;
            if (like != null) {
                checkColumnsMatch(header, columns);
                layout = like;
            } else {
                layout = new LayoutMaker(header, columns).make();
            }
            store = new RowStore(layout.width());
            row = new float[layout.width()];
            if (!hasHeader) {
                add(new TextCells(firstValues), firstLine);
            }
            if (hasSecond) {
                add(tokens, tokens.line());
                while (next()) {
                    add(tokens, tokens.line());
                }
            }
            if (store.rows() == 0) {
                long dropped = droppedForTarget
                        + droppedForMissing.values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                throw new ConfigException(
                        file.toString(),
                        dropped == 0
                                ? "has a header but no data rows"
                                : "has no rows left: every one of its " + dropped + " rows lacks its target or a"
                                        + " value that drop_row asks for");
            }
            return new CsvTable(file, layout, store, droppedForTarget, droppedForMissing);
        }

        /** Reads the next record; false at the end. One that cannot be read is an error at its line. */
        private boolean next() throws IOException {
            try {
                return tokens.next();
            } catch (StrictUtf8Reader.NotUtf8 bad) {
                throw new ConfigException(
                        file + ":" + bad.line(),
                        "byte " + bad.byteOffset() + " of the file is not UTF-8"
                                + " text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)");
            } catch (CsvTokens.Malformed bad) {
                throw switch (bad.kind) {
                    case UNCLOSED_QUOTE ->
                        new ConfigException(
                                file + ":" + bad.line,
                                "record " + bad.record + " opens a quoted value that is never closed (the file ends on"
                                        + " line " + bad.lastLine + "); close the quote with another \", or remove it");
                    case TEXT_AFTER_QUOTE ->
                        new ConfigException(
                                file + ":" + bad.line,
                                "record " + bad.record + " has a quoted value followed by more text before the next"
                                        + " delimiter; quote the whole value, and write a quote inside it as two (\"\")");
                };
            }
        }

        private boolean hasHeader(List<String> first, List<String> second, int columns) {
            LabelColumn label = settings.label();
            switch (settings.header()) {
                case TRUE:
                    return true;
                case FALSE:
                    if (label != null && label.isName()) {
                        throw error(
                                firstLine,
                                "label '" + label.text()
                                        + "' names a column, but header is false so the columns have no names;"
                                        + " give the label as first, last or a 0-based column index");
                    }
                    return false;
                default:
                    break;
            }
            if (settings.namesColumns()) {
                return true;
            }
            // Any feature column that is not a number (nor a missing cell) makes it a header. The label column
            // alone may hold words (string classes), so it counts only if the next row's label is a number.
            int labelAt = positionalLabelColumn(label, columns);
            for (int c = 0; c < first.size(); c++) {
                if (c != labelAt && isWord(first.get(c))) {
                    return true;
                }
            }
            return labelAt >= 0
                    && labelAt < first.size()
                    && !isNumber(first.get(labelAt))
                    && second != null
                    && second.size() > labelAt
                    && isNumber(second.get(labelAt));
        }

        private boolean isWord(String text) {
            return !isMissing(text) && !isNumber(text);
        }

        private void checkColumnsMatch(List<String> header, int columns) {
            if (columns != like.columns) {
                throw error(
                        firstLine,
                        "the test file has " + columns + " columns, the training file " + like.file + " has "
                                + like.columns + "; both need the same columns");
            }
            if (header != null && like.header != null && !header.equals(like.header)) {
                throw error(
                        firstLine,
                        "the test file's columns (" + String.join(", ", header) + ") differ from the training file's ("
                                + String.join(", ", like.header) + ")");
            }
        }

        private boolean isMissing(String text) {
            return text.isEmpty() || missingValues.contains(text);
        }

        /** A cell is missing when empty or one of the spellings; most cells are told apart by length or first character. */
        private boolean isMissing(Cell text) {
            int n = text.length();
            if (n == 0) {
                return true;
            }
            if (n > longestMissing) {
                return false;
            }
            char c = text.charAt(0);
            if (c < 128 ? !missingStarts[c] : !missingStartsAbove127) {
                return false;
            }
            for (String spelling : missingSpellings) {
                if (text.is(spelling)) {
                    return true;
                }
            }
            return false;
        }

        private void add(Cells record, long line) {
            if (record.size() != layout.columns) {
                throw error(
                        line,
                        "row has " + record.size() + " values, expected " + layout.columns + " like line " + firstLine);
            }
            for (TargetColumn target : layout.targets) {
                record.cell(target.index, cell);
                if (isMissing(cell)) {
                    droppedForTarget++;
                    return;
                }
            }
            for (InputColumn column : layout.dropRow) {
                record.cell(column.index, cell);
                if (isMissing(cell)) {
                    droppedForMissing.merge(column.name, 1L, Long::sum);
                    return;
                }
            }
            long values = (long) (store.rows() + 1) * Math.max(layout.inputs.length, layout.targets.length);
            if (values > Matrix.MAX_SIZE) {
                throw error(
                        line,
                        "the file has more values than one matrix can hold (" + Matrix.MAX_SIZE
                                + "); use a smaller file or the idx format");
            }
            // The cells go to a row of their own first: a column that turns from numbers to words rewrites
            // its earlier cells, which must all be whole rows.
            for (InputColumn column : layout.inputs) {
                record.cell(column.index, cell);
                row[column.slot] =
                        isMissing(cell) ? column.missingValue(cell, this, line) : column.value(cell, this, line);
            }
            for (TargetColumn target : layout.targets) {
                record.cell(target.index, cell);
                row[target.slot] = target.value(cell, this, line);
            }
            int at = store.append();
            System.arraycopy(row, 0, store.current(), at, row.length);
        }

        /** Makes the layout from the training file's first row: names, the target, the inputs and what is declared of them. */
        private final class LayoutMaker {
            private final List<String> header;
            private final int columns;
            private final List<String> names = new ArrayList<>();
            private final Map<String, Integer> byName = new HashMap<>();

            LayoutMaker(List<String> header, int columns) {
                this.header = header;
                this.columns = columns;
            }

            Layout make() {
                for (int c = 0; c < columns; c++) {
                    String name = header == null
                            ? Integer.toString(c)
                            : header.get(c).isEmpty() ? "Unnamed: " + c : header.get(c);
                    Integer before = byName.putIfAbsent(name, c);
                    if (before != null) {
                        throw error(
                                firstLine,
                                "columns " + before + " and " + c + " are both named '" + name
                                        + "'; give each column its own name in the header");
                    }
                    names.add(name);
                }
                List<Integer> targets = targetColumns();
                Set<Integer> dropped = new HashSet<>();
                for (String name : settings.drop()) {
                    int c = column(name, "column '" + name + "' under drop:");
                    if (targets.contains(c)) {
                        throw error(
                                firstLine,
                                "column '" + names.get(c) + "' is the target and under drop:; remove it from drop:");
                    }
                    dropped.add(c);
                }
                for (String name : settings.columns().keySet()) {
                    int c = column(name, "column '" + name + "' under columns:");
                    if (targets.contains(c)) {
                        throw error(
                                firstLine,
                                "column '" + name + "' under columns: is the target; columns: describes the input"
                                        + " columns (task: says how the target is read)");
                    }
                    if (dropped.contains(c)) {
                        throw error(
                                firstLine,
                                "column '" + name + "' is under both drop: and columns:; remove it from one of them");
                    }
                }
                List<InputColumn> inputs = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    if (!targets.contains(c) && !dropped.contains(c)) {
                        Declared declared = settings.columns().get(names.get(c));
                        inputs.add(new InputColumn(names.get(c), c, inputs.size(), header != null, declared));
                    }
                }
                if (inputs.isEmpty()) {
                    throw error(
                            firstLine,
                            "no input columns are left: the " + columns + " columns are "
                                    + (settings.drop().isEmpty() ? "all targets" : "targets or under drop:"));
                }
                TargetColumn[] targetColumns = new TargetColumn[targets.size()];
                Task task = settings.task() != null
                        ? settings.task()
                        : targets.size() > 1 ? Task.REGRESSION : settings.label() != null ? Task.CLASSIFICATION : null;
                for (int k = 0; k < targetColumns.length; k++) {
                    int c = targets.get(k);
                    targetColumns[k] = new TargetColumn(names.get(c), c, inputs.size() + k, header != null, task);
                }
                return new Layout(file, header, List.copyOf(names), inputs.toArray(InputColumn[]::new), targetColumns);
            }

            private List<Integer> targetColumns() {
                LabelColumn label = settings.label();
                if (label == null) {
                    List<Integer> targets = new ArrayList<>();
                    for (String name : settings.targets()) {
                        targets.add(column(name, "target column '" + name + "'"));
                    }
                    return targets;
                }
                if (!label.isName()) {
                    int index = positionalLabelColumn(label, columns);
                    if (index < 0 || index >= columns) {
                        throw error(
                                firstLine,
                                "label column index " + index + " is out of range; the rows have " + columns
                                        + " columns, indices 0 to " + (columns - 1));
                    }
                    return List.of(index);
                }
                return List.of(column(label.text(), "label column '" + label.text() + "'"));
            }

            /** The index of the column named {@code name}, or an error saying what there is. */
            private int column(String name, String what) {
                Integer c = byName.get(name);
                if (c == null) {
                    throw error(
                            firstLine,
                            what + " not found" + didYouMean(name, names) + "; the columns are: "
                                    + String.join(", ", names)
                                    + (header == null ? " (header: false names them by their 0-based index)" : ""));
                }
                return c;
            }
        }

        private static String delimiterHint(String value) {
            for (String candidate : new String[] {";", "\t", "|", " "}) {
                if (value.contains(candidate)) {
                    return "; if the values are separated by '" + (candidate.equals("\t") ? "\\t" : candidate)
                            + "', set delimiter: '" + (candidate.equals("\t") ? "\\t" : candidate) + "'";
                }
            }
            return "";
        }
    }

    /** The cells of one record, read where they lie. */
    interface Cells {
        int size();

        /** Points {@code into} at cell {@code i}. */
        void cell(int i, Cell into);
    }

    /** A record already made strings (the first, read before the header was decided). */
    private record TextCells(List<String> texts) implements Cells {
        @Override
        public int size() {
            return texts.size();
        }

        @Override
        public void cell(int i, Cell into) {
            String text = texts.get(i);
            into.set(text.toCharArray(), 0, text.length());
        }
    }

    /** The label column when given by position (possibly out of range), -1 when given by name or as target. */
    private static int positionalLabelColumn(LabelColumn label, int columns) {
        if (label == null) {
            return -1;
        }
        return switch (label.text()) {
            case "last" -> columns - 1;
            case "first" -> 0;
            default -> label.isName() ? -1 : label.index();
        };
    }

    /** True for text a number column takes: a number in decimal or scientific notation. */
    static boolean isNumber(String text) {
        return !Float.isNaN(TableColumn.numberValue(text));
    }

    /** {@code " (did you mean 'x'?)"} for the name closest to a misspelt one, or nothing when none is close. */
    static String didYouMean(String given, Collection<String> known) {
        return DidYouMean.hint(given, known);
    }
}
